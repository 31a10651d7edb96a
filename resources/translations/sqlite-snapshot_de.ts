<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>main</name>
    <message>
        <source>Consistent, self-contained snapshots of SQLite databases, even while they are in use.</source>
        <translation>Konsistente, eigenständige Schnappschüsse von SQLite-Datenbanken, auch während sie benutzt werden.</translation>
    </message>
    <message>
        <source>Show the version and exit.</source>
        <translation>Version anzeigen und beenden.</translation>
    </message>
    <message>
        <source>Open a demo database made in a temporary folder.</source>
        <translation>Eine Demo-Datenbank in einem temporären Ordner öffnen.</translation>
    </message>
    <message>
        <source>Open a new window even if one is already running.</source>
        <translation>Ein neues Fenster öffnen, auch wenn schon eines läuft.</translation>
    </message>
    <message>
        <source>Databases to add.</source>
        <translation>Hinzuzufügende Datenbanken.</translation>
    </message>
    <message>
        <source>[files…]</source>
        <translation>[Dateien …]</translation>
    </message>
</context>
<context>
    <name>sqlsnap::Meaning</name>
    <message>
        <source>the database (WAL mode): its committed state is this file plus its -wal</source>
        <translation>die Datenbank (WAL-Modus): ihr bestätigter Stand ist diese Datei plus ihre -wal</translation>
    </message>
    <message>
        <source>the database (rollback-journal mode)</source>
        <translation>die Datenbank (Rollback-Journal-Modus)</translation>
    </message>
    <message>
        <source>-wal: empty — every change is already in the main file</source>
        <translation>-wal: leer — jede Änderung steht schon in der Hauptdatei</translation>
    </message>
    <message>
        <source>-wal: committed changes not yet merged into the main file — included in the snapshot</source>
        <translation>-wal: bestätigte Änderungen, noch nicht in die Hauptdatei übernommen — im Schnappschuss enthalten</translation>
    </message>
    <message>
        <source>-shm: the WAL index shared by the programs using the database — not needed, not copied</source>
        <translation>-shm: der gemeinsame WAL-Index der Programme, die die Datenbank benutzen — nicht nötig, nicht kopiert</translation>
    </message>
    <message>
        <source>-journal: an interrupted or running transaction — rolled back in the snapshot</source>
        <translation>-journal: eine unterbrochene oder laufende Transaktion — im Schnappschuss zurückgerollt</translation>
    </message>
    <message>
        <source>-journal: left over from a finished transaction — nothing to undo, not copied</source>
        <translation>-journal: Rest einer abgeschlossenen Transaktion — nichts rückgängig zu machen, nicht kopiert</translation>
    </message>
    <message>
        <source>super-journal: a transaction over several databases is in flight — rolled back</source>
        <translation>Super-Journal: eine Transaktion über mehrere Datenbanken läuft — zurückgerollt</translation>
    </message>
    <message>
        <source>super-journal: gone — the multi-database transaction committed</source>
        <translation>Super-Journal: fehlt — die Transaktion über mehrere Datenbanken ist bestätigt</translation>
    </message>
    <message>
        <source>Another program has a write transaction open; its uncommitted changes are left out.</source>
        <translation>Ein anderes Programm hat eine Schreibtransaktion offen; ihre unbestätigten Änderungen bleiben außen vor.</translation>
    </message>
    <message>
        <source>Another program has this database open.</source>
        <translation>Ein anderes Programm hat diese Datenbank geöffnet.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>shared (a program is reading)</source>
        <translation>geteilt (ein Programm liest)</translation>
    </message>
    <message>
        <source>reserved (a program is writing)</source>
        <translation>reserviert (ein Programm schreibt)</translation>
    </message>
    <message>
        <source>pending (a program is about to commit)</source>
        <translation>anstehend (ein Programm bestätigt gleich)</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>No -shm beside the -wal: a program holds this database open with exclusive locking (locking_mode=EXCLUSIVE). The snapshot still has every committed change.</source>
        <translation>Keine -shm neben der -wal: ein Programm hält diese Datenbank mit exklusiver Sperre geöffnet (locking_mode=EXCLUSIVE). Der Schnappschuss enthält trotzdem jede bestätigte Änderung.</translation>
    </message>
    <message>
        <source>No -shm beside the -wal, and no program holds the database: the -wal was left by a program that stopped without closing the database. Its committed changes are only in the -wal; the snapshot includes them.</source>
        <translation>Keine -shm neben der -wal, und kein Programm hält die Datenbank: die -wal stammt von einem Programm, das beendet wurde, ohne die Datenbank zu schließen. Seine bestätigten Änderungen stehen nur in der -wal; der Schnappschuss enthält sie.</translation>
    </message>
    <message>
        <source>No -shm beside the -wal. The snapshot still has every committed change.</source>
        <translation>Keine -shm neben der -wal. Der Schnappschuss enthält trotzdem jede bestätigte Änderung.</translation>
    </message>
    <message>
        <source>Another program is committing to this database right now; the copy retries until it is stable.</source>
        <translation>Ein anderes Programm bestätigt gerade Änderungen an dieser Datenbank; die Kopie wird wiederholt, bis sie stabil ist.</translation>
    </message>
    <message>
        <source>Another program holds this database open with exclusive locking; it may be idle. The copy is taken from the files all the same.</source>
        <translation>Ein anderes Programm hält diese Datenbank mit exklusiver Sperre geöffnet; es kann untätig sein. Die Kopie wird trotzdem aus den Dateien erstellt.</translation>
    </message>
    <message>
        <source>Another program is about to commit to this database; the copy retries until it is stable.</source>
        <translation>Ein anderes Programm bestätigt gleich Änderungen an dieser Datenbank; die Kopie wird wiederholt, bis sie stabil ist.</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Hinweis: %1</translation>
    </message>
    <message>
        <source>shared (a program has it open: reading or, in WAL mode, writing)</source>
        <translation>geteilt (ein Programm hat sie geöffnet: lesend oder, im WAL-Modus, schreibend)</translation>
    </message>
    <message>
        <source>exclusive (a program is committing)</source>
        <translation>exklusiv (ein Programm bestätigt gerade)</translation>
    </message>
    <message>
        <source>exclusive: held with exclusive locking (the program may be idle)</source>
        <translation>exklusiv: mit exklusiver Sperre gehalten (das Programm kann untätig sein)</translation>
    </message>
    <message>
        <source>the database (WAL mode; no -wal now: this file alone is its committed state)</source>
        <translation>die Datenbank (WAL-Modus; zurzeit keine -wal: diese Datei allein ist ihr bestätigter Stand)</translation>
    </message>
    <message>
        <source>exclusive (a program is committing, or holds it with exclusive locking)</source>
        <translation>exklusiv (ein Programm schreibt gerade oder hält sie mit exklusiver Sperre)</translation>
    </message>
    <message>
        <source>Another program is committing to this database, or holds it with exclusive locking. The copy is taken from the files and retries until it is stable.</source>
        <translation>Ein anderes Programm schreibt gerade in diese Datenbank oder hält sie mit exklusiver Sperre. Die Kopie wird aus den Dateien genommen und wiederholt, bis sie stabil ist.</translation>
    </message>
</context>
<context>
    <name>sqlsnap::ScheduleWords</name>
    <message>
        <source>due now</source>
        <translation>jetzt fällig</translation>
    </message>
    <message>
        <source>in %1 min (%2)</source>
        <translation>in %1 Min. (%2)</translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::AboutBox</name>
    <message>
        <source>About SQLite Snapshot</source>
        <translation>Über SQLite Snapshot</translation>
    </message>
    <message>
        <source>&lt;h3&gt;SQLite Snapshot %1&lt;/h3&gt;&lt;p&gt;Consistent, self-contained snapshots of SQLite databases, even while other programs write to them. The source files are only ever read.&lt;/p&gt;&lt;p&gt;&lt;a href=&quot;%2&quot;&gt;%2&lt;/a&gt;&lt;/p&gt;&lt;p&gt;Built with &lt;a href=&quot;https://www.qt.io/&quot;&gt;Qt&lt;/a&gt; %3 (&lt;a href=&quot;https://www.gnu.org/licenses/lgpl-3.0.html&quot;&gt;LGPL 3&lt;/a&gt;) and &lt;a href=&quot;https://sqlite.org/&quot;&gt;SQLite&lt;/a&gt; %4 (&lt;a href=&quot;https://sqlite.org/copyright.html&quot;&gt;public domain&lt;/a&gt;).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;SQLite Snapshot %1&lt;/h3&gt;&lt;p&gt;Konsistente, eigenständige Schnappschüsse von SQLite-Datenbanken, auch während andere Programme in sie schreiben. Die Quelldateien werden nur gelesen.&lt;/p&gt;&lt;p&gt;&lt;a href=&quot;%2&quot;&gt;%2&lt;/a&gt;&lt;/p&gt;&lt;p&gt;Gebaut mit &lt;a href=&quot;https://www.qt.io/&quot;&gt;Qt&lt;/a&gt; %3 (&lt;a href=&quot;https://www.gnu.org/licenses/lgpl-3.0.html&quot;&gt;LGPL 3&lt;/a&gt;) und &lt;a href=&quot;https://sqlite.org/&quot;&gt;SQLite&lt;/a&gt; %4 (&lt;a href=&quot;https://sqlite.org/copyright.html&quot;&gt;gemeinfrei&lt;/a&gt;).&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::Banner</name>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Dismiss message</source>
        <translation>Meldung schließen</translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::ChangedRowsModel</name>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>added</source>
        <translation>hinzugefügt</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>entfernt</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>geändert</translation>
    </message>
    <message>
        <source>Before: %1
After: %2</source>
        <translation>Vorher: %1
