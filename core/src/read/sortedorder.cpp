#include "sqlitesnapshot/sortedorder.h"

#include "read/readerimpl.h"

#include <QDir>
#include <QFile>
#include <QUrl>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace sqlsnap {

struct SortedOrder::Impl {
    TableSchema schema;
    RowFilter filter;
    RowOrder order;
    qint64 rowCount = 0;
    QString folder;
    bool holdsRows = false;
    QString path() const { return folder + QStringLiteral("/order.sqlite"); }
    ~Impl() {
        if (!folder.isEmpty())
            QDir(folder).removeRecursively();
    }
};

namespace {

// Counts the rows the scan has read (SQLite calls it once per row, before the sort) and reports them.
struct ScanCounter {
    Task* task = nullptr;
    qint64 rows = 0;
};

void countRow(sqlite3_context* context, int, sqlite3_value**) {
    auto* counter = static_cast<ScanCounter*>(sqlite3_user_data(context));
    if (++counter->rows % 65536 == 0) {
        counter->task->progress().rowsDone = counter->rows;
        counter->task->report();
    }
    sqlite3_result_int(context, 1);
}

// A folder only this user can enter, under the temporary directory: never beside the snapshot.
Expected<QString> makeScratchFolder() {
    QByteArray templ = QFile::encodeName(QDir::tempPath() + QStringLiteral("/sqlite-snapshot-sort-XXXXXX"));
    if (!::mkdtemp(templ.data()))
        return Error{ErrorKind::IoError,
                     QStringLiteral("cannot make a scratch folder for sorting in %1: %2")
                         .arg(QDir::tempPath(), QString::fromLocal8Bit(std::strerror(errno)))};
    return QFile::decodeName(templ);
}

} // namespace

SortedOrder::SortedOrder(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
SortedOrder::~SortedOrder() = default;

const TableSchema& SortedOrder::schema() const {
    return m_impl->schema;
}
const RowFilter& SortedOrder::filter() const {
    return m_impl->filter;
}
const RowOrder& SortedOrder::order() const {
    return m_impl->order;
}
qint64 SortedOrder::rowCount() const {
    return m_impl->rowCount;
}
QString SortedOrder::scratchPath() const {
    return m_impl->path();
}
bool SortedOrder::holdsRows() const {
    return m_impl->holdsRows;
}

Expected<std::shared_ptr<const SortedOrder>>
SortedOrder::build(const QString& snapshotPath, const TableSchema& schema, const RowFilter& filter,
                   const RowOrder& order, qint64 expectedRows, ProgressSink& sink) {
    Task task(&sink);
    task.setPhase(Phase::Sorting);
    task.progress().rowsTotal = std::max<qint64>(0, expectedRows);
    task.report();
    bool known = false;
    for (const ColumnInfo& c : schema.table.columns)
        known = known || c.name == order.column;
    if (!known)
        return Error{ErrorKind::InvalidArgument,
                     QStringLiteral("%1 has no column named %2").arg(schema.table.name, order.column)};

    auto impl = std::make_unique<Impl>();
    impl->schema = schema;
    impl->filter = filter;
    impl->order = order;
    impl->holdsRows = schema.rowidName.isEmpty();
    auto folder = makeScratchFolder();
    if (!folder)
        return folder.error();
    impl->folder = *folder; // from here on, the folder goes with impl, whatever happens

    auto db = SqliteDb::open(impl->path(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI);
    if (!db)
        return db.error();
    // A scratch file nobody else sees and that is thrown away on any failure: no journal, no syncs.
    // The cache bounds the sorter's memory (it spills to temporary files past it); one helper thread
    // sorts alongside.
    for (const char* pragma : {"PRAGMA journal_mode=OFF", "PRAGMA synchronous=OFF",
                               "PRAGMA cache_size=-16384", "PRAGMA temp_store=FILE", "PRAGMA threads=1"})
        if (auto s = db->exec(QString::fromLatin1(pragma)); !s)
            return s.error();
    // The snapshot, read-only whatever the scratch connection may do.
    const QString uri = QStringLiteral("file:%1?mode=ro")
                            .arg(QString::fromLatin1(QUrl::toPercentEncoding(snapshotPath, "/")));
    {
        auto attach = Statement::prepare(db->get(), QStringLiteral("ATTACH DATABASE ?1 AS snap"));
        if (!attach)
            return attach.error();
        const QByteArray u = uri.toUtf8();
        sqlite3_bind_text(attach->get(), 1, u.constData(), int(u.size()), SQLITE_TRANSIENT);
        if (const int rc = sqlite3_step(attach->get()); rc != SQLITE_DONE)
            return sqliteError(db->get(), rc, snapshotPath);
    }
    registerFilterFunctions(db->get());
    ScanCounter counter{&task, 0};
    sqlite3_create_function_v2(db->get(), "sqlsnap_row_read", 0, SQLITE_UTF8, &counter, countRow, nullptr,
                               nullptr, nullptr);
    db->watchCancellation(&task);

    const QString direction = order.descending ? QStringLiteral(" DESC") : QString();
    const QString table = QStringLiteral("snap.") + quoteIdentifier(schema.table.name);
    const QString where =
        whereClause({QStringLiteral("sqlsnap_row_read()"), filterCondition(schema, filter)});
    QString create, insert;
    if (impl->holdsRows) {
        QStringList columns;
        for (int i = 0; i < schema.table.columns.size(); ++i)
            columns << QStringLiteral("c%1").arg(i); // no type: each value keeps its storage class
        create = QStringLiteral("CREATE TABLE o(%1)").arg(columns.join(QStringLiteral(", ")));
        insert = QStringLiteral("INSERT INTO o SELECT %1 FROM %2%3 ORDER BY %4%5")
                     .arg(selectList(schema), table, where, quoteIdentifier(order.column), direction);
    } else {
        create = QStringLiteral("CREATE TABLE o(r INTEGER)");
        insert = QStringLiteral("INSERT INTO o(r) SELECT %1 FROM %2%3 ORDER BY %4%5, %1%5")
                     .arg(schema.rowidName, table, where, quoteIdentifier(order.column), direction);
    }
    if (auto s = db->exec(create); !s)
        return s.error();
    auto stmt = Statement::prepare(db->get(), insert);
    if (!stmt)
        return stmt.error();
    bindFilter(stmt->get(), schema, filter);
    const int rc = sqlite3_step(stmt->get());
    if (task.cancelled())
        return Task::cancelledError();
    if (rc != SQLITE_DONE)
        return sqliteError(db->get(), rc, snapshotPath);
    impl->rowCount = sqlite3_changes64(db->get());
    *stmt = Statement(); // finalized before the handle closes
    db->watchCancellation(nullptr);
    if (auto s = db->close(); !s)
        return s.error();
    task.progress().rowsDone = counter.rows;
    task.report();
    return std::shared_ptr<const SortedOrder>(new SortedOrder(std::move(impl)));
}

} // namespace sqlsnap
