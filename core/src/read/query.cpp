// The query console's cursor (query.h): a connection of its own, one compiled statement, paged forward.
//
// Why a connection per cursor, and not the SnapshotReader's: a cursor keeps its statement open between
// calls, and while any statement of a connection is open SQLite keeps an sqlite3_interrupt() pending for
// every statement that starts after it (the flag is cleared only when none is running). On a shared
// connection, one cancelled call would make the next unrelated ones fail as cancelled. The cursor's
// own connection has only its statement; countRows() uses another one for the same reason.
#include "sqlitesnapshot/query.h"

#include "sqlitesnapshot/databasefiles.h"

#include "base/sqlitedb.h"
#include "base/task.h"
#include "io/posixio.h"
#include "read/inplace.h"
#include "read/querygate.h"
#include "read/readerconnection.h"
#include "read/readerimpl.h"
#include "read/schema.h"
#include "snapshot/steps.h"

#include <QDir>
#include <QRegularExpression>

#include <sqlite3.h>

#include <atomic>

namespace sqlsnap {
namespace {

namespace gate = querygate;

} // namespace

// Declared in read/readerconnection.h; the console is its only user.
SqliteDb& readerConnection(SnapshotReader& reader) {
    return reader.m_impl->db;
}

namespace {

struct Finalize {
    void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};
using StatementPtr = std::unique_ptr<sqlite3_stmt, Finalize>;

// How the cursor's connections are opened: a snapshot (or a live database's staged copy, converted into
// one) through SnapshotReader::open, or a quiet live file in place, immutable, without a lock.
struct Target {
    QString openPath;
    bool inPlace = false;
    QString context; // the user's database, as errors name it
};

// One connection made the console's (querygate::harden). The authorizer's state is declared first, so
// it outlives the handle it is registered with.
struct Connection {
    gate::Authorizer authorizer;
    std::unique_ptr<SnapshotReader> reader; // owns the connection of a snapshot or a staged copy
    std::optional<SqliteDb> own;            // the connection of an in-place read
    SqliteDb& db() { return reader ? readerConnection(*reader) : *own; }
};

Expected<std::unique_ptr<Connection>> connect(const Target& target) {
    auto connection = std::make_unique<Connection>();
    if (target.inPlace) {
        const QString uri = immutableUri(target.openPath);
        auto db = SqliteDb::open(uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
        if (!db)
            return Error{db.error().kind,
                         QStringLiteral("cannot open %1: %2")
                             .arg(target.context, withoutContext(db.error().message,
                                                                 QStringLiteral("cannot open %1").arg(uri)))};
        connection->own.emplace(std::move(*db));
    } else {
        auto reader = SnapshotReader::open(target.openPath);
        if (!reader)
            return reader.error();
        connection->reader = std::move(*reader);
    }
    if (auto s = gate::harden(connection->db().get(), connection->authorizer, target.context); !s)
        return s.error();
    return connection;
}

// For as long as it lives, `task`'s cancellation stops the connection's statements (progress handler,
// and sqlite3_interrupt at once when the task has a token).
class Watch {
public:
    Watch(SqliteDb& db, Task& task) : m_db(db) { m_db.watchCancellation(&task); }
    ~Watch() { m_db.watchCancellation(nullptr); }
    Watch(const Watch&) = delete;
    Watch& operator=(const Watch&) = delete;

private:
    SqliteDb& m_db;
};

// An error of the statement: SQLite's own words for SQL errors; the usual kinds (and the database's name)
// for the rest.
Error statementError(sqlite3* db, int rc, const QString& context) {
    if ((rc & 0xff) == SQLITE_ERROR)
        return {ErrorKind::SqliteError, QString::fromUtf8(sqlite3_errmsg(db))};
    return sqliteError(db, rc, context);
}

// SQLite 3.40 gives no offset for these: the word they name, where it first appears.
int namedWordOffset(const QString& message, const QByteArray& sql, int start) {
    static const QRegularExpression named(
        QStringLiteral("^(?:no such (?:table|function|column|collation sequence|module|index)|"
                       "ambiguous column name): (.+)$"));
    const QRegularExpressionMatch m = named.match(message);
    if (!m.hasMatch())
        return -1;
    const QString name = m.captured(1).section(QLatin1Char('.'), -1);
    return gate::findWord(sql, name, start);
}

struct Compiled {
    StatementPtr stmt;
    QString sql; // the statement, without what surrounds it
    bool countable = false;
};

// Layers 1 to 3 of query.h on `sql`, compiled on `connection`. *errorByte: where the SQL is at fault.
Expected<Compiled> compile(Connection& connection, const QString& sql, const QString& context, int* errorByte,
                           QByteArray* utf8Out) {
    *errorByte = -1;
    const QByteArray utf8 = sql.toUtf8();
    *utf8Out = utf8;
    const int start = gate::skipSeparators(utf8, 0);
    if (start >= utf8.size())
        return Error{
            ErrorKind::InvalidArgument,
            QStringLiteral("no statement to run: the SQL is empty (or only blanks, comments and ';')")};
    const gate::Classified classified = gate::classify(utf8, start);
    if (classified.refusal) {
        *errorByte = classified.refusal->byteOffset;
        return gate::refusedError(classified.refusal->what);
    }
    sqlite3* db = connection.db().get();
    connection.authorizer.take();
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v2(db, utf8.constData() + start, int(utf8.size()) - start, &raw, &tail);
    StatementPtr stmt(raw);
    const auto denied = connection.authorizer.take();
    if (rc != SQLITE_OK) {
        if (denied) {
            *errorByte = gate::findWord(utf8, denied->word, start);
            if (*errorByte < 0)
                *errorByte = start;
            return gate::refusedError(denied->what);
        }
        Error error = statementError(db, rc, context);
        const int offset = sqlite3_error_offset(db);
        *errorByte = offset >= 0 ? start + offset : namedWordOffset(error.message, utf8, start);
        return error;
    }
    if (!stmt) // cannot happen after skipSeparators, but an empty statement is no statement
        return Error{ErrorKind::InvalidArgument, QStringLiteral("there is no SQL to run")};
    const int end = int(tail - utf8.constData());
    if (const int next = gate::skipSeparators(utf8, end); next < utf8.size()) {
        *errorByte = next;
        return Error{
            ErrorKind::InvalidArgument,
            QStringLiteral("only one statement can run at a time, and a second one follows the first")};
    }
    if (gate::enabled(gate::ReadOnlyStatementLayer) && !sqlite3_stmt_readonly(stmt.get())) {
        *errorByte = start;
        return gate::refusedError(gate::statementName(utf8, start));
    }
    QByteArray text = utf8.mid(start, end - start);
    if (text.endsWith(';'))
        text.chop(1);
    return Compiled{std::move(stmt), QString::fromUtf8(text).trimmed(), classified.statement.countable};
}

// A connection to `target` with `sql` compiled on it: what open() and openDatabase() share once they
// know which file to read.
struct Opened {
    std::unique_ptr<Connection> connection;
    Compiled compiled;
};

Expected<Opened> openOn(const Target& target, const QString& sql, Task& task, int* errorOffset) {
    auto connection = connect(target);
    if (!connection)
        return connection.error();
    int errorByte = -1;
    QByteArray utf8;
    Expected<Compiled> compiled = Error{ErrorKind::Cancelled, QString()};
    {
        const Watch watch((*connection)->db(), task);
        compiled = compile(**connection, sql, target.context, &errorByte, &utf8);
    }
    if (!compiled) {
        if (errorOffset)
            *errorOffset = gate::stringIndex(utf8, errorByte);
        return compiled.error();
    }
    return Opened{std::move(*connection), std::move(*compiled)};
}

} // namespace

struct QueryCursor::Impl {
    io::StagingFolder staging; // a live database's private copy; declared first: removed last
    Target target;
    std::optional<FileMarkers> markers; // an in-place read: the file as it was when the cursor opened
    std::unique_ptr<Connection> connection;
    StatementPtr stmt; // declared after the connection: finalized before it closes
    QString sql;
    QList<QueryColumn> columns;
    bool countable = false;
    qint64 position = 0;       // rows stepped over since the statement (re)started
    bool needsRestart = false; // the statement stopped on an error: it must start again
    std::atomic<qint64> known{-1};
    std::optional<Error> broken; // the in-place file changed: nothing more can be read from it