Nachher: %2</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>%1 (key)</source>
        <translation>%1 (Schlüssel)</translation>
    </message>
    <message>
        <source>%1 (only in A)</source>
        <translation>%1 (nur in A)</translation>
    </message>
    <message>
        <source>%1 (only in B)</source>
        <translation>%1 (nur in B)</translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::CompareTab</name>
    <message>
        <source>primary key (%1)</source>
        <translation>Primärschlüssel (%1)</translation>
    </message>
    <message>
        <source>rowid</source>
        <translation>rowid</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>could not be compared: %1</source>
        <translation>konnte nicht verglichen werden: %1</translation>
    </message>
    <message>
        <source>only in B</source>
        <translation>nur in B</translation>
    </message>
    <message>
        <source>only in A</source>
        <translation>nur in A</translation>
    </message>
    <message>
        <source>definition changed</source>
        <translation>Definition geändert</translation>
    </message>
    <message>
        <source>columns only in A: %1</source>
        <translation>Spalten nur in A: %1</translation>
    </message>
    <message>
        <source>columns only in B: %1</source>
        <translation>Spalten nur in B: %1</translation>
    </message>
    <message>
        <source>added</source>
        <translation>hinzugefügt</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>entfernt</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>geändert</translation>
    </message>
    <message>
        <source>Comparing…</source>
        <translation>Wird verglichen …</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Filter tables</source>
        <translation>Tabellen filtern</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Hinzugefügt</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>Entfernt</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>Show rows:</source>
        <translation>Zeilen zeigen:</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>Unverändert</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Hinweise</translation>
    </message>
    <message>
        <source>The rows could not be read: %1</source>
        <translation>Die Zeilen konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Select a table to see its changed rows.</source>
        <translation>Wählen Sie eine Tabelle, um ihre geänderten Zeilen zu sehen.</translation>
    </message>
    <message>
        <source>No rows of the kinds shown changed in %1.</source>
        <translation>In %1 hat sich keine Zeile der gezeigten Arten geändert.</translation>
    </message>
    <message numerus="yes">
        <source>%1 changed rows in %2</source>
        <translation>
            <numerusform>%1 geänderte Zeile in %2</numerusform>
            <numerusform>%1 geänderte Zeilen in %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>SQL before (A)</source>
        <translation>SQL vorher (A)</translation>
    </message>
    <message>
        <source>SQL after (B)</source>
        <translation>SQL nachher (B)</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>Schema</source>
        <translation>Schema</translation>
    </message>
    <message>
        <source>A and B hold the same schema and rows.</source>
        <translation>A und B haben dasselbe Schema und dieselben Zeilen.</translation>
    </message>
    <message>
        <source>%1; %2.</source>
        <translation>%1; %2.</translation>
    </message>
    <message numerus="yes">
        <source>%1 schema changes</source>
        <translation>
            <numerusform>%1 Schemaänderung</numerusform>
            <numerusform>%1 Schemaänderungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 tables differ</source>
        <translation>
            <numerusform>%1 Tabelle unterscheidet sich</numerusform>
            <numerusform>%1 Tabellen unterscheiden sich</numerusform>
        </translation>
    </message>
    <message>
        <source>The comparison failed: %1</source>
        <translation>Der Vergleich ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Before (A)</source>
        <translation>Vorher (A)</translation>
    </message>
    <message>
        <source>After (B)</source>
        <translation>Nachher (B)</translation>
    </message>
    <message>
        <source>A and B are the same file: nothing differs.</source>
        <translation>A und B sind dieselbe Datei: nichts unterscheidet sich.</translation>
    </message>
    <message>
        <source>The comparison was cancelled before any table was compared.</source>
        <translation>Der Vergleich wurde abgebrochen, bevor eine Tabelle verglichen war.</translation>
    </message>
    <message numerus="yes">
        <source>The comparison was cancelled after %1 of %2 tables: only those are listed; compare again to see them all (Export needs a whole comparison).</source>
        <translation>
            <numerusform>Der Vergleich wurde nach %1 von %2 Tabelle abgebrochen: nur diese ist aufgeführt; erneut vergleichen, um alle zu sehen (Exportieren braucht einen ganzen Vergleich).</numerusform>
            <numerusform>Der Vergleich wurde nach %1 von %2 Tabellen abgebrochen: nur diese sind aufgeführt; erneut vergleichen, um alle zu sehen (Exportieren braucht einen ganzen Vergleich).</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (rowid)</source>
        <translation>%1 (rowid)</translation>
    </message>
    <message>
        <source>A and B are snapshots of different databases: %1 and %2.</source>
        <translation>A und B sind Snapshots verschiedener Datenbanken: %1 und %2.</translation>
    </message>
    <message>
        <source>A and B have no table in common: they may be snapshots of different databases.</source>
        <translation>A und B haben keine Tabelle gemeinsam: Sie sind vielleicht Snapshots verschiedener Datenbanken.</translation>
    </message>
    <message>
        <source>A (before): </source>
        <translation>A (vorher): </translation>
    </message>
    <message>
        <source>A: </source>
        <translation>A: </translation>
    </message>
    <message>
        <source>B (after): </source>
        <translation>B (nachher): </translation>
    </message>
    <message>
        <source>B: </source>
        <translation>B: </translation>
    </message>
    <message>
        <source>Cancelled before any table was compared.</source>
        <translation>Abgebrochen, bevor eine Tabelle verglichen wurde.</translation>
    </message>
    <message numerus="yes">
        <source>Cancelled after %1 of %2 tables.</source>
        <translation>
            <numerusform>Abgebrochen nach %1 von %2 Tabelle.</numerusform>
            <numerusform>Abgebrochen nach %1 von %2 Tabellen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Write the whole comparison to a file (every table and change, whatever the filters show): a JSON document, or the SQL that turns A into B</source>
        <translation>Den ganzen Vergleich in eine Datei schreiben (jede Tabelle und Änderung, was die Filter auch zeigen): ein JSON-Dokument oder das SQL, das A in B verwandelt</translation>
    </message>
    <message>
        <source>Whole Comparison as JSON…</source>
        <translation>Ganzer Vergleich als JSON…</translation>
    </message>
    <message>
        <source>Whole Comparison as SQL…</source>
        <translation>Ganzer Vergleich als SQL…</translation>
    </message>
    <message numerus="yes">
        <source>%1 rows in %2 (%3)</source>
        <translation>
            <numerusform>%1 Zeile in %2 (%3)</numerusform>
            <numerusform>%1 Zeilen in %2 (%3)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::CompareWithNow</name>
    <message>
        <source>Compare with &amp;Now…</source>
        <translation>Mit &amp;jetzt vergleichen …</translation>
    </message>
    <message>
        <source>Take a snapshot of the selected database now and compare one of its earlier snapshots with it</source>
        <translation>Jetzt einen Snapshot der gewählten Datenbank erstellen und einen ihrer früheren Snapshots damit vergleichen</translation>
    </message>
    <message>
        <source>Compare with Now</source>
        <translation>Mit jetzt vergleichen</translation>
    </message>
    <message>
        <source>Compare which snapshot of %1 with a snapshot taken now?</source>
        <translation>Welchen Snapshot von %1 mit einem jetzt erstellten Snapshot vergleichen?</translation>
    </message>
    <message>
        <source>%1 has no snapshot in the snapshot folder yet: take one first (Ctrl+S)</source>
        <translation>%1 hat noch keinen Snapshot im Snapshot-Ordner: erstellen Sie zuerst einen (Strg+S)</translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::DestinationPrompt</name>
    <message>
        <source>Replace File</source>
        <translation>Datei ersetzen</translation>
    </message>
    <message>
        <source>%1 already exists. Replace it? It is replaced only once the new file is complete.</source>
        <translation>%1 ist schon vorhanden. Ersetzen? Sie wird erst ersetzt, wenn die neue Datei vollständig ist.</translation>
    </message>
    <message>
        <source>%1 is %2 itself or one of its files (-wal, -shm, -journal): a snapshot never writes over its source. Choose another name.</source>
        <translation>%1 ist %2 selbst oder eine ihrer Dateien (-wal, -shm, -journal): ein Schnappschuss überschreibt nie seine Quelle. Wählen Sie einen anderen Namen.</translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::FilterHeader</name>
    <message>
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>Type text to find in this column, or =x, &lt;&gt;x, &lt;x, &lt;=x, &gt;x, &gt;=x, x..y, NULL, NOT NULL, /regex/ (/regex/i ignores case); \ before text takes it literally</source>
        <translation>Text, der in dieser Spalte vorkommen soll, oder =x, &lt;&gt;x, &lt;x, &lt;=x, &gt;x, &gt;=x, x..y, NULL, NOT NULL, /Regex/ (/Regex/i ohne Groß-/Kleinschreibung); \ vor dem Text nimmt ihn wörtlich</translation>
    </message>
    <message>
        <source>Filter on %1: %2</source>
        <translation>Filter auf %1: %2</translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::FindDatabasesDialog</name>
    <message>
        <source>Flatpak</source>
        <translation>Flatpak</translation>
    </message>
    <message>
        <source>Snap</source>
        <translation>Snap</translation>
    </message>
    <message>
        <source>Find Databases</source>
        <translation>Datenbanken finden</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Anwendung</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>In Use</source>
        <translation>In Benutzung</translation>
    </message>
    <message>
        <source>Also Look In &amp;Folder…</source>
        <translation>Auch in &amp;Ordner suchen …</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Anhalten</translation>
    </message>
    <message>
        <source>&amp;Add Selected</source>
        <translation>Auswahl &amp;hinzufügen</translation>
    </message>
    <message>
        <source>Stopped. The list shows what an earlier search found.</source>
        <translation>Angehalten. Die Liste zeigt, was eine frühere Suche gefunden hat.</translation>
    </message>
    <message>
        <source>Also Look In Folder</source>
        <translation>Auch in Ordner suchen</translation>
    </message>
    <message>
        <source>Looking for databases in the places applications keep them…</source>
        <translation>Suche nach Datenbanken an den Orten, an denen Anwendungen sie ablegen …</translation>
    </message>
    <message>
        <source>Looking for databases in the places applications keep them and in %1…</source>
        <translation>Suche nach Datenbanken an den Orten, an denen Anwendungen sie ablegen, und in %1 …</translation>
    </message>
    <message>
        <source>Could not look there: %1</source>
        <translation>Dort konnte nicht gesucht werden: %1</translation>
    </message>
    <message>
        <source>Nothing to show. Look in another folder with “Also Look In Folder…”.</source>
        <translation>Nichts zu zeigen. Suchen Sie mit „Auch in Ordner suchen …“ in einem anderen Ordner.</translation>
    </message>
    <message>
        <source>(in a folder you added)</source>
        <translation>(in einem hinzugefügten Ordner)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1, and %2 in its journal or WAL beside it</source>
        <translation>%1, und %2 in ihrem Journal oder WAL daneben</translation>
    </message>
    <message>
        <source>in use now</source>
        <translation>gerade in Benutzung</translation>
    </message>
    <message>
        <source>A program has it open: a snapshot still works, without disturbing it.</source>
        <translation>Ein Programm hat sie geöffnet: ein Schnappschuss gelingt trotzdem, ohne es zu stören.</translation>
    </message>
    <message>
        <source>No databases found in the places applications keep them.
Look in a folder of your own with “Also Look In Folder…”.</source>
        <translation>Keine Datenbanken an den Orten gefunden, an denen Anwendungen sie ablegen.
