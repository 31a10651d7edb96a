<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>sqlsnap::ui::CompareTab</name>
    <message numerus="yes">
        <source>%1 changed rows in %2</source>
        <translation>
            <numerusform>%1 changed row in %2</numerusform>
            <numerusform>%1 changed rows in %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 schema changes</source>
        <translation>
            <numerusform>%1 schema change</numerusform>
            <numerusform>%1 schema changes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 tables differ</source>
        <translation>
            <numerusform>%1 table differs</numerusform>
            <numerusform>%1 tables differ</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The comparison was cancelled after %1 of %2 tables: only those are listed; compare again to see them all (Export needs a whole comparison).</source>
        <translation>
            <numerusform>The comparison was cancelled after %1 of %2 table: only those are listed; compare again to see them all (Export needs a whole comparison).</numerusform>
            <numerusform>The comparison was cancelled after %1 of %2 tables: only those are listed; compare again to see them all (Export needs a whole comparison).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled after %1 of %2 tables.</source>
        <translation>
            <numerusform>Cancelled after %1 of %2 table.</numerusform>
            <numerusform>Cancelled after %1 of %2 tables.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 rows in %2 (%3)</source>
        <translation>
            <numerusform>%1 row in %2 (%3)</numerusform>
            <numerusform>%1 rows in %2 (%3)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::FindDatabasesDialog</name>
    <message numerus="yes">
        <source>Found %1 database(s). Select the ones to add to the list.</source>
        <translation>
            <numerusform>Found %1 database. Select the ones to add to the list.</numerusform>
            <numerusform>Found %1 databases. Select the ones to add to the list.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 file(s) or folder(s) could not be read.</source>
        <translation>
            <numerusform>%1 file or folder could not be read.</numerusform>
            <numerusform>%1 files or folders could not be read.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped. The list shows the %n database(s) found until then.</source>
        <translation>
            <numerusform>Stopped. The list shows the %n database found until then.</numerusform>
            <numerusform>Stopped. The list shows the %n databases found until then.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Found %n database(s) so far; still looking…</source>
        <translation>
            <numerusform>Found %n database so far; still looking…</numerusform>
            <numerusform>Found %n databases so far; still looking…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::FindPanel</name>
    <message numerus="yes">
        <source>Stopped: %1 row(s) found so far</source>
        <translation>
            <numerusform>Stopped: %1 row found so far</numerusform>
            <numerusform>Stopped: %1 rows found so far</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 row(s)</source>
        <translation>
            <numerusform>%1 row</numerusform>
            <numerusform>%1 rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Table %1 of %2: %3 — %4 row(s) found</source>
        <translation>
            <numerusform>Table %1 of %2: %3 — %4 row found</numerusform>
            <numerusform>Table %1 of %2: %3 — %4 rows found</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Not found in %1 table(s)</source>
        <translation>
            <numerusform>Not found in %1 table</numerusform>
            <numerusform>Not found in %1 tables</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 row(s) found in %2</source>
        <translation>
            <numerusform>%1 row found in %2</numerusform>
            <numerusform>%1 rows found in %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 table(s)</source>
        <translation>
            <numerusform>%1 table</numerusform>
            <numerusform>%1 tables</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %2 table(s) searched</source>
        <translation>
            <numerusform>%1 of %2 table searched</numerusform>
            <numerusform>%1 of %2 tables searched</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 row(s) shown; more in %2 (found in %3)</source>
        <translation>
            <numerusform>%1 row shown; more in %2 (found in %3)</numerusform>
            <numerusform>%1 rows shown; more in %2 (found in %3)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::Format</name>
    <message numerus="yes">
        <source>%1 byte(s)</source>
        <translation>
            <numerusform>%1 byte</numerusform>
            <numerusform>%1 bytes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 page(s)</source>
        <translation>
            <numerusform>%1 page</numerusform>
            <numerusform>%1 pages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 row(s)</source>
        <translation>
            <numerusform>%1 row</numerusform>
            <numerusform>%1 rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Backing up — %1 of %2 page(s)</source>
        <translation>
            <numerusform>Backing up — %1 of %2 page</numerusform>
            <numerusform>Backing up — %1 of %2 pages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::HexDumpView</name>
    <message numerus="yes">
        <source>Copied %1 row(s) of the hex dump.</source>
        <translation>
            <numerusform>Copied %1 row of the hex dump.</numerusform>
            <numerusform>Copied %1 rows of the hex dump.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::HistoryView</name>
    <message numerus="yes">
        <source>%1 snapshot(s), newest first</source>
        <translation>
            <numerusform>%1 snapshot, newest first</numerusform>
            <numerusform>%1 snapshots, newest first</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %1 missing</source>
        <translation>
            <numerusform> · %1 missing</numerusform>
            <numerusform> · %1 missing</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %1 snapshot(s).</source>
        <translation>
            <numerusform>Deleted %1 snapshot.</numerusform>
            <numerusform>Deleted %1 snapshots.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %1 snapshot(s) from %2?</source>
        <translation>
            <numerusform>Delete %1 snapshot from %2?</numerusform>
            <numerusform>Delete %1 snapshots from %2?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %1 snapshot(s) from %2 folders?</source>
        <translation>
            <numerusform>Delete %1 snapshot from %2 folders?</numerusform>
            <numerusform>Delete %1 snapshots from %2 folders?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The file(s) will be deleted from the disk and from the folder&apos;s history record. This cannot be undone.</source>
        <translation>
            <numerusform>The file will be deleted from the disk and from its folder&apos;s history record. This cannot be undone.</numerusform>
            <numerusform>The files will be deleted from the disk and from their folders&apos; history records. This cannot be undone.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 snapshot(s) in %2 folders, newest first</source>
        <translation>
            <numerusform>%1 snapshot in %2 folders, newest first</numerusform>
            <numerusform>%1 snapshots in %2 folders, newest first</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::JobListModel</name>
    <message numerus="yes">
        <source>%1 copy attempt(s)</source>
        <translation>
            <numerusform>%1 copy attempt</numerusform>
            <numerusform>%1 copy attempts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 schema changes</source>
        <translation>
            <numerusform>%1 schema change</numerusform>
            <numerusform>%1 schema changes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 tables differ</source>
        <translation>
            <numerusform>%1 table differs</numerusform>
            <numerusform>%1 tables differ</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled after %1 of %2 tables.</source>
        <translation>
            <numerusform>Cancelled after %1 of %2 table.</numerusform>
            <numerusform>Cancelled after %1 of %2 tables.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::JobsPanel</name>
    <message numerus="yes">
        <source>Jobs — %1 running</source>
        <translation>
            <numerusform>Jobs — %1 running</numerusform>
            <numerusform>Jobs — %1 running</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::MainWindow</name>
    <message numerus="yes">
        <source>%1 job(s) are running: quit and cancel them?</source>
        <translation>
            <numerusform>%1 job is running: quit and cancel it?</numerusform>
            <numerusform>%1 jobs are running: quit and cancel them?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::ScheduleText</name>
    <message numerus="yes">
        <source>every %n week(s)</source>
        <translation>
            <numerusform>every week</numerusform>
            <numerusform>every %n weeks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>every %n day(s)</source>
        <translation>
            <numerusform>every day</numerusform>
            <numerusform>every %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>every %n hour(s)</source>
        <translation>
            <numerusform>every hour</numerusform>
            <numerusform>every %n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>every %n minute(s)</source>
        <translation>
            <numerusform>every minute</numerusform>
            <numerusform>every %n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>every %n second(s)</source>
        <translation>
            <numerusform>every second</numerusform>
            <numerusform>every %n seconds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n time(s) in a row (last %2)</source>
        <translation>
            <numerusform>%1 (%2)</numerusform>
            <numerusform>%1 — %n times in a row (last %2)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::SelectionCopy</name>
    <message numerus="yes">
        <source>Copied %1 row(s) as %2.</source>
        <translation>
            <numerusform>Copied %1 row as %2.</numerusform>
            <numerusform>Copied %1 rows as %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::SnapshotsPane</name>
    <message numerus="yes">
        <source>Verify %n Snapshots</source>
        <translation>
            <numerusform>Verify %n Snapshot</numerusform>
            <numerusform>Verify %n Snapshots</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::SqlConsole</name>
    <message numerus="yes">
        <source>%1 row(s) in %2</source>
        <translation>
            <numerusform>%1 row in %2</numerusform>
            <numerusform>%1 rows in %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>first %1 row(s) in %2, more as you scroll</source>
        <translation>
            <numerusform>first %1 row in %2, more as you scroll</numerusform>
            <numerusform>first %1 rows in %2, more as you scroll</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Nothing copied: %1 selected row(s) not in memory (the console holds %2 rows); select fewer</source>
        <translation>
            <numerusform>Nothing copied: %1 selected row not in memory (the console holds %2 rows); select fewer</numerusform>
            <numerusform>Nothing copied: %1 selected rows not in memory (the console holds %2 rows); select fewer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 row(s) in all · first %2 in %3</source>
        <translation>
            <numerusform>%1 row in all · first %2 in %3</numerusform>
            <numerusform>%1 rows in all · first %2 in %3</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::StructureView</name>
    <message numerus="yes">
        <source>%1 page(s)</source>
        <translation>
            <numerusform>%1 page</numerusform>
            <numerusform>%1 pages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 page(s), %2 of it data; %3% of the file</source>
        <translation>
            <numerusform>%1 page, %2 of it data; %3% of the file</numerusform>
            <numerusform>%1 pages, %2 of it data; %3% of the file</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::ValueViewer</name>
    <message numerus="yes">
        <source>%1 character(s)</source>
        <translation>
            <numerusform>%1 character</numerusform>
            <numerusform>%1 characters</numerusform>
        </translation>
    </message>
</context>
</TS>