    Impl(Target target_, std::optional<FileMarkers> markers_, Opened&& opened)
        : target(std::move(target_)), markers(std::move(markers_)), connection(std::move(opened.connection)),
          stmt(std::move(opened.compiled.stmt)), sql(opened.compiled.sql),
          countable(opened.compiled.countable) {
        for (int c = 0; c < sqlite3_column_count(stmt.get()); ++c) {
            const char* type = sqlite3_column_decltype(stmt.get(), c);
            columns << QueryColumn{QString::fromUtf8(sqlite3_column_name(stmt.get(), c)),
                                   type ? QString::fromUtf8(type) : QString()};
        }
    }

    sqlite3* db() const { return connection->db().get(); }

    void restart() {
        sqlite3_reset(stmt.get());
        position = 0;
        needsRestart = false;
    }

    // A failed step: the statement must start again; a changed in-place file explains any error.
    Error stepError(int rc) {
        needsRestart = true;
        if (auto s = checkUnchanged(); !s)
            return s.error();
        return statementError(db(), rc, target.context);
    }

    Status checkUnchanged() {
        if (broken)
            return *broken;
        if (markers && !(*markers == readFileMarkers(target.openPath)))
            broken = Error{ErrorKind::Inconsistent,
                           QStringLiteral("%1 changed while it was read (a program wrote to it): every row "
                                          "returned before was read before the change; run the query again, "
                                          "or on a snapshot of it")
                               .arg(target.context)};
        return broken ? Status(*broken) : success();
    }