Suchen Sie mit „Auch in Ordner suchen …“ in einem eigenen Ordner.</translation>
    </message>
    <message>
        <source>Nothing found.</source>
        <translation>Nichts gefunden.</translation>
    </message>
    <message numerus="yes">
        <source>Found %1 database(s). Select the ones to add to the list.</source>
        <translation>
            <numerusform>%1 Datenbank gefunden. Wählen Sie die, die in die Liste sollen.</numerusform>
            <numerusform>%1 Datenbanken gefunden. Wählen Sie die, die in die Liste sollen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 file(s) or folder(s) could not be read.</source>
        <translation>
            <numerusform>%1 Datei oder Ordner war nicht lesbar.</numerusform>
            <numerusform>%1 Dateien oder Ordner waren nicht lesbar.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped. The list shows the %n database(s) found until then.</source>
        <translation>
            <numerusform>Angehalten. Die Liste zeigt die %n bis dahin gefundene Datenbank.</numerusform>
            <numerusform>Angehalten. Die Liste zeigt die %n bis dahin gefundenen Datenbanken.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Found %n database(s) so far; still looking…</source>
        <translation>
            <numerusform>Bisher %n Datenbank gefunden; die Suche läuft noch …</numerusform>
            <numerusform>Bisher %n Datenbanken gefunden; die Suche läuft noch …</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::FindPanel</name>
    <message>
        <source>Find in Snapshot</source>
        <translation>In Schnappschuss suchen</translation>
    </message>
    <message>
        <source>Text to find in every column of every table</source>
        <translation>Text, der in jeder Spalte jeder Tabelle gesucht wird</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Table / Row</source>
        <translation>Tabelle / Zeile</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Spalten</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Activate a row (double-click or Enter) to show it in its table</source>
        <translation>Eine Zeile aktivieren (Doppelklick oder Eingabetaste), um sie in ihrer Tabelle zu zeigen</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Beginnt …</translation>
    </message>
    <message numerus="yes">
        <source>Stopped: %1 row(s) found so far</source>
        <translation>
            <numerusform>Angehalten: bisher %1 Zeile gefunden</numerusform>
            <numerusform>Angehalten: bisher %1 Zeilen gefunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 row(s)</source>
        <translation>
            <numerusform>%1 Zeile</numerusform>
            <numerusform>%1 Zeilen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 — %2 and more</source>
        <translation>%1 — %2 und mehr</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>rowid %1</source>
        <translation>rowid %1</translation>
    </message>
    <message>
        <source>row %1</source>
        <translation>Zeile %1</translation>
    </message>
    <message numerus="yes">
        <source>Table %1 of %2: %3 — %4 row(s) found</source>
        <translation>
            <numerusform>Tabelle %1 von %2: %3 — %4 Zeile gefunden</numerusform>
            <numerusform>Tabelle %1 von %2: %3 — %4 Zeilen gefunden</numerusform>
        </translation>
    </message>
    <message>
        <source>Find failed: %1</source>
        <translation>Suche fehlgeschlagen: %1</translation>
    </message>
    <message numerus="yes">
        <source>Not found in %1 table(s)</source>
        <translation>
            <numerusform>In %1 Tabelle nicht gefunden</numerusform>
            <numerusform>In %1 Tabellen nicht gefunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 row(s) found in %2</source>
        <translation>
            <numerusform>%1 Zeile gefunden in %2</numerusform>
            <numerusform>%1 Zeilen gefunden in %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 table(s)</source>
        <translation>
            <numerusform>%1 Tabelle</numerusform>
            <numerusform>%1 Tabellen</numerusform>
        </translation>
    </message>
    <message>
        <source>(could not read: %1)</source>
        <translation>(nicht lesbar: %1)</translation>
    </message>
    <message>
        <source>Cannot show the row: %1</source>
        <translation>Die Zeile kann nicht gezeigt werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %2 table(s) searched</source>
        <translation>
            <numerusform>%1 von %2 durchsuchten Tabelle</numerusform>
            <numerusform>%1 von %2 durchsuchten Tabellen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 row(s) shown; more in %2 (found in %3)</source>
        <translation>
            <numerusform>%1 Zeile gezeigt; mehr in %2 (gefunden in %3)</numerusform>
            <numerusform>%1 Zeilen gezeigt; mehr in %2 (gefunden in %3)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::Format</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Inspecting</source>
        <translation>Wird untersucht</translation>
    </message>
    <message>
        <source>Copying</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Opening the copy</source>
        <translation>Kopie wird geöffnet</translation>
    </message>
    <message>
        <source>Making it self-contained</source>
        <translation>Wird eigenständig gemacht</translation>
    </message>
    <message>
        <source>Backing up</source>
        <translation>Sicherung</translation>
    </message>
    <message>
        <source>Compacting</source>
        <translation>Komprimieren</translation>
    </message>
    <message>
        <source>Verifying</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>Computing SHA-256</source>
        <translation>SHA-256 wird berechnet</translation>
    </message>
    <message>
        <source>Publishing</source>
        <translation>Veröffentlichen</translation>
    </message>
    <message>
        <source>Writing rows — %1 of %2</source>
        <translation>Zeilen schreiben — %1 von %2</translation>
    </message>
    <message>
        <source>Writing rows</source>
        <translation>Zeilen schreiben</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>The file was moved or deleted. Remove it from the list, or drop it again from its new place.</source>
        <translation>Die Datei wurde verschoben oder gelöscht. Entfernen Sie sie aus der Liste oder ziehen Sie sie von ihrem neuen Ort erneut hierher.</translation>
    </message>
    <message>
        <source>Check the file&apos;s permissions, or run as a user who may read it.</source>
        <translation>Prüfen Sie die Rechte der Datei oder starten Sie als ein Benutzer, der sie lesen darf.</translation>
    </message>
    <message>
        <source>Choose a folder you may write to (File → Snapshot Folder…), or check its permissions.</source>
        <translation>Wählen Sie einen Ordner, in den Sie schreiben dürfen (Datei → Schnappschuss-Ordner …), oder prüfen Sie seine Rechte.</translation>
    </message>
    <message>
        <source>Choose another name; an existing file is replaced only after you confirm it.</source>
        <translation>Wählen Sie einen anderen Namen; eine vorhandene Datei wird nur nach Ihrer Bestätigung ersetzt.</translation>
    </message>
    <message>
        <source>The database changed during every attempt. Try again when the other program is idle.</source>
        <translation>Die Datenbank hat sich bei jedem Versuch geändert. Versuchen Sie es erneut, wenn das andere Programm ruht.</translation>
    </message>
    <message>
        <source>Free some space, or choose another snapshot folder.</source>
        <translation>Geben Sie Speicherplatz frei oder wählen Sie einen anderen Schnappschuss-Ordner.</translation>
    </message>
    <message>
        <source>Choose an existing folder.</source>
        <translation>Wählen Sie einen vorhandenen Ordner.</translation>
    </message>
    <message>
        <source>The source itself is damaged; SQLite&apos;s .recover command may rescue some of it.</source>
        <translation>Die Quelle selbst ist beschädigt; der SQLite-Befehl .recover kann einen Teil davon retten.</translation>
    </message>
    <message numerus="yes">
        <source>%1 byte(s)</source>
        <translation>
            <numerusform>%1 Byte</numerusform>
            <numerusform>%1 Bytes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 page(s)</source>
        <translation>
            <numerusform>%1 Seite</numerusform>
            <numerusform>%1 Seiten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 row(s)</source>
        <translation>
            <numerusform>%1 Zeile</numerusform>
            <numerusform>%1 Zeilen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Backing up — %1 of %2 page(s)</source>
        <translation>
            <numerusform>Sicherung — %1 von %2 Seite</numerusform>
            <numerusform>Sicherung — %1 von %2 Seiten</numerusform>
        </translation>
    </message>
    <message>
        <source>Sorting — %1 of %2 rows read</source>
        <translation>Sortieren — %1 von %2 Zeilen gelesen</translation>
    </message>
    <message>
        <source>Sorting</source>
        <translation>Sortieren</translation>
    </message>
    <message>
        <source>Copying again (attempt %1 of %2)</source>
        <translation>Erneut kopieren (Versuch %1 von %2)</translation>
    </message>
    <message>
        <source>Comparing — %1 of %2 tables</source>
        <translation>Vergleich — %1 von %2 Tabellen</translation>
    </message>
    <message>
        <source>Comparing</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <source>Only SQLite database files can be snapshotted, opened or compared.</source>
        <translation>Nur SQLite-Datenbankdateien lassen sich sichern, öffnen oder vergleichen.</translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::GridCommands</name>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy with Headers</source>
        <translation>Mit Spaltennamen kopieren</translation>
    </message>
    <message>
        <source>Go to Row…</source>
        <translation>Gehe zu Zeile …</translation>
    </message>
    <message>
        <source>Fit Column Widths</source>
        <translation>Spaltenbreiten anpassen</translation>
    </message>
    <message>
        <source>Go to Row</source>
        <translation>Gehe zu Zeile</translation>
    </message>
    <message>
        <source>Row (1 to %1):</source>
        <translation>Zeile (1 bis %1):</translation>
    </message>
    <message>
        <source>Hide “%1”</source>
        <translation>„%1“ ausblenden</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Spalten</translation>
    </message>
    <message>
        <source>Show All Columns</source>
        <translation>Alle Spalten zeigen</translation>
    </message>
    <message>
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>SQL INSERT</source>
        <translation>SQL INSERT</translation>
    </message>
    <message>
        <source>Copy As</source>
        <translation>Kopieren als</translation>
    </message>
    <message>
        <source>Stop Copying</source>
        <translation>Kopieren abbrechen</translation>
    </message>
    <message>
        <source>Copying: %1 of %2 rows read; the rest wait for the sort to finish…</source>
        <translation>Kopieren: %1 von %2 Zeilen gelesen; der Rest wartet, bis die Sortierung fertig ist…</translation>
    </message>
    <message>
        <source>Copying: %1 of %2 rows read…</source>
        <translation>Kopieren: %1 von %2 Zeilen gelesen…</translation>
    </message>
    <message>
        <source>Filter by This Value</source>
        <translation>Nach diesem Wert filtern</translation>
    </message>
    <message>
        <source>There is no row %1: the last row is %2, shown instead.</source>
        <translation>Es gibt keine Zeile %1: Die letzte Zeile ist %2, sie wird stattdessen gezeigt.</translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::HexDumpView</name>
    <message>
        <source>Select at most %1 rows to copy them; Copy takes the whole value.</source>
        <translation>Wählen Sie höchstens %1 Zeilen, um sie zu kopieren; „Kopieren“ nimmt den ganzen Wert.</translation>
    </message>
    <message numerus="yes">
        <source>Copied %1 row(s) of the hex dump.</source>
        <translation>
            <numerusform>%1 Zeile des Hex-Dumps kopiert.</numerusform>
            <numerusform>%1 Zeilen des Hex-Dumps kopiert.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::HistoryModel</name>
    <message>
        <source>The history record of %1 cannot be read: %2</source>
        <translation>Das Verlaufsprotokoll von %1 ist nicht lesbar: %2</translation>
    </message>
    <message>
        <source>Missing: the folder&apos;s record lists this snapshot, but its file is gone (deleted or moved outside the app). Delete removes it from the record.</source>
        <translation>Fehlt: Das Protokoll des Ordners führt diesen Schnappschuss, aber seine Datei ist weg (außerhalb der App gelöscht oder verschoben). Löschen entfernt ihn aus dem Protokoll.</translation>
    </message>
    <message>
        <source>Named as this tool names snapshots of this database, but not in the folder&apos;s record (taken before the folder kept one).</source>
        <translation>So benannt, wie dieses Programm Schnappschüsse dieser Datenbank benennt, aber nicht im Protokoll des Ordners (erstellt, bevor der Ordner eines führte).</translation>
    </message>
    <message>
        <source>Changed since this tool wrote it (size, time or file): Delete leaves it alone.</source>
        <translation>Geändert, seit dieses Programm ihn schrieb (Größe, Zeit oder Datei): Löschen lässt ihn in Ruhe.</translation>
    </message>
    <message>
        <source>Verified %1: integrity ok</source>
        <translation>Geprüft %1: Integrität in Ordnung</translation>
    </message>
    <message>
        <source>Checked %1: integrity check failed: %2</source>
        <translation>Geprüft %1: Integritätsprüfung fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>SHA-256 %1</source>
        <translation>SHA-256 %1</translation>
    </message>
    <message>
        <source>Not verified. Verify checks its integrity and computes its SHA-256.</source>
        <translation>Nicht geprüft. Prüfen prüft seine Integrität und berechnet seinen SHA-256.</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>fehlt</translation>
    </message>
    <message>
        <source>not verified</source>
        <translation>nicht geprüft</translation>
    </message>
    <message>
        <source>ok · %1</source>
        <translation>in Ordnung · %1</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>fehlerhaft: %1</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Geprüft</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>The snapshot folder %1 is gone (deleted or moved outside the app): its snapshots are not listed.</source>
        <translation>Der Schnappschuss-Ordner %1 ist nicht mehr da (außerhalb der App gelöscht oder verschoben): seine Schnappschüsse werden nicht aufgeführt.</translation>
    </message>
    <message>
        <source>%1 cannot be read (permission denied): its snapshots are not listed.</source>
        <translation>%1 kann nicht gelesen werden (keine Berechtigung): seine Schnappschüsse werden nicht aufgeführt.</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::HistoryView</name>
    <message>
        <source>Snapshots of this database</source>
        <translation>Schnappschüsse dieser Datenbank</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Open the snapshot in a preview tab (Enter)</source>
        <translation>Den Schnappschuss in einem Vorschau-Tab öffnen (Eingabe)</translation>
    </message>
    <message>
        <source>Compare with Previous</source>
        <translation>Mit vorherigem vergleichen</translation>
    </message>
    <message>
        <source>Compare the snapshot with the one taken before it</source>
        <translation>Den Schnappschuss mit dem davor erstellten vergleichen</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren …</translation>
    </message>
    <message>
        <source>Write the snapshot to a file you choose</source>
        <translation>Den Schnappschuss in eine Datei Ihrer Wahl schreiben</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>Check the selected snapshots&apos; integrity and compute their SHA-256 again</source>
        <translation>Die Integrität der ausgewählten Schnappschüsse prüfen und ihren SHA-256 neu berechnen</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Löschen …</translation>
    </message>
    <message>
        <source>Delete the selected snapshots (Delete): only files this tool wrote</source>
        <translation>Die ausgewählten Schnappschüsse löschen (Entf): nur Dateien, die dieses Programm schrieb</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>Wiederherstellen …</translation>
    </message>
    <message>
        <source>Write the snapshot back to the database&apos;s path (or one you choose); the file it replaces is kept beside it</source>
        <translation>Den Schnappschuss an den Pfad der Datenbank (oder einen Ihrer Wahl) zurückschreiben; die ersetzte Datei bleibt daneben erhalten</translation>
    </message>
    <message>
        <source>Copy SHA-256</source>
        <translation>SHA-256 kopieren</translation>
    </message>
    <message>
        <source>Copy the snapshot&apos;s whole SHA-256 (Ctrl+C)</source>
        <translation>Den ganzen SHA-256 des Schnappschusses kopieren (Strg+C)</translation>
    </message>
    <message>
        <source>Restore Snapshot To</source>
        <translation>Schnappschuss wiederherstellen nach</translation>
    </message>
    <message>
        <source>SQLite databases (*.sqlite *.db *.sqlite3);;All files (*)</source>
        <translation>SQLite-Datenbanken (*.sqlite *.db *.sqlite3);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Restore Snapshot</source>
        <translation>Schnappschuss wiederherstellen</translation>
    </message>
    <message>
        <source>Replace %1 with the snapshot %2?</source>
        <translation>%1 durch den Schnappschuss %2 ersetzen?</translation>
    </message>
    <message>
        <source>The current file is kept beside it as “%1.before-restore-&lt;time&gt;”, with its -wal and -journal if it has them.</source>
        <translation>Die jetzige Datei bleibt daneben als „%1.before-restore-&lt;Zeit&gt;“ erhalten, mit ihrer -wal und ihrem -journal, falls vorhanden.</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <source>Restore anyway? Its -wal and -journal move aside with the replaced file. A program that has it open keeps using its old file: quit it first, or restart it afterwards.</source>
        <translation>Trotzdem wiederherstellen? Ihre -wal und ihr -journal werden mit der ersetzten Datei beiseitegelegt. Ein Programm, das sie geöffnet hat, benutzt weiter seine alte Datei: Beenden Sie es vorher oder starten Sie es danach neu.</translation>
    </message>
    <message>
        <source>Restore Anyway</source>
        <translation>Trotzdem wiederherstellen</translation>
    </message>
    <message>
        <source>Delete Snapshots</source>
        <translation>Schnappschüsse löschen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>History of %1</source>
        <translation>Verlauf von %1</translation>
    </message>
    <message>
        <source>Reading the history…</source>
        <translation>Verlauf wird gelesen …</translation>
    </message>
    <message>
        <source>No snapshots of %1 yet. File → Snapshot (Ctrl+S) takes one into the snapshot folder.</source>
        <translation>Noch keine Schnappschüsse von %1. Datei → Schnappschuss (Strg+S) erstellt einen im Schnappschuss-Ordner.</translation>
    </message>
    <message numerus="yes">
        <source>%1 snapshot(s), newest first</source>
        <translation>
            <numerusform>%1 Schnappschuss, neuester zuerst</numerusform>
            <numerusform>%1 Schnappschüsse, neueste zuerst</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %1 missing</source>
        <translation>
            <numerusform> · %1 fehlt</numerusform>
            <numerusform> · %1 fehlen</numerusform>
        </translation>
    </message>
    <message>
        <source>Read from: %1</source>
        <translation>Gelesen aus: %1</translation>
    </message>
    <message numerus="yes">
        <source>Deleted %1 snapshot(s).</source>
        <translation>
            <numerusform>%1 Schnappschuss gelöscht.</numerusform>
            <numerusform>%1 Schnappschüsse gelöscht.</numerusform>
        </translation>
    </message>
    <message>
        <source>Left alone: %1</source>
        <translation>In Ruhe gelassen: %1</translation>
    </message>
    <message>
        <source>Restored %1 to %2.</source>
        <translation>%1 nach %2 wiederhergestellt.</translation>
    </message>
    <message>
        <source>Restored %1 to %2. The replaced file is kept as %3.</source>
        <translation>%1 nach %2 wiederhergestellt. Die ersetzte Datei bleibt als %3 erhalten.</translation>
    </message>
    <message>
        <source>Restore failed: %1</source>
        <translation>Wiederherstellen fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Not restored: %1</source>
        <translation>Nicht wiederhergestellt: %1</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Vergleichen</translation>
    </message>
    <message>
        <source>Pick a database in the list to see its snapshots over time.</source>
        <translation>Wählen Sie eine Datenbank in der Liste, um ihre Schnappschüsse im Zeitverlauf zu sehen.</translation>
    </message>
    <message>
        <source>Delete %1 from %2?</source>
        <translation>%1 aus %2 löschen?</translation>
    </message>
    <message numerus="yes">
        <source>Delete %1 snapshot(s) from %2?</source>
        <translation>
            <numerusform>%1 Schnappschuss aus %2 löschen?</numerusform>
            <numerusform>%1 Schnappschüsse aus %2 löschen?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %1 snapshot(s) from %2 folders?</source>
        <translation>
            <numerusform>%1 Schnappschuss aus %2 Ordnern löschen?</numerusform>
            <numerusform>%1 Schnappschüsse aus %2 Ordnern löschen?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The file(s) will be deleted from the disk and from the folder&apos;s history record. This cannot be undone.</source>
        <translation>
            <numerusform>Die Datei wird von der Festplatte und aus dem Verlaufsprotokoll ihres Ordners gelöscht. Das lässt sich nicht rückgängig machen.</numerusform>
            <numerusform>Die Dateien werden von der Festplatte und aus den Verlaufsprotokollen ihrer Ordner gelöscht. Das lässt sich nicht rückgängig machen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 snapshot(s) in %2 folders, newest first</source>
        <translation>
            <numerusform>%1 Schnappschuss in %2 Ordnern, neueste zuerst</numerusform>
            <numerusform>%1 Schnappschüsse in %2 Ordnern, neueste zuerst</numerusform>
        </translation>
    </message>
    <message>
        <source>Compare the Two</source>
        <translation>Die beiden vergleichen</translation>
    </message>
    <message>
        <source>Compare the two selected snapshots, the older one as A</source>
        <translation>Die beiden ausgewählten Snapshots vergleichen, den älteren als A</translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::InstanceServer</name>
    <message>
        <source>another instance is running</source>
        <translation>eine andere Instanz läuft bereits</translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::Job</name>
    <message>
        <source>cancelled before it started</source>
        <translation>vor dem Start abgebrochen</translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::JobDelegate</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Retry with a Brief Read Lock</source>
        <translation>Mit kurzer Lesesperre wiederholen</translation>
    </message>
    <message>
        <source>Publish Anyway (Unverified State)</source>
        <translation>Trotzdem veröffentlichen (ungeprüfter Stand)</translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::JobListModel</name>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>noch %1</translation>
    </message>
    <message>
        <source>Done in %1 · %2 · %3</source>
        <translation>Fertig in %1 · %2 · %3</translation>
    </message>
    <message>
        <source> · integrity ok</source>
        <translation> · Integrität ok</translation>
    </message>
    <message>
        <source> · integrity: %1</source>
        <translation> · Integrität: %1</translation>
    </message>
    <message>
        <source>Cancelled — nothing was written.</source>
        <translation>Abgebrochen — es wurde nichts geschrieben.</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>
