// Finding a text in every table of a snapshot (find.h). Each table is one statement: the preview's own
// all-columns filter (RowFilter{text}, rowfilter.cpp) picks the rows, so a hit here is a row the preview
// shows for the same text; each column comes back as shown (hex for a BLOB, SQLite's text otherwise),
// which says which columns matched and gives the excerpt.
#include "sqlitesnapshot/find.h"

#include "sqlitesnapshot/reader.h"

#include "base/task.h"
#include "io/posixio.h"
#include "read/readerconnection.h"
#include "read/readerimpl.h"
#include "snapshot/steps.h"

#include <QDir>

namespace sqlsnap {
namespace {

// What LIKE does: ASCII letters match either case, everything else exactly.
qsizetype indexOfLike(const QString& haystack, const QString& needle) {
    const auto fold = [](QChar c) {
        const char16_t u = c.unicode();
        return u >= 'A' && u <= 'Z' ? char16_t(u + 32) : u;
    };
    const qsizetype n = needle.size();
    for (qsizetype i = 0; i + n <= haystack.size(); ++i) {
        qsizetype k = 0;
        while (k < n && fold(haystack[i + k]) == fold(needle[k]))
            ++k;
        if (k == n)
            return i;
    }
    return -1;
}

QString excerptAround(const QString& shown, qsizetype at, qsizetype length, int context) {
    const qsizetype from = qMax<qsizetype>(0, at - context);
    const qsizetype to = qMin<qsizetype>(shown.size(), at + length + context);
    QString text = shown.mid(from, to - from);
    for (QChar& c : text)
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            c = QLatin1Char(' ');
    if (from > 0)
        text.prepend(QChar(0x2026));
    if (to < shown.size())
        text.append(QChar(0x2026));
    return text;
}

struct Scan {
    SqliteDb& db;
    const QString& text;
    const FindOptions& options;
    const std::function<void(const FindHit&)>& hit;
    Task& task;
};

// One table: its hits, or why it could not be read.
Status searchTable(Scan& scan, const TableSchema& schema, FindTableResult& result) {
    const bool keyed = !schema.rowidName.isEmpty();
    const RowFilter filter{scan.text};
    QStringList shown;
    for (const ColumnInfo& c : schema.table.columns) {
        const QString q = quoteIdentifier(c.name);
        shown << QStringLiteral(
                     "typeof(%1), CASE WHEN typeof(%1) = 'blob' THEN hex(%1) ELSE CAST(%1 AS TEXT) END")
                     .arg(q);
    }
    // Without a rowid, the position in the table's own order: numbered before the filter applies.
    const QString source =
        keyed ? quoteIdentifier(schema.table.name)
              : QStringLiteral("(SELECT row_number() OVER () - 1 AS \"__find_position\", * FROM %1)")
                    .arg(quoteIdentifier(schema.table.name));
    const QString sql =
        QStringLiteral("SELECT %1, %2 FROM %3%4")
            .arg(keyed ? schema.rowidName : QStringLiteral("\"__find_position\""),
                 shown.join(QStringLiteral(", ")), source, whereClause({filterCondition(schema, filter)}));
    auto stmt = Statement::prepare(scan.db.get(), sql);
    if (!stmt)
        return stmt.error();
    bindFilter(stmt->get(), schema, filter);
    QString hexNeedle = scan.text;
    hexNeedle.remove(QLatin1Char(' '));
    hexNeedle = hexNeedle.toUpper();
    int rc;
    while ((rc = sqlite3_step(stmt->get())) == SQLITE_ROW) {
        if (result.hits == scan.options.limitPerTable) {
            result.more = true;
            break;
        }
        FindHit h;
        h.table = schema.table.name;
        const qint64 key = sqlite3_column_int64(stmt->get(), 0);
        if (keyed)
            h.rowid = key;
        else
            h.position = key;
        for (int c = 0; c < schema.table.columns.size(); ++c) {
            const auto* type = reinterpret_cast<const char*>(sqlite3_column_text(stmt->get(), 1 + 2 * c));
            if (!type || qstrcmp(type, "null") == 0)
                continue;
            const bool blob = qstrcmp(type, "blob") == 0;
            const auto* value = reinterpret_cast<const char*>(sqlite3_column_text(stmt->get(), 2 + 2 * c));
            const QString text = QString::fromUtf8(value, sqlite3_column_bytes(stmt->get(), 2 + 2 * c));
            const QString& needle = blob ? hexNeedle : scan.text;
            const qsizetype at = indexOfLike(text, needle);
            if (at < 0)
                continue;
            if (h.columns.isEmpty())
                h.excerpt = excerptAround(text, at, needle.size(), scan.options.excerptContext);
            h.columns << schema.table.columns[c].name;
        }
        ++result.hits;
        scan.hit(h);
        if (scan.task.cancelled())
            return Task::cancelledError();
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return sqliteError(scan.db.get(), rc, scan.db.path());
    return success();
}

Expected<FindSummary> runFind(const QString& snapshotPath, const QString& text, const FindOptions& options,
                              const std::function<void(const FindHit&)>& hit, ProgressSink* sink) {
    if (text.isEmpty())
        return Error{ErrorKind::InvalidArgument, QStringLiteral("nothing to find: the text is empty")};
    if (options.limitPerTable < 1)
        return Error{ErrorKind::InvalidArgument, QStringLiteral("the limit per table must be at least 1")};
    const CancelToken cancel = CancelToken::following(sink);
    auto opened = SnapshotReader::open(snapshotPath);
    if (!opened)
        return opened.error();
    SnapshotReader& reader = **opened;
    auto tables = reader.tables(cancel);
    if (!tables)
        return tables.error();
    QStringList names;
    for (const TableInfo& t : *tables)
        if (t.type != QLatin1String("shadow") && (options.includeViews || t.type != QLatin1String("view")))
            names << t.name;

    FindSummary summary;
    Task task(cancel);
    for (int i = 0; i < names.size(); ++i) {
        if (options.progress)
            options.progress(
                FindProgress{i, int(names.size()), names[i],
                             summary.tables.isEmpty() ? std::nullopt : std::optional(summary.tables.last())});
        if (task.cancelled())
            return Task::cancelledError();
        FindTableResult result;
        result.table = names[i];
        auto schema = reader.schema(names[i], cancel);
        Status status = schema ? Status(success()) : Status(schema.error());
        if (schema) {
            SqliteDb& db = readerConnection(reader);
            db.watchCancellation(&task);
            Scan scan{db, text, options, hit, task};
            status = searchTable(scan, *schema, result);
            db.watchCancellation(nullptr);
        }
        if (!status) {
            if (status.error().kind == ErrorKind::Cancelled || task.cancelled())
                return Task::cancelledError();
            result.error = status.error().message;
        }
        summary.hits += result.hits;
        summary.tables << result;
        ++summary.tablesSearched;
    }
    if (options.progress)
        options.progress(
            FindProgress{int(names.size()),
                         int(names.size()),
                         {},
                         summary.tables.isEmpty() ? std::nullopt : std::optional(summary.tables.last())});
    return summary;
}

} // namespace

Expected<FindSummary> findInSnapshot(const QString& snapshotPath, const QString& text,
                                     const FindOptions& options,
                                     const std::function<void(const FindHit&)>& hit, ProgressSink* sink) {
    return io::withoutStagingPaths(runFind(snapshotPath, text, options, hit, sink));
}

Expected<FindSummary> findInDatabase(const QString& path, const QString& text, const FindOptions& options,
                                     const std::function<void(const FindHit&)>& hit, ProgressSink* sink) {
    if (text.isEmpty())
        return Error{ErrorKind::InvalidArgument, QStringLiteral("nothing to find: the text is empty")};
    Task task(sink);
    auto files = inspectSource(path, task);
    if (!files)
        return io::withoutStagingPaths(files.error());
    io::sweepAbandonedStaging(QDir::tempPath());
    Cleanup cleanup;
    auto staged = stageAndOpen(*files, QDir::tempPath(), SnapshotOptions{}, cleanup, task);
    if (!staged)
        return io::withoutStagingPaths(staged.error());
    if (auto s = staged->db.close(); !s)
        return io::withoutStagingPaths(s.error());
    return io::withoutStagingPaths(runFind(staged->staged.databasePath, text, options, hit, sink));
}

} // namespace sqlsnap