    Expected<RowPage> read(qint64 first, int count, const Task& task) {
        if (needsRestart || first < position)
            restart();
        RowPage page;
        int rc = SQLITE_ROW;
        // Over the rows before `first`, without reading them.
        while (position < first) {
            if ((position & 1023) == 0 && task.cancelled())
                return Task::cancelledError();
            rc = sqlite3_step(stmt.get());
            if (rc == SQLITE_DONE) {
                known = position;
                page.atEnd = true;
                return page;
            }
            if (rc != SQLITE_ROW)
                return stepError(rc);
            ++position;
        }
        const int width = int(columns.size());
        while (page.rows.size() < count) {
            if ((page.rows.size() & 1023) == 1023 && task.cancelled())
                return Task::cancelledError();
            rc = sqlite3_step(stmt.get());
            if (rc == SQLITE_DONE) {
                known = position;
                page.atEnd = true;
                break;
            }
            if (rc != SQLITE_ROW)
                return stepError(rc);
            QVariantList row;
            row.reserve(width);
            for (int c = 0; c < width; ++c)
                row << columnValue(stmt.get(), c);
            page.rows << row;
            ++position;
        }
        return page;
    }
};

QueryCursor::QueryCursor(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
QueryCursor::~QueryCursor() = default;

Expected<std::unique_ptr<QueryCursor>> QueryCursor::open(const QString& snapshotPath, const QString& sql,
                                                         const CancelToken& cancel, int* errorOffset) {
    if (errorOffset)
        *errorOffset = -1;
    Task task(cancel);
    if (task.cancelled())
        return Task::cancelledError();
    const Target target{snapshotPath, false, snapshotPath};
    auto opened = openOn(target, sql, task, errorOffset);
    if (!opened)
        return opened.error();
    return std::unique_ptr<QueryCursor>(
        new QueryCursor(std::make_unique<Impl>(target, std::nullopt, std::move(*opened))));
}

Expected<std::unique_ptr<QueryCursor>> QueryCursor::openDatabase(const QString& path, const QString& sql,
                                                                 ProgressSink* sink, int* errorOffset) {
    if (errorOffset)
        *errorOffset = -1;
    Task task(sink);
    auto files = inspectSource(path, task);
    if (!files)
        return files.error();
    const QString& source = files->databasePath;
    if (readableInPlace(*files)) {
        const FileMarkers before = readFileMarkers(source);
        const Target target{source, true, source};
        auto opened = openOn(target, sql, task, errorOffset);
        const bool unchanged = before == readFileMarkers(source);
        if (opened && unchanged)
            return std::unique_ptr<QueryCursor>(
                new QueryCursor(std::make_unique<Impl>(target, before, std::move(*opened))));
        // A writer came by while it opened: the staged copy below decides.
        if (!opened && (opened.error().kind == ErrorKind::Cancelled || unchanged))
            return opened.error();
    }
    io::sweepAbandonedStaging(QDir::tempPath());
    Cleanup cleanup;
    auto staged = stageAndOpen(*files, QDir::tempPath(), SnapshotOptions{}, cleanup, task);
    if (!staged)
        return io::withoutStagingPaths(staged.error());
    if (auto s = staged->db.close(); !s)
        return io::withoutStagingPaths(s.error());
    task.setPhase(Phase::Opening);
    const Target target{staged->staged.databasePath, false, source};
    auto opened = openOn(target, sql, task, errorOffset);
    if (!opened)
        return io::withoutStagingPaths(opened.error());
    auto impl = std::make_unique<Impl>(target, std::nullopt, std::move(*opened));
    impl->staging = std::move(cleanup.staging);
    return std::unique_ptr<QueryCursor>(new QueryCursor(std::move(impl)));
}

const QString& QueryCursor::sql() const {
    return m_impl->sql;
}

const QList<QueryColumn>& QueryCursor::columns() const {
    return m_impl->columns;
}

qint64 QueryCursor::position() const {
    return m_impl->position;
}

std::optional<qint64> QueryCursor::knownRowCount() const {
    const qint64 known = m_impl->known.load();
    return known >= 0 ? std::optional<qint64>(known) : std::nullopt;
}

bool QueryCursor::canCountRows() const {
    return m_impl->countable;
}

Expected<RowPage> QueryCursor::rows(qint64 first, int count, const CancelToken& cancel) {
    Impl& d = *m_impl;
    Task task(cancel);
    const Watch watch(d.connection->db(), task);
    if (task.cancelled())
        return Task::cancelledError();
    if (first < 0 || count < 1)
        return Error{ErrorKind::InvalidArgument,
                     QStringLiteral("rows(%1, %2): the first row is 0 or more, the count 1 or more")
                         .arg(first)
                         .arg(count)};
    if (auto s = d.checkUnchanged(); !s)
        return s.error();
    if (const qint64 known = d.known.load(); known >= 0 && first >= known)
        return RowPage{{}, {}, true};
    auto page = d.read(first, count, task);
    if (!page && page.error().kind == ErrorKind::Cancelled && !task.cancelled()) {
        // An interrupt meant for an earlier call (cancelled just as it ended, while the statement stood
        // between rows) stays pending until no statement of the connection runs: start afresh.
        d.restart();
        page = d.read(first, count, task);
    }
    if (auto s = d.checkUnchanged(); !s)
        return s.error();
    return io::withoutStagingPaths(std::move(page));
}

Expected<qint64> QueryCursor::countRows(const CancelToken& cancel) {
    Impl& d = *m_impl;
    Task task(cancel);
    if (task.cancelled())
        return Task::cancelledError();
    if (!d.countable)
        return Error{
            ErrorKind::InvalidArgument,
            QStringLiteral("only SELECT, WITH and VALUES can be counted; read the rows of this one")};
    auto connection = connect(d.target);
    if (!connection)
        return io::withoutStagingPaths(connection.error());
    const Watch watch((*connection)->db(), task);
    int errorByte = -1;
    QByteArray utf8;
    // A newline before ')': the statement may end in a -- comment.
    auto wrapped = compile(**connection, QStringLiteral("SELECT count(*) FROM (\n%1\n)").arg(d.sql),
                           d.target.context, &errorByte, &utf8);
    if (!wrapped)
        return io::withoutStagingPaths(wrapped.error());
    const int rc = sqlite3_step(wrapped->stmt.get());
    if (rc != SQLITE_ROW)
        return io::withoutStagingPaths(statementError((*connection)->db().get(), rc, d.target.context));
    const qint64 count = sqlite3_column_int64(wrapped->stmt.get(), 0);
    if (auto s = d.checkUnchanged(); !s)
        return s.error();
    return count;
}

} // namespace sqlsnap