Flagged: not shown to be one committed state. The files kept changing through every attempt and the last copy was published as asked; SQLite found it intact.</source>
        <translation>
Markiert: nicht als ein bestätigter Stand nachgewiesen. Die Dateien haben sich bei jedem Versuch geändert, und die letzte Kopie wurde wie gewünscht veröffentlicht; SQLite fand sie intakt.</translation>
    </message>
    <message>
        <source> Or retry with a brief read lock (the other program may wait a moment), or publish the last copy without the guarantee that it is one committed state.</source>
        <translation> Oder mit kurzer Lesesperre wiederholen (das andere Programm wartet dann eventuell einen Moment), oder die letzte Kopie ohne die Garantie veröffentlichen, dass sie ein bestätigter Stand ist.</translation>
    </message>
    <message numerus="yes">
        <source>%1 copy attempt(s)</source>
        <translation>
            <numerusform>%1 Kopierversuch</numerusform>
            <numerusform>%1 Kopierversuche</numerusform>
        </translation>
    </message>
    <message>
        <source>integrity ok</source>
        <translation>Integrität ok</translation>
    </message>
    <message>
        <source>integrity check failed: %1</source>
        <translation>Integritätsprüfung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Done in %1 · %2</source>
        <translation>Fertig in %1 · %2</translation>
    </message>
    <message>
        <source>
Nothing was replaced: %1 did not exist.</source>
        <translation>
Nichts wurde ersetzt: %1 gab es nicht.</translation>
    </message>
    <message>
        <source>
The replaced file is kept as %1</source>
        <translation>
