#include "sqlitesnapshot/tableexport.h"

#include "sqlitesnapshot/query.h"
#include "sqlitesnapshot/reader.h"

#include "base/task.h"
#include "io/atomicoutput.h"
#include "read/rowwriters.h"
#include "snapshot/destination.h"
#include "snapshot/steps.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sqlsnap {

std::optional<TableFormat> tableFormatForPath(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("ndjson") || suffix == QLatin1String("jsonl"))
        return TableFormat::NdJson;
    return tableFormatFromName(suffix);
}

QString tableFormatName(TableFormat format) {
    switch (format) {
    case TableFormat::Csv:
        return QStringLiteral("csv");
    case TableFormat::Json:
        return QStringLiteral("json");
    case TableFormat::NdJson:
        return QStringLiteral("ndjson");
    case TableFormat::Sql:
        return QStringLiteral("sql");
    }
    return {};
}

std::optional<TableFormat> tableFormatFromName(const QString& name) {
    for (TableFormat f : {TableFormat::Csv, TableFormat::Json, TableFormat::NdJson, TableFormat::Sql})
        if (name == tableFormatName(f))
            return f;
    return std::nullopt;
}

namespace {

constexpr qint64 kFlushBytes = 256 * 1024;
constexpr qint64 kRowsPerReport = 1000;
constexpr int kQueryPageRows = 1000;

// The output side shared by both exports: the destination's checks, the atomic temporary, the buffer
// that is written every kFlushBytes, progress every kRowsPerReport rows, and the publish.
class ExportOutput {
public:
    ExportOutput(Task& task, const QString& destination) : m_task(task), m_dest(destination) {}

    // `source`: the database read (never the destination; its permissions are the file's). The checks
    // are a snapshot's (planOutput): never a file of `source` or of any other database.
    Status prepare(const QString& source, bool overwrite) {
        auto plan = planOutput(source, {}, m_dest.filePath(), overwrite);
        if (!plan)
            return plan.error();
        m_dest = QFileInfo(plan->path);
        m_mode = plan->mode; // no more readable than the database it comes from
        m_overwrite = overwrite;
        return success();
    }

    Status open(RowWriter& writer, const QStringList& columns, qint64 estimate) {
        io::sweepAbandonedStaging(m_dest.absolutePath());
        auto created = io::AtomicOutput::create(m_dest.absolutePath(), QStringLiteral("export"), true);
        if (!created)
            return created.error();
        m_file = std::move(*created);
        m_writer = &writer;
        m_estimate = estimate;
        m_task.setPhase(Phase::ExportingRows);
        m_task.progress().rowsTotal = estimate;
        writer.begin(columns, m_buffer);
        return success();
    }

    // After each row: flushes and reports; Cancelled once the task is.
    Status add(const QVariantList& row) {
        m_writer->row(row, m_buffer);
        ++m_rows;
        if (m_buffer.size() >= kFlushBytes) {
            if (auto written = m_file.write(m_buffer); !written)
                return written;
            m_buffer.clear();
        }
        if (m_rows % kRowsPerReport == 0) {
            m_task.progress().rowsDone = m_rows;
            m_task.progress().rowsTotal = qMax(m_estimate, m_rows);
            m_task.report();
            if (m_task.cancelled())
                return Task::cancelledError();
        }
        return success();
    }