Die ersetzte Datei bleibt als %1 erhalten</translation>
    </message>
    <message>
        <source> (with %1)</source>
        <translation> (mit %1)</translation>
    </message>
    <message>
        <source>snapshot taken</source>
        <translation>Schnappschuss erstellt</translation>
    </message>
    <message>
        <source>unchanged, no new snapshot</source>
        <translation>unverändert, kein neuer Schnappschuss</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Done in %1 · no differences</source>
        <translation>Fertig in %1 · keine Unterschiede</translation>
    </message>
    <message numerus="yes">
        <source>%1 schema changes</source>
        <translation>
            <numerusform>%1 Schemaänderung</numerusform>
            <numerusform>%1 Schemaänderungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 tables differ</source>
        <translation>
            <numerusform>%1 Tabelle unterscheidet sich</numerusform>
            <numerusform>%1 Tabellen unterscheiden sich</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled before any table was compared.</source>
        <translation>Abgebrochen, bevor eine Tabelle verglichen wurde.</translation>
    </message>
    <message numerus="yes">
        <source>Cancelled after %1 of %2 tables.</source>
        <translation>
            <numerusform>Abgebrochen nach %1 von %2 Tabelle.</numerusform>
            <numerusform>Abgebrochen nach %1 von %2 Tabellen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::JobSpecs</name>
    <message>
        <source>Snapshot of %1 → %2 (brief read lock)</source>
        <translation>Schnappschuss von %1 → %2 (kurze Lesesperre)</translation>
    </message>
    <message>
        <source>Snapshot of %1 → %2 (unverified state allowed)</source>
        <translation>Schnappschuss von %1 → %2 (ungeprüfter Stand erlaubt)</translation>
    </message>
    <message>
        <source>Snapshot of %1 → %2</source>
        <translation>Schnappschuss von %1 → %2</translation>
    </message>
    <message>
        <source>Export of snapshot %1 → %2</source>
        <translation>Export des Schnappschusses %1 → %2</translation>
    </message>
    <message>
        <source>Table “%1” of %2 → %3</source>
        <translation>Tabelle „%1“ aus %2 → %3</translation>
    </message>
    <message>
        <source> · backup API</source>
        <translation> · Backup-API</translation>
    </message>
    <message>
        <source> · compact</source>
        <translation> · kompakt</translation>
    </message>
    <message>
        <source>Verify %1</source>
        <translation>%1 prüfen</translation>
    </message>
    <message>
        <source>%1 was verified, but the result could not be remembered: %2</source>
        <translation>%1 wurde geprüft, aber das Ergebnis konnte nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Restore of %1 → %2 (while in use)</source>
        <translation>Wiederherstellen von %1 → %2 (trotz Benutzung)</translation>
    </message>
    <message>
        <source>Restore of %1 → %2</source>
        <translation>Wiederherstellen von %1 → %2</translation>
    </message>
    <message>
        <source>%1: a program may have it open.</source>
        <translation>%1: Ein Programm hat sie womöglich geöffnet.</translation>
    </message>
    <message>
        <source>Scheduled snapshot of %1 → %2</source>
        <translation>Geplanter Schnappschuss von %1 → %2</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Comparison %1 → %2 as %3 to %4</source>
        <translation>Vergleich %1 → %2 als %3 nach %4</translation>
    </message>
    <message>
        <source>Compare %1</source>
        <translation>Vergleich %1</translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::JobsPanel</name>
    <message>
        <source>Jobs</source>
        <translation>Aufträge</translation>
    </message>
    <message>
        <source>Clear Finished</source>
        <translation>Erledigte entfernen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Open Preview</source>
        <translation>Vorschau öffnen</translation>
    </message>
    <message>
        <source>Show in Folder</source>
        <translation>Im Ordner zeigen</translation>
    </message>
    <message>
        <source>Copy Message</source>
        <translation>Meldung kopieren</translation>
    </message>
    <message>
        <source>Retry with a Brief Read Lock</source>
        <translation>Mit kurzer Lesesperre wiederholen</translation>
    </message>
    <message>
        <source>Publish Anyway (Unverified State)</source>
        <translation>Trotzdem veröffentlichen (ungeprüfter Stand)</translation>
    </message>
    <message numerus="yes">
        <source>Jobs — %1 running</source>
        <translation>
            <numerusform>Aufträge — %1 läuft</numerusform>
            <numerusform>Aufträge — %1 laufen</numerusform>
        </translation>
    </message>
    <message>
        <source>No jobs in this session yet. Snapshots and exports you start show their progress here.</source>
        <translation>In dieser Sitzung noch keine Aufträge. Schnappschüsse und Exporte, die Sie starten, zeigen hier ihren Fortschritt.</translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::KeepSnapshotsDialog</name>
    <message>
        <source>Keep Snapshots</source>
        <translation>Schnappschüsse behalten</translation>
    </message>
    <message>
        <source>A number and a unit, at least a minute: 15m, 1h, 1d, 1w</source>
        <translation>Eine Zahl und eine Einheit, mindestens eine Minute: 15m, 1h, 1d, 1w</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen …</translation>
    </message>
    <message>
        <source>History Folder</source>
        <translation>Verlaufsordner</translation>
    </message>
    <message>
        <source>–</source>
        <translation>–</translation>
    </message>
    <message>
        <source>last</source>
        <translation>letzte</translation>
    </message>
    <message>
        <source>hourly</source>
        <translation>stündlich</translation>
    </message>
    <message>
        <source>daily</source>
        <translation>täglich</translation>
    </message>
    <message>
        <source>weekly</source>
        <translation>wöchentlich</translation>
    </message>
    <message>
        <source>monthly</source>
        <translation>monatlich</translation>
    </message>
    <message>
        <source>&amp;Skip unchanged: no new snapshot when the database has not changed</source>
        <translation>&amp;Unverändertes überspringen: kein neuer Schnappschuss, wenn sich die Datenbank nicht geändert hat</translation>
    </message>
    <message>
        <source>&amp;Every:</source>
        <translation>&amp;Alle:</translation>
    </message>
    <message>
        <source>&amp;Into:</source>
        <translation>&amp;Nach:</translation>
    </message>
    <message>
        <source>Keep:</source>
        <translation>Behalten:</translation>
    </message>
    <message>
        <source>&amp;Remove Schedule</source>
        <translation>Zeitplan &amp;entfernen</translation>
    </message>
    <message>
        <source>Keep snapshots of &lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2</source>
        <translation>Schnappschüsse behalten von &lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2</translation>
    </message>
    <message>
        <source>“%1” is not an interval: a number and a unit, at least a minute (15m, 1h, 1d, 1w).</source>
        <translation>„%1“ ist kein Intervall: eine Zahl und eine Einheit, mindestens eine Minute (15m, 1h, 1d, 1w).</translation>
    </message>
    <message>
        <source>Choose the folder the snapshots go into (a full path).</source>
        <translation>Wählen Sie den Ordner, in den die Schnappschüsse kommen (ein vollständiger Pfad).</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Hourly, daily, …: the newest snapshot of each of that many hours, days, …, as restic&apos;s forget keeps them. – keeps none of that kind; every one at – keeps all snapshots.</source>
        <translation>Stündlich, täglich, …: der neueste Schnappschuss jeder dieser vielen Stunden, Tage, …, wie restics forget sie behält. – behält keinen dieser Art; alle auf – behalten jeden Schnappschuss.</translation>
    </message>
    <message>
        <source>Your schedules file cannot be read, so nothing is saved to it: %1</source>
        <translation>Ihre Zeitplandatei ist nicht lesbar, daher wird nichts in ihr gespeichert: %1</translation>
    </message>
    <message>
        <source>%1 into %2 — next: %3</source>
        <translation>%1 nach %2 — nächster: %3</translation>
    </message>
    <message>
        <source>New schedule (into another folder)</source>
        <translation>Neuer Zeitplan (in einen anderen Ordner)</translation>
    </message>
    <message>
        <source>yearly</source>
        <translation>jährlich</translation>
    </message>
    <message>
        <source>none (a program to run after each new snapshot)</source>
        <translation>keins (ein Programm, das nach jedem neuen Schnappschuss läuft)</translation>
    </message>
    <message>
        <source>Program to Run</source>
        <translation>Auszuführendes Programm</translation>
    </message>
    <message>
        <source>one argument a line, passed as written</source>
        <translation>ein Argument pro Zeile, so übergeben wie geschrieben</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>It learns the snapshot from SQLITE_SNAPSHOT_PATH and the other SQLITE_SNAPSHOT_* variables; it is stopped after the timeout.</source>
        <translation>Es erfährt den Schnappschuss aus SQLITE_SNAPSHOT_PATH und den anderen SQLITE_SNAPSHOT_*-Variablen; nach dem Zeitlimit wird es beendet.</translation>
    </message>
    <message>
        <source>Sc&amp;hedule:</source>
        <translation>&amp;Zeitplan:</translation>
    </message>
    <message>
        <source>&amp;Then run:</source>
        <translation>Dana&amp;ch ausführen:</translation>
    </message>
    <message>
        <source>&amp;Arguments:</source>
        <translation>Ar&amp;gumente:</translation>
    </message>
    <message>
        <source>Time&amp;out:</source>
        <translation>Zeit&amp;limit:</translation>
    </message>
    <message>
        <source>Last hand-off:</source>
        <translation>Letzte Übergabe:</translation>
    </message>
    <message>
        <source>Arguments need a program to run them: choose one under Then run, or clear them.</source>
        <translation>Argumente brauchen ein Programm: wählen Sie eines unter „Danach ausführen“ oder leeren Sie sie.</translation>
    </message>
    <message>
        <source>Choose &amp;Program…</source>
        <translation>&amp;Programm wählen …</translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::MainWindow</name>
    <message>
        <source>SQLite databases (*.sqlite *.db *.sqlite3);;All files (*)</source>
        <translation>SQLite-Datenbanken (*.sqlite *.db *.sqlite3);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>SQLite Snapshot</source>
        <translation>SQLite Snapshot</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open Databases…</source>
        <translation>Datenbanken ö&amp;ffnen …</translation>
    </message>
    <message>
        <source>Add SQLite databases to the list (Ctrl+O)</source>
        <translation>SQLite-Datenbanken zur Liste hinzufügen (Strg+O)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Snapshot</source>
        <translation>&amp;Schnappschuss</translation>
    </message>
    <message>
        <source>Snapshot the selected databases into the snapshot folder (Ctrl+S)</source>
        <translation>Schnappschuss der gewählten Datenbanken im Schnappschuss-Ordner (Strg+S)</translation>
    </message>
    <message>
        <source>Snapshot &amp;To…</source>
        <translation>Schnappschuss &amp;nach …</translation>
    </message>
    <message>
        <source>&amp;Export Snapshot…</source>
        <translation>Schnappschuss &amp;exportieren …</translation>
    </message>
    <message>
        <source>Write the selected snapshot to a file you choose (Ctrl+E)</source>
        <translation>Den gewählten Schnappschuss in eine Datei Ihrer Wahl schreiben (Strg+E)</translation>
    </message>
    <message>
        <source>Snapshot &amp;Folder…</source>
        <translation>Schnappschuss-&amp;Ordner …</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Remove from List</source>
        <translation>Aus der Liste &amp;entfernen</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About SQLite Snapshot</source>
        <translation>&amp;Über SQLite Snapshot</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <source>The snapshot folder %1 cannot be created. Choose another one with File → Snapshot Folder….</source>
        <translation>Der Schnappschuss-Ordner %1 kann nicht angelegt werden. Wählen Sie einen anderen mit Datei → Schnappschuss-Ordner ….</translation>
    </message>
    <message>
        <source>Snapshot folder: %1</source>
        <translation>Schnappschuss-Ordner: %1</translation>
    </message>
    <message>
        <source>Snapshots go to %1</source>
        <translation>Schnappschüsse werden in %1 gespeichert</translation>
    </message>
    <message>
        <source>Snapshot Folder</source>
        <translation>Schnappschuss-Ordner</translation>
    </message>
    <message>
        <source>Snapshot To</source>
        <translation>Schnappschuss nach</translation>
    </message>
    <message>
        <source>Export Snapshot</source>
        <translation>Schnappschuss exportieren</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Export Table</source>
        <translation>Tabelle exportieren</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>%1 geschrieben</translation>
    </message>
    <message>
        <source>Snapshot the selected database into a file you choose (Ctrl+Shift+S)</source>
        <translation>Schnappschuss der gewählten Datenbank in eine Datei Ihrer Wahl (Strg+Umschalt+S)</translation>
    </message>
    <message>
        <source>Snapshot &amp;Method</source>
        <translation>Schnappschuss-&amp;Methode</translation>
    </message>
    <message>
        <source>NDJSON (*.ndjson *.jsonl)</source>
        <translation>NDJSON (*.ndjson *.jsonl)</translation>
    </message>
    <message>
        <source>SQL (*.sql)</source>
        <translation>SQL (*.sql)</translation>
    </message>
    <message>
        <source>&amp;Find in Snapshot…</source>
        <translation>Im Schnappschuss &amp;suchen…</translation>
    </message>
    <message>
        <source>&amp;Go to Row…</source>
        <translation>&amp;Gehe zu Zeile…</translation>
    </message>
    <message>
        <source>Quit SQLite Snapshot</source>
        <translation>SQLite Snapshot beenden</translation>
    </message>
    <message numerus="yes">
        <source>%1 job(s) are running: quit and cancel them?</source>
        <translation>
            <numerusform>%1 Auftrag läuft: beenden und ihn abbrechen?</numerusform>
            <numerusform>%1 Aufträge laufen: beenden und sie abbrechen?</numerusform>
        </translation>
    </message>
    <message>
        <source>A cancelled snapshot or export leaves nothing behind.</source>
        <translation>Ein abgebrochener Schnappschuss oder Export hinterlässt nichts.</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Keep Running</source>
        <translation>Weiterlaufen lassen</translation>
    </message>
    <message>
        <source>Export Comparison as SQL</source>
        <translation>Vergleich als SQL exportieren</translation>
    </message>
    <message>
        <source>Export Comparison as JSON</source>
        <translation>Vergleich als JSON exportieren</translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::OpenDialog</name>
    <message>
        <source>Open SQLite Databases</source>
        <translation>SQLite-Datenbanken öffnen</translation>
    </message>
    <message>
        <source>SQLite databases, by content (*)</source>
        <translation>SQLite-Datenbanken, nach Inhalt (*)</translation>
    </message>
    <message>
        <source>SQLite databases, by name (*.sqlite *.sqlite3 *.db *.db3 *-wal *-journal)</source>
        <translation>SQLite-Datenbanken, nach Name (*.sqlite *.sqlite3 *.db *.db3 *-wal *-journal)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::PreviewTabs</name>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 (in %2)</source>
        <translation>%1 (in %2)</translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::PreviewWidget</name>
    <message>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>Filter rows (any column contains…)</source>
        <translation>Zeilen filtern (eine Spalte enthält …)</translation>
    </message>
    <message>
        <source>Filter rows</source>
        <translation>Zeilen filtern</translation>
    </message>
    <message>
        <source>Export Table…</source>
        <translation>Tabelle exportieren …</translation>
    </message>
    <message>
        <source>Write the rows shown (all of them, filtered as shown) as CSV or JSON</source>
        <translation>Die gezeigten Zeilen (alle, so gefiltert wie gezeigt) als CSV oder JSON schreiben</translation>
    </message>
    <message>
        <source>Schema</source>
        <translation>Schema</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren …</translation>
    </message>
    <message>
        <source>Write this snapshot to a file you choose</source>
        <translation>Diesen Schnappschuss in eine Datei Ihrer Wahl schreiben</translation>
    </message>
    <message>
        <source>This database has no tables.</source>
        <translation>Diese Datenbank hat keine Tabellen.</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Spalten</translation>
    </message>
    <message>
        <source>(no type)</source>
        <translation>(kein Typ)</translation>
    </message>
    <message>
        <source>  primary key</source>
        <translation>  Primärschlüssel</translation>
    </message>
    <message>
        <source>  not null</source>
        <translation>  nicht NULL</translation>
    </message>
    <message>
        <source>  generated/hidden</source>
        <translation>  generiert/verborgen</translation>
    </message>
    <message>
        <source>Indexes</source>
        <translation>Indizes</translation>
    </message>
    <message>
        <source>unique, </source>
        <translation>eindeutig, </translation>
    </message>
    <message>
        <source>primary key</source>
        <translation>Primärschlüssel</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>automatisch</translation>
    </message>
    <message>
        <source>Triggers</source>
        <translation>Trigger</translation>
    </message>
    <message>
        <source>%1 rows loaded, counting…</source>
        <translation>%1 Zeilen geladen, wird gezählt …</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>≈ %1 rows (counting…)</source>
        <translation>≈ %1 Zeilen (wird gezählt …)</translation>
    </message>
    <message>
        <source> matching “%1”</source>
        <translation> passend zu „%1“</translation>
    </message>
    <message>
        <source>— read-only</source>
        <translation>— schreibgeschützt</translation>
    </message>
    <message>
        <source>Stop Sorting</source>
        <translation>Sortierung aufheben</translation>
    </message>
    <message>
        <source>Go back to the table&apos;s own order</source>
        <translation>Zurück zur eigenen Reihenfolge der Tabelle</translation>
    </message>
    <message>
        <source>, sorted by %1 (descending)</source>
        <translation>, sortiert nach %1 (absteigend)</translation>
    </message>
    <message>
        <source>, sorted by %1</source>
        <translation>, sortiert nach %1</translation>
    </message>
    <message>
        <source> — ordering every row: %1% (the first and last rows are shown meanwhile)</source>
        <translation> — alle Zeilen werden geordnet: %1 % (die ersten und letzten Zeilen sind schon zu sehen)</translation>
    </message>
    <message>
        <source> that pass the column filters</source>
        <translation>, die die Spaltenfilter erfüllen</translation>
    </message>
    <message>
        <source>Structure</source>
        <translation>Struktur</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Show the selected cell&apos;s whole value beside the rows (text, JSON, hex, image)</source>
        <translation>Den ganzen Wert der gewählten Zelle neben den Zeilen zeigen (Text, JSON, Hex, Bild)</translation>
    </message>
    <message>
        <source>SQL</source>
        <translation>SQL</translation>
    </message>
    <message>
        <source>Find in Snapshot…</source>
        <translation>In Schnappschuss suchen …</translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::RecentFiles</name>
    <message>
        <source>Clear Menu</source>
        <translation>Menü leeren</translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::ScheduleActions</name>
    <message>
        <source>&amp;Find Databases…</source>
        <translation>Datenbanken &amp;finden …</translation>
    </message>
    <message>
        <source>Find the databases of your browsers, mail and other applications, and in folders you name</source>
        <translation>Die Datenbanken Ihrer Browser, Ihres Mailprogramms und anderer Anwendungen finden, auch in Ordnern, die Sie nennen</translation>
    </message>
    <message>
        <source>&amp;Keep Snapshots…</source>
        <translation>Schnappschüsse &amp;behalten …</translation>
    </message>
    <message>
        <source>Take snapshots of the selected database on a schedule, into a history folder</source>
        <translation>Schnappschüsse der gewählten Datenbank nach Zeitplan in einen Verlaufsordner schreiben</translation>
    </message>
    <message>
        <source>Sc&amp;hedules…</source>
        <translation>&amp;Zeitpläne …</translation>
    </message>
    <message>
        <source>Every schedule: when it last ran, what happened, when it is due</source>
        <translation>Jeder Zeitplan: wann er zuletzt lief, was geschah, wann er fällig ist</translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::ScheduleText</name>
    <message numerus="yes">
        <source>every %n week(s)</source>
        <translation>
            <numerusform>jede Woche</numerusform>
            <numerusform>alle %n Wochen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>every %n day(s)</source>
        <translation>
            <numerusform>jeden Tag</numerusform>
            <numerusform>alle %n Tage</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>every %n hour(s)</source>
        <translation>
            <numerusform>jede Stunde</numerusform>
            <numerusform>alle %n Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>every %n minute(s)</source>
        <translation>
            <numerusform>jede Minute</numerusform>
            <numerusform>alle %n Minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>every %n second(s)</source>
        <translation>
            <numerusform>jede Sekunde</numerusform>
            <numerusform>alle %n Sekunden</numerusform>
        </translation>
    </message>
    <message>
        <source>all (never pruned)</source>
        <translation>alle (nie ausgedünnt)</translation>
    </message>
    <message>
        <source>last %1</source>
        <translation>letzte %1</translation>
    </message>
    <message>
        <source>hourly %1</source>
        <translation>stündlich %1</translation>
    </message>
    <message>
        <source>daily %1</source>
        <translation>täglich %1</translation>
    </message>
    <message>
        <source>weekly %1</source>
        <translation>wöchentlich %1</translation>
    </message>
    <message>
        <source>monthly %1</source>
        <translation>monatlich %1</translation>
    </message>
    <message>
        <source>yearly %1</source>
        <translation>jährlich %1</translation>
    </message>
    <message>
        <source>not run yet</source>
        <translation>noch nicht gelaufen</translation>
    </message>
    <message>
        <source>snapshot taken %1</source>
        <translation>Schnappschuss erstellt %1</translation>
    </message>
    <message>
        <source>unchanged at %1, no new snapshot</source>
        <translation>unverändert um %1, kein neuer Schnappschuss</translation>
    </message>
    <message>
        <source>kept changing</source>
        <translation>änderte sich ständig</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>fehlgeschlagen: %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n time(s) in a row (last %2)</source>
        <translation>
            <numerusform>%1 (%2)</numerusform>
            <numerusform>%1 — %n-mal hintereinander (zuletzt %2)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>the hand-off program</source>
        <translation>das Übergabeprogramm</translation>
    </message>
    <message>
        <source>; handed to %1</source>
        <translation>; übergeben an %1</translation>
    </message>
    <message>
        <source>; hand-off failed: %1</source>
        <translation>; Übergabe fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>not run by the last run</source>
        <translation>beim letzten Lauf nicht ausgeführt</translation>
    </message>
    <message>
        <source>handed to %1 (%2)</source>
        <translation>übergeben an %1 (%2)</translation>
    </message>
    <message>
        <source>failed: %1 (%2)</source>
        <translation>fehlgeschlagen: %1 (%2)</translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::SchedulesWindow</name>
    <message>
        <source>Schedules</source>
        <translation>Zeitpläne</translation>
    </message>
    <message>
        <source>&amp;Turn On Timer</source>
        <translation>Timer &amp;einschalten</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>Every</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Into</source>
        <translation>Nach</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Behalten</translation>
    </message>
    <message>
        <source>Last Run</source>
        <translation>Letzter Lauf</translation>
    </message>
    <message>
        <source>Next Due</source>
        <translation>Nächste Fälligkeit</translation>
    </message>
    <message>
        <source>No schedules yet.
Choose a database in the list, then Keep Snapshots… (or `sqlite-snapshot-cli schedule add`).</source>
        <translation>Noch keine Zeitpläne.
Wählen Sie eine Datenbank in der Liste, dann „Schnappschüsse behalten …“ (oder `sqlite-snapshot-cli schedule add`).</translation>
    </message>
    <message>
        <source>&amp;Run Now</source>
        <translation>&amp;Jetzt ausführen</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten …</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>Ent&amp;fernen</translation>
    </message>
    <message>
        <source>; a snapshot every time</source>
        <translation>; jedes Mal ein Schnappschuss</translation>
    </message>
    <message>
        <source>Checking whether the timer that runs schedules is on…</source>
        <translation>Es wird geprüft, ob der Timer eingeschaltet ist, der die Zeitpläne ausführt …</translation>
    </message>
    <message>
        <source>Could not turn the timer on: %1</source>
        <translation>Der Timer konnte nicht eingeschaltet werden: %1</translation>
    </message>
    <message>
        <source>The systemd user timer %1 is on: it runs the schedules that are due every 15 minutes, while you are logged in.</source>
        <translation>Der systemd-Benutzer-Timer %1 ist eingeschaltet: er führt alle 15 Minuten die fälligen Zeitpläne aus, solange Sie angemeldet sind.</translation>
    </message>
    <message>
        <source>Nothing runs these schedules yet: the systemd user timer %1 is off.</source>
        <translation>Noch führt nichts diese Zeitpläne aus: der systemd-Benutzer-Timer %1 ist ausgeschaltet.</translation>
    </message>
    <message>
        <source>Nothing runs these schedules yet: the systemd user timer %1 is not installed (%2). Install the package, or add this line to your crontab (crontab -e):
%3</source>
        <translation>Noch führt nichts diese Zeitpläne aus: der systemd-Benutzer-Timer %1 ist nicht installiert (%2). Installieren Sie das Paket oder fügen Sie diese Zeile Ihrer crontab hinzu (crontab -e):
%3</translation>
    </message>
    <message>
        <source>No systemd user session here: nothing runs these schedules until you add this line to your crontab (crontab -e):
%1</source>
        <translation>Hier gibt es keine systemd-Benutzersitzung: nichts führt diese Zeitpläne aus, bis Sie diese Zeile Ihrer crontab hinzufügen (crontab -e):