    Expected<TableExportResult> finish() {
        m_writer->end(m_buffer);
        if (auto written = m_file.write(m_buffer); !written)
            return written.error();
        m_task.progress().rowsDone = m_task.progress().rowsTotal = m_rows;
        m_task.report();
        m_task.setPhase(Phase::Publishing);
        const qint64 bytes = m_file.bytes();
        if (auto published = m_file.publish(m_dest.absoluteFilePath(), m_mode, m_overwrite); !published)
            return published.error();
        m_task.setPhase(Phase::Done);
        return TableExportResult{m_dest.absoluteFilePath(), m_rows, bytes};
    }

private:
    Task& m_task;
    QFileInfo m_dest;
    mode_t m_mode = 0600;
    bool m_overwrite = false;
    io::AtomicOutput m_file;
    RowWriter* m_writer = nullptr;
    QByteArray m_buffer;
    qint64 m_estimate = 0;
    qint64 m_rows = 0;
};

// `permissionsOf`: the database whose permissions the file gets (the snapshot, or a live source whose
// staged copy `snapshotPath` is).
Expected<TableExportResult> runExportTable(const QString& snapshotPath, const QString& permissionsOf,
                                           const QString& table, const RowFilter& filter,
                                           const RowOrder& order, TableFormat format,
                                           const QString& destination, bool overwrite, Task& task) {
    task.setPhase(Phase::Inspecting);
    ExportOutput output(task, destination);
    if (auto ok = output.prepare(permissionsOf, overwrite); !ok)
        return ok.error();

    // The caller's cancellation reaches every reader call, inside SQLite's scan too: a filter that
    // matches nothing in 10 M rows still stops at once.
    const CancelToken cancel = task.cancelToken();
    auto opened = SnapshotReader::open(snapshotPath);
    if (!opened)
        return opened.error();
    SnapshotReader& reader = **opened;
    auto schema = reader.schema(table, cancel);
    if (!schema)
        return schema.error();
    // The preview lets a filter on a column it no longer shows match nothing; an export asked for one
    // by name is told plainly instead of writing an empty file.
    for (const ColumnFilter& f : filter.columns) {
        const bool known = std::any_of(schema->table.columns.cbegin(), schema->table.columns.cend(),
                                       [&](const ColumnInfo& c) { return c.name == f.column; });
        if (!known)
            return Error{ErrorKind::InvalidArgument,
                         QStringLiteral("%1 has no column named %2").arg(table, f.column)};
    }
    // One scan: the total is an estimate that costs nothing (the rowid span, an upper bound, for an
    // unfiltered rowid table), never a second full scan. Unknown (0) otherwise.
    qint64 estimate = 0;
    if (filter.isEmpty()) {
        auto range = reader.rowidRange(*schema, cancel);
        if (!range)
            return range.error();
        if (*range)
            estimate = (*range)->span();
    }

    QStringList names;
    QList<bool> generated;
    for (const ColumnInfo& c : schema->table.columns) {
        names << c.name;
        generated << c.hidden;
    }
    // A view is created as a table of its columns; a table (a virtual one too) with its own statement,
    // its generated and hidden columns left to it.
    const bool ownCreate = schema->table.type != QLatin1String("view") && !schema->table.sql.isEmpty();
    const auto writer = makeRowWriter(format, ownCreate ? SqlTarget{table, schema->table.sql, generated}
                                                        : SqlTarget{table, QString()});
    if (auto ok = output.open(*writer, names, estimate); !ok)
        return ok.error();
    std::optional<Error> stopped;
    auto status = reader.forEachRow(
        *schema, filter, order,
        [&](const QVariantList& row) {
            if (auto added = output.add(row); !added) {
                stopped = added.error();
                return false;
            }
            return true;
        },
        cancel);
    if (!status)
        return status.error();
    if (stopped)
        return *stopped;
    return output.finish();
}

Expected<TableExportResult> runExportQuery(QueryCursor& cursor, const QString& permissionsOf,
                                           TableFormat format, const QString& destination, bool overwrite,
                                           Task& task) {
    task.setPhase(Phase::Inspecting);
    ExportOutput output(task, destination);
    if (auto ok = output.prepare(permissionsOf, overwrite); !ok)
        return ok.error();
    QStringList names;
    for (const QueryColumn& c : cursor.columns())
        names << c.name;
    const auto writer = makeRowWriter(format, {QFileInfo(destination).completeBaseName(), QString()});
    if (auto ok = output.open(*writer, names, 0); !ok)
        return ok.error();
    const CancelToken cancel = task.cancelToken();
    for (qint64 first = 0;;) {
        auto page = cursor.rows(first, kQueryPageRows, cancel);
        if (!page)
            return page.error();
        for (const QVariantList& row : page->rows)
            if (auto added = output.add(row); !added)
                return added.error();
        first += page->rows.size();
        if (page->atEnd)
            break;
        if (task.cancelled())
            return Task::cancelledError();
    }
    return output.finish();
}

} // namespace

Expected<TableExportResult> exportTable(const QString& snapshotPath, const QString& table,
                                        const RowFilter& filter, const RowOrder& order, TableFormat format,
                                        const QString& destination, bool overwrite, ProgressSink* sink) {
    Task task(sink);
    return io::withoutStagingPaths(runExportTable(snapshotPath, snapshotPath, table, filter, order, format,
                                                  destination, overwrite, task));
}

Expected<TableExportResult> exportDatabaseTable(const QString& databasePath, const QString& table,
                                                const RowFilter& filter, const RowOrder& order,
                                                TableFormat format, const QString& destination,
                                                bool overwrite, ProgressSink* sink) {
    Task task(sink);
    auto files = inspectSource(databasePath, task);
    if (!files)
        return files.error();
    // Refused before anything is copied (the export checks again once it is written).
    if (auto plan = planOutput(files->databasePath, files->superJournalPath, destination, overwrite); !plan)
        return plan.error();
    io::sweepAbandonedStaging(QDir::tempPath());
    Cleanup cleanup;
    auto staged = stageAndOpen(*files, QDir::tempPath(), SnapshotOptions{}, cleanup, task);
    if (!staged)
        return io::withoutStagingPaths(staged.error());
    if (auto s = staged->db.close(); !s)
        return io::withoutStagingPaths(s.error());
    return io::withoutStagingPaths(runExportTable(staged->staged.databasePath, files->databasePath, table,
                                                  filter, order, format, destination, overwrite, task));
}

Expected<TableExportResult> exportQuery(QueryCursor& cursor, const QString& permissionsOf, TableFormat format,
                                        const QString& destination, bool overwrite, ProgressSink* sink) {
    Task task(sink);
    return io::withoutStagingPaths(
        runExportQuery(cursor, permissionsOf, format, destination, overwrite, task));
}

Expected<TableExportResult> exportQuery(const QString& snapshotPath, const QString& sql, TableFormat format,
                                        const QString& destination, bool overwrite, ProgressSink* sink) {
    Task task(sink);
    auto cursor = QueryCursor::open(snapshotPath, sql, task.cancelToken());
    if (!cursor)
        return cursor.error();
    return io::withoutStagingPaths(
        runExportQuery(**cursor, snapshotPath, format, destination, overwrite, task));
}

} // namespace sqlsnap