%1</translation>
    </message>
    <message>
        <source>Your schedules file cannot be read, so the schedules cannot be run, edited or removed here; nothing is written over it. %1</source>
        <translation>Ihre Zeitplandatei ist nicht lesbar, daher können die Zeitpläne hier weder ausgeführt noch bearbeitet oder entfernt werden; sie wird nicht überschrieben. %1</translation>
    </message>
    <message>
        <source>The schedules file %1 cannot be read.</source>
        <translation>Die Zeitplandatei %1 ist nicht lesbar.</translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::SelectionCopy</name>
    <message>
        <source>Copy stopped: the rows shown changed.</source>
        <translation>Kopieren abgebrochen: Die angezeigten Zeilen haben sich geändert.</translation>
    </message>
    <message>
        <source>Copy stopped: %1</source>
        <translation>Kopieren abgebrochen: %1</translation>
    </message>
    <message>
        <source>Copy stopped.</source>
        <translation>Kopieren abgebrochen.</translation>
    </message>
    <message>
        <source>Copy stopped: the grid moved away from the rows being copied.</source>
        <translation>Kopieren abgebrochen: Die Tabelle hat sich von den kopierten Zeilen entfernt.</translation>
    </message>
    <message>
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>SQL INSERT statements</source>
        <translation>SQL-INSERT-Anweisungen</translation>
    </message>
    <message>
        <source>tab-separated text</source>
        <translation>tabulatorgetrennter Text</translation>
    </message>
    <message numerus="yes">
        <source>Copied %1 row(s) as %2.</source>
        <translation>
            <numerusform>%1 Zeile als %2 kopiert.</numerusform>
            <numerusform>%1 Zeilen als %2 kopiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>The grid holds the rows around the view; Export Table… writes all %1.</source>
        <translation>Die Tabelle hält nur die Zeilen um die Ansicht herum; „Tabelle exportieren …“ schreibt alle %1.</translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::SnapshotDeletion</name>
    <message>
        <source>%1: the folder&apos;s history record cannot be read: %2</source>
        <translation>%1: Das Verlaufsprotokoll des Ordners ist nicht lesbar: %2</translation>
    </message>
    <message>
        <source>%1: not a snapshot file this tool wrote</source>
        <translation>%1: keine Schnappschuss-Datei, die dieses Programm schrieb</translation>
    </message>
    <message>
        <source>%1: changed since this tool wrote it</source>
        <translation>%1: geändert, seit dieses Programm sie schrieb</translation>
    </message>
    <message>
        <source>%1: cannot be deleted (check the folder&apos;s permissions)</source>
        <translation>%1: lässt sich nicht löschen (prüfen Sie die Rechte des Ordners)</translation>
    </message>
    <message>
        <source>%1: deleted, but the history record could not be updated: %2</source>
        <translation>%1: gelöscht, aber das Verlaufsprotokoll ließ sich nicht aktualisieren: %2</translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::SnapshotListModel</name>
    <message>
        <source>not checked</source>
        <translation>nicht geprüft</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <source>
from %1, copy attempts: %2</source>
        <translation>
aus %1, Kopierversuche: %2</translation>
    </message>
    <message>
        <source>
The files kept changing: no copy attempt was stable. SQLite found it intact.</source>
        <translation>
Die Dateien haben sich ständig geändert: kein Kopierversuch war stabil. SQLite fand sie intakt.</translation>
    </message>
    <message>
        <source>
SHA-256 %1</source>
        <translation>
SHA-256 %1</translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation>Schnappschuss</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Integrity</source>
        <translation>Integrität</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>fehlerhaft: %1</translation>
    </message>
    <message>
        <source>Not checked. Verify checks its integrity and computes its SHA-256.</source>
        <translation>Nicht geprüft. „Prüfen“ prüft die Integrität und berechnet den SHA-256.</translation>
    </message>
    <message>
        <source>Integrity: ok</source>
        <translation>Integrität: ok</translation>
    </message>
    <message>
        <source>Integrity check failed: %1</source>
        <translation>Integritätsprüfung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Checked %1
%2
SHA-256 %3</source>
        <translation>Geprüft %1
%2
SHA-256 %3</translation>
    </message>
    <message>
        <source>The snapshot folder %1 is gone (deleted or moved outside the app). Choose one with Folder…</source>
        <translation>Der Schnappschuss-Ordner %1 ist nicht mehr da (außerhalb der App gelöscht oder verschoben). Wählen Sie einen mit Ordner …</translation>
    </message>
    <message>
        <source>The snapshot folder %1 cannot be read (permission denied). Check its permissions, or choose another with Folder…</source>
        <translation>Der Schnappschuss-Ordner %1 kann nicht gelesen werden (keine Berechtigung). Prüfen Sie seine Berechtigungen, oder wählen Sie mit Ordner … einen anderen.</translation>
    </message>
    <message>
        <source>The snapshot folder %1 is not a folder. Choose one with Folder…</source>
        <translation>Der Schnappschuss-Ordner %1 ist kein Ordner. Wählen Sie einen mit Ordner …</translation>
    </message>
    <message>
        <source>
taken %1</source>
        <translation>
aufgenommen %1</translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::SnapshotMethod</name>
    <message>
        <source>&amp;Fast</source>
        <translation>&amp;Schnell</translation>
    </message>
    <message>
        <source>Publish the checkpointed copy: about the cost of one durable copy of the files</source>
        <translation>Die abgeglichene Kopie veröffentlichen: etwa so teuer wie eine dauerhafte Kopie der Dateien</translation>
    </message>
    <message>
        <source>SQLite &amp;Backup API</source>
        <translation>SQLite-&amp;Backup-API</translation>
    </message>
    <message>
        <source>Copy page by page with SQLite&apos;s backup API: progress in pages, and any destination file system</source>
        <translation>Seite für Seite mit der Backup-API von SQLite kopieren: Fortschritt in Seiten, jedes Ziel-Dateisystem</translation>
    </message>
    <message>
        <source>&amp;Compact</source>
        <translation>&amp;Kompakt</translation>
    </message>
    <message>
        <source>VACUUM INTO: the smallest file, without free pages (rowids of tables without an INTEGER PRIMARY KEY may change)</source>
        <translation>VACUUM INTO: die kleinste Datei, ohne freie Seiten (Rowids von Tabellen ohne INTEGER PRIMARY KEY können sich ändern)</translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::SnapshotsPane</name>
    <message>
        <source>Snapshots</source>
        <translation>Schnappschüsse</translation>
    </message>
    <message>
        <source>Copy SHA-256</source>
        <translation>SHA-256 kopieren</translation>
    </message>
    <message>
        <source>&lt;b&gt;Snapshots&lt;/b&gt;</source>
        <translation>&lt;b&gt;Schnappschüsse&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Show in Folder</source>
        <translation>Im Ordner zeigen</translation>
    </message>
    <message>
        <source>Show the selected snapshot (or the snapshot folder) in the file manager</source>
        <translation>Den gewählten Schnappschuss (oder den Schnappschuss-Ordner) im Dateimanager zeigen</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>Ordner …</translation>
    </message>
    <message>
        <source>Choose where snapshots are written</source>
        <translation>Wählen, wohin Schnappschüsse geschrieben werden</translation>
    </message>
    <message>
        <source>Show Snapshot Folder</source>
        <translation>Schnappschuss-Ordner zeigen</translation>
    </message>
    <message>
        <source>Open Preview</source>
        <translation>Vorschau öffnen</translation>
    </message>
    <message>
        <source>Export Snapshot…</source>
        <translation>Schnappschuss exportieren …</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>Check the selected snapshots&apos; integrity and compute their SHA-256 again</source>
        <translation>Die Integrität der ausgewählten Schnappschüsse prüfen und ihren SHA-256 neu berechnen</translation>
    </message>
    <message numerus="yes">
        <source>Verify %n Snapshots</source>
        <translation>
            <numerusform>%n Schnappschuss prüfen</numerusform>
            <numerusform>%n Schnappschüsse prüfen</numerusform>
        </translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Vergleichen</translation>
    </message>
    <message>
        <source>Compare the two selected snapshots: what changed from the older to the newer</source>
        <translation>Die beiden gewählten Snapshots vergleichen: was sich vom älteren zum neueren geändert hat</translation>
    </message>
    <message>
        <source>No snapshots in this folder yet. File → Snapshot (Ctrl+S) takes one.</source>
        <translation>Noch keine Schnappschüsse in diesem Ordner. Datei → Schnappschuss (Strg+S) nimmt einen auf.</translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::SourceDetailsView</name>
    <message>
        <source>Files of this database</source>
        <translation>Dateien dieser Datenbank</translation>
    </message>
    <message>
        <source>Select a database to see its files.</source>
        <translation>Wählen Sie eine Datenbank, um ihre Dateien zu sehen.</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;font-size:large&apos;&gt;Drop SQLite databases here, or press Ctrl+O&lt;/p&gt;&lt;p&gt;Each one is copied safely while other programs keep using it, then checked and opened for you to look inside.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;font-size:large&apos;&gt;SQLite-Datenbanken hierher ziehen oder Strg+O drücken&lt;/p&gt;&lt;p&gt;Jede wird sicher kopiert, während andere Programme sie weiter benutzen, dann geprüft und zum Ansehen geöffnet.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Inspecting…</source>
        <translation>Wird untersucht …</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>What it means</source>
        <translation>Bedeutung</translation>
    </message>
    <message>
        <source>Journal mode:</source>
        <translation>Journal-Modus:</translation>
    </message>
    <message>
        <source>WAL (write-ahead log)</source>
        <translation>WAL (Write-Ahead-Log)</translation>
    </message>
    <message>
        <source>rollback journal</source>
        <translation>Rollback-Journal</translation>
    </message>
    <message>
        <source>Page size:</source>
        <translation>Seitengröße:</translation>
    </message>
    <message>
        <source>Pages:</source>
        <translation>Seiten:</translation>
    </message>
    <message>
        <source>%1 (header not current)</source>
        <translation>%1 (Kopf nicht aktuell)</translation>
    </message>
    <message>
        <source>Text encoding:</source>
        <translation>Textkodierung:</translation>
    </message>
    <message>
        <source>user_version:</source>
        <translation>user_version:</translation>
    </message>
    <message>
        <source>application_id:</source>
        <translation>application_id:</translation>
    </message>
    <message>
        <source>Locks now:</source>
        <translation>Sperren jetzt:</translation>
    </message>
    <message>
        <source>Last written by:</source>
        <translation>Zuletzt geschrieben von:</translation>
    </message>
    <message>
        <source>SQLite %1.%2.%3</source>
        <translation>SQLite %1.%2.%3</translation>
    </message>
    <message>
        <source>%1 in the main file (the -wal may hold more, not yet in the main file)</source>
        <translation>%1 in der Hauptdatei (die -wal kann mehr enthalten, noch nicht in der Hauptdatei)</translation>
    </message>
    <message>
        <source>not yet in the main file</source>
        <translation>noch nicht in der Hauptdatei</translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::SourceListModel</name>
    <message>
        <source>inspection failed</source>
        <translation>Untersuchung fehlgeschlagen</translation>
    </message>
    <message>
        <source>Inspecting…</source>
        <translation>Wird untersucht …</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 mode</source>
        <translation>%1 · %2 · %3-Modus</translation>
    </message>
    <message>
        <source>rollback</source>
        <translation>Rollback</translation>
    </message>
    <message>
        <source> · -wal %1</source>
        <translation> · -wal %1</translation>
    </message>
    <message>
        <source> · hot journal</source>
        <translation> · heißes Journal</translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::SourcesPane</name>
    <message>
        <source>Databases</source>
        <translation>Datenbanken</translation>
    </message>
    <message>
        <source>&lt;b&gt;Databases&lt;/b&gt;</source>
        <translation>&lt;b&gt;Datenbanken&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::SqlConsole</name>
    <message>
        <source>SQL statement</source>
        <translation>SQL-Anweisung</translation>
    </message>
    <message>
        <source>SELECT … — Ctrl+Enter runs, Escape interrupts, Ctrl+Up and Ctrl+Down recall. The console only reads.</source>
        <translation>SELECT … — Strg+Eingabe führt aus, Escape bricht ab, Strg+Auf und Strg+Ab holen frühere Anweisungen zurück. Die Konsole liest nur.</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <source>Run the statement (Ctrl+Enter)</source>
        <translation>Die Anweisung ausführen (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>Interrupt</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop the running statement (Escape)</source>
        <translation>Die laufende Anweisung anhalten (Escape)</translation>
    </message>
    <message>
        <source>Result rows</source>
        <translation>Ergebniszeilen</translation>
    </message>
    <message>
        <source>Interrupted after %1</source>
        <translation>Abgebrochen nach %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 row(s) in %2</source>
        <translation>
            <numerusform>%1 Zeile in %2</numerusform>
            <numerusform>%1 Zeilen in %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>first %1 row(s) in %2, more as you scroll</source>
        <translation>
            <numerusform>erste %1 Zeile in %2, mehr beim Blättern</numerusform>
            <numerusform>erste %1 Zeilen in %2, mehr beim Blättern</numerusform>
        </translation>
    </message>
    <message>
        <source>Failed after %1</source>
        <translation>Fehlgeschlagen nach %1</translation>
    </message>
    <message>
        <source>Running… %1</source>
        <translation>Läuft… %1</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Show the selected cell&apos;s whole value beside the rows (text, JSON, hex, image)</source>
        <translation>Den ganzen Wert der gewählten Zelle neben den Zeilen zeigen (Text, JSON, Hex, Bild)</translation>
    </message>
    <message>
        <source>Rows of the whole result</source>
        <translation>Zeilen des ganzen Ergebnisses</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy with Headers</source>
        <translation>Mit Spaltennamen kopieren</translation>
    </message>
    <message numerus="yes">
        <source>Nothing copied: %1 selected row(s) not in memory (the console holds %2 rows); select fewer</source>
        <translation>
            <numerusform>Nichts kopiert: %1 gewählte Zeile ist nicht im Speicher (die Konsole hält %2 Zeilen); weniger wählen</numerusform>
            <numerusform>Nichts kopiert: %1 gewählte Zeilen sind nicht im Speicher (die Konsole hält %2 Zeilen); weniger wählen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 row(s) in all · first %2 in %3</source>
        <translation>
            <numerusform>%1 Zeile insgesamt · die ersten %2 in %3</numerusform>
            <numerusform>%1 Zeilen insgesamt · die ersten %2 in %3</numerusform>
        </translation>
    </message>
    <message>
        <source>counting…</source>
        <translation>wird gezählt …</translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::StructureView</name>
    <message>
        <source>Tables</source>
        <translation>Tabellen</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>Sichten</translation>
    </message>
    <message>
        <source>Indexes</source>
        <translation>Indizes</translation>
    </message>
    <message>
        <source>Triggers</source>
        <translation>Trigger</translation>
    </message>
    <message>
        <source>Virtual tables</source>
        <translation>Virtuelle Tabellen</translation>
    </message>
    <message>
        <source>Shadow tables (a virtual table&apos;s data)</source>
        <translation>Schattentabellen (Daten einer virtuellen Tabelle)</translation>
    </message>
    <message>
        <source>Reading the structure…</source>
        <translation>Struktur wird gelesen …</translation>
    </message>
    <message>
        <source>Objects of the snapshot</source>
        <translation>Objekte des Schnappschusses</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Zu</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>SQL of the selected object</source>
        <translation>SQL des gewählten Objekts</translation>
    </message>
    <message>
        <source>Select an object to see its SQL</source>
        <translation>Ein Objekt wählen, um sein SQL zu sehen</translation>
    </message>
    <message>
        <source>%1 in %2 of %3 · %4 free (%5) · %6 · user_version %7 · application_id %8 (%9) · schema_version %10 · auto_vacuum %11</source>
        <translation>%1 in %2 zu je %3 · %4 frei (%5) · %6 · user_version %7 · application_id %8 (%9) · schema_version %10 · auto_vacuum %11</translation>
    </message>
    <message numerus="yes">
        <source>%1 page(s)</source>
        <translation>
            <numerusform>%1 Seite</numerusform>
            <numerusform>%1 Seiten</numerusform>
        </translation>
    </message>
    <message>
        <source>-- made by SQLite for a UNIQUE or PRIMARY KEY constraint of %1</source>
        <translation>-- von SQLite für eine UNIQUE- oder PRIMARY-KEY-Bedingung von %1 angelegt</translation>
    </message>
    <message numerus="yes">
        <source>%1 page(s), %2 of it data; %3% of the file</source>
        <translation>
            <numerusform>%1 Seite, davon %2 Daten; %3 % der Datei</numerusform>
            <numerusform>%1 Seiten, davon %2 Daten; %3 % der Datei</numerusform>
        </translation>
    </message>
    <message>
        <source>?</source>
        <translation>?</translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::TableDataModel</name>
    <message>
        <source>(no type)</source>
        <translation>(kein Typ)</translation>
    </message>
    <message>
        <source>, primary key</source>
        <translation>, Primärschlüssel</translation>
    </message>
    <message>
        <source>, not null</source>
        <translation>, nicht NULL</translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::TableList</name>
    <message>
        <source>Tables and views</source>
        <translation>Tabellen und Sichten</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>?</source>
        <translation>?</translation>
    </message>
    <message>
        <source>unknown module</source>
        <translation>unbekanntes Modul</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Virtual table, module %1</source>
        <translation>Virtuelle Tabelle, Modul %1</translation>
    </message>
    <message>
        <source>%1 (shadow table)</source>
        <translation>%1 (Schattentabelle)</translation>
    </message>
    <message>
        <source>Shadow table of a virtual table</source>
        <translation>Schattentabelle einer virtuellen Tabelle</translation>
    </message>
    <message>
        <source>Shadow table of the virtual table %1</source>
        <translation>Schattentabelle der virtuellen Tabelle %1</translation>
    </message>
    <message>
        <source>Cannot be read: %1</source>
        <translation>Nicht lesbar: %1</translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::ValueFormat</name>
    <message>
        <source>Unix time in seconds</source>
        <translation>Unix-Zeit in Sekunden</translation>
    </message>
    <message>
        <source>Unix time in milliseconds</source>
        <translation>Unix-Zeit in Millisekunden</translation>
    </message>
    <message>
        <source>Unix time in microseconds, as Firefox’s PRTime</source>
        <translation>Unix-Zeit in Mikrosekunden, wie Firefox’ PRTime</translation>
    </message>
    <message>
        <source>WebKit/Chrome time: microseconds since 1601</source>
        <translation>WebKit/Chrome-Zeit: Mikrosekunden seit 1601</translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::ValueViewer</name>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy the whole value: text as text, a BLOB as hex</source>
        <translation>Den ganzen Wert kopieren: Text als Text, einen BLOB als Hex</translation>
    </message>
    <message>
        <source>Save to File…</source>
        <translation>In Datei speichern …</translation>
    </message>
    <message>
        <source>Write the value&apos;s exact bytes to a file (text in UTF-8)</source>
        <translation>Die genauen Bytes des Werts in eine Datei schreiben (Text in UTF-8)</translation>
    </message>
    <message>
        <source>Select a cell to see its value here.</source>
        <translation>Wählen Sie eine Zelle, um hier ihren Wert zu sehen.</translation>
    </message>
    <message>
        <source>declared %1</source>
        <translation>deklariert %1</translation>
    </message>
    <message>
        <source>hexadecimal: 0x%1</source>
        <translation>hexadezimal: 0x%1</translation>
    </message>
    <message>
        <source>as a time: %1
(read as %2)</source>
        <translation>als Zeitpunkt: %1
(gelesen als %2)</translation>
    </message>
    <message>
        <source>shortest form that reads back the same: %1</source>
        <translation>kürzeste Form, die gleich zurückgelesen wird: %1</translation>
    </message>
    <message>
        <source>empty text</source>
        <translation>leerer Text</translation>
    </message>
    <message>
        <source>Reading the value…</source>
        <translation>Der Wert wird gelesen …</translation>
    </message>
    <message>
        <source>empty blob</source>
        <translation>leerer BLOB</translation>
    </message>
    <message>
        <source>Reading the %1 image…</source>
        <translation>Das %1-Bild wird gelesen …</translation>
    </message>
    <message>
        <source>The view shows the first %1 of %2 characters; Copy and Save to File… take the whole value.</source>
        <translation>Die Ansicht zeigt die ersten %1 von %2 Zeichen; „Kopieren“ und „In Datei speichern …“ nehmen den ganzen Wert.</translation>
    </message>
    <message>
        <source>It starts like a %1 image but could not be read as one: %2</source>
        <translation>Es beginnt wie ein %1-Bild, ließ sich aber nicht als solches lesen: %2</translation>
    </message>
    <message>
        <source>%1 × %2 pixels · %3</source>
        <translation>%1 × %2 Pixel · %3</translation>
    </message>
    <message>
        <source>%1 · …</source>
        <translation>%1 · …</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 in UTF-8</source>
        <translation>%1 · %2 · %3 in UTF-8</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 · %2 (%3)</source>
        <translation>%1 · %2 (%3)</translation>
    </message>
    <message>
        <source>Copied the bytes as hex.</source>
        <translation>Die Bytes als Hex kopiert.</translation>
    </message>
    <message>
        <source>Copied the text.</source>
        <translation>Den Text kopiert.</translation>
    </message>
    <message>
        <source>Copied %1.</source>
        <translation>%1 kopiert.</translation>
    </message>
    <message>
        <source>Copying…</source>
        <translation>Wird kopiert …</translation>
    </message>
    <message>
        <source>Saving to %1…</source>
        <translation>Wird in %1 gespeichert …</translation>
    </message>
    <message>
        <source>Saved %1 to %2.</source>
        <translation>%1 in %2 gespeichert.</translation>
    </message>
    <message>
        <source>Could not save to %1: %2</source>
        <translation>Konnte nicht in %1 speichern: %2</translation>
    </message>
    <message>
        <source>Save Value to File</source>
        <translation>Wert in Datei speichern</translation>
    </message>
    <message numerus="yes">
        <source>%1 character(s)</source>
        <translation>
            <numerusform>%1 Zeichen</numerusform>
            <numerusform>%1 Zeichen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::ValueViews</name>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>Hex</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Views of the value</source>
        <translation>Ansichten des Werts</translation>
    </message>
    <message>
        <source>Monospace</source>
        <translation>Feste Breite</translation>
    </message>
    <message>
        <source>Show the text in a fixed-width font</source>
        <translation>Den Text in einer Schrift fester Breite zeigen</translation>
    </message>
    <message>
        <source>About the value</source>
        <translation>Über den Wert</translation>
    </message>
    <message>
        <source>Value as text</source>
        <translation>Wert als Text</translation>
    </message>
    <message>
        <source>Value as JSON</source>
        <translation>Wert als JSON</translation>
    </message>
    <message>
        <source>Value as hex dump</source>
        <translation>Wert als Hex-Dump</translation>
    </message>
    <message>
        <source>Value as image</source>
        <translation>Wert als Bild</translation>
    </message>
    <message>
        <source>The hex dump shows the first %1 of %2; Copy and Save to File… take the whole value.</source>
        <translation>Der Hex-Dump zeigt die ersten %1 von %2; „Kopieren“ und „In Datei speichern …“ nehmen den ganzen Wert.</translation>
    </message>
</context>
<context>
    <name>sqlsnap::ui::WindowedGrid</name>
    <message>
        <source>Rows of the whole table</source>
        <translation>Zeilen der ganzen Tabelle</translation>
    </message>
</context>
</TS>
