#include "read/querygate.h"

#include "base/sqlitedb.h"
#include "read/schema.h"

#include <sqlite3.h>

#include <atomic>

namespace sqlsnap::querygate {
namespace {

std::atomic<unsigned> g_disabledLayers{0};

bool isSpace(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
}
bool isWordChar(char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '_' ||
           u == '$' || u >= 0x80;
}

enum class TokenKind { End, Word, QuotedIdentifier, String, Other };
struct Token {
    TokenKind kind = TokenKind::End;
    int begin = 0;
    int end = 0;
};

// The end of a quoted token starting at `from` (the opening quote), a doubled closing quote being part
// of it; the end of the text when it is not closed.
int quotedEnd(const QByteArray& sql, int from, char close) {
    int i = from + 1;
    while (i < sql.size()) {
        if (sql[i] == close) {
            if (close != ']' && i + 1 < sql.size() && sql[i + 1] == close) {
                i += 2;
                continue;
            }
            return i + 1;
        }
        ++i;
    }
    return int(sql.size());
}

// Whitespace and comments (not ';') skipped from `i`.
int skipBlanks(const QByteArray& sql, int i) {
    const int n = int(sql.size());
    while (i < n) {
        if (isSpace(sql[i])) {
            ++i;
        } else if (sql[i] == '-' && i + 1 < n && sql[i + 1] == '-') {
            while (i < n && sql[i] != '\n')
                ++i;
        } else if (sql[i] == '/' && i + 1 < n && sql[i + 1] == '*') {
            const int close = int(sql.indexOf("*/", i + 2));
            i = close < 0 ? n : close + 2;
        } else {
            break;
        }
    }
    return i;
}

Token nextToken(const QByteArray& sql, int from) {
    Token t;
    const int i = skipBlanks(sql, from);
    t.begin = t.end = i;
    if (i >= sql.size())
        return t;
    const char c = sql[i];
    if (isWordChar(c)) {
        int j = i;
        while (j < sql.size() && isWordChar(sql[j]))
            ++j;
        t.kind = TokenKind::Word;
        t.end = j;
    } else if (c == '"' || c == '`' || c == '[') {
        t.kind = TokenKind::QuotedIdentifier;
        t.end = quotedEnd(sql, i, c == '[' ? ']' : c);
    } else if (c == '\'') {
        t.kind = TokenKind::String;
        t.end = quotedEnd(sql, i, '\'');
    } else {
        t.kind = TokenKind::Other;
        t.end = i + 1;
    }
    return t;
}

QString tokenText(const QByteArray& sql, const Token& t) {
    if (t.kind != TokenKind::QuotedIdentifier)
        return QString::fromUtf8(sql.mid(t.begin, t.end - t.begin));
    const char quote = sql[t.begin];
    QByteArray inner = sql.mid(t.begin + 1, t.end - t.begin - 2);
    if (quote != '[')
        inner.replace(QByteArray(2, quote), QByteArray(1, quote));
    return QString::fromUtf8(inner);
}

QString upperWord(const QByteArray& sql, const Token& t) {
    return t.kind == TokenKind::Word ? tokenText(sql, t).toUpper() : QString();
}

// The first keywords of the statements that never run here (SQLite's other statements: the reading
// ones are SELECT, WITH, VALUES, PRAGMA and EXPLAIN of them).
bool refusedKeyword(const QString& word) {
    static const QSet<QString> words{
        QStringLiteral("INSERT"),  QStringLiteral("REPLACE"),  QStringLiteral("UPDATE"),
        QStringLiteral("DELETE"),  QStringLiteral("CREATE"),   QStringLiteral("DROP"),
        QStringLiteral("ALTER"),   QStringLiteral("ATTACH"),   QStringLiteral("DETACH"),
        QStringLiteral("VACUUM"),  QStringLiteral("BEGIN"),    QStringLiteral("COMMIT"),
        QStringLiteral("END"),     QStringLiteral("ROLLBACK"), QStringLiteral("SAVEPOINT"),
        QStringLiteral("RELEASE"), QStringLiteral("ANALYZE"),  QStringLiteral("REINDEX")};
    return words.contains(word);
}

// "CREATE TEMP TABLE", "DROP INDEX", "ALTER TABLE", "VACUUM INTO": the keyword and the words that say
// what it would make or change.
QString nameOfRefused(const QByteArray& sql, const Token& keyword) {
    QString name = upperWord(sql, keyword);
    static const QSet<QString> qualifiers{QStringLiteral("TEMP"), QStringLiteral("TEMPORARY"),
                                          QStringLiteral("UNIQUE"), QStringLiteral("VIRTUAL")};
    static const QSet<QString> objects{QStringLiteral("TABLE"), QStringLiteral("INDEX"),
                                       QStringLiteral("VIEW"), QStringLiteral("TRIGGER")};
    if (name == QLatin1String("CREATE") || name == QLatin1String("DROP") || name == QLatin1String("ALTER")) {
        Token t = nextToken(sql, keyword.end);
        for (int words = 0; words < 3 && t.kind == TokenKind::Word; ++words, t = nextToken(sql, t.end)) {
            const QString w = upperWord(sql, t);
            if (!qualifiers.contains(w) && !objects.contains(w))
                break;
            name += QLatin1Char(' ') + (w == QLatin1String("TEMPORARY") ? QStringLiteral("TEMP") : w);
            if (objects.contains(w))
                break;
        }
    } else if (name == QLatin1String("VACUUM")) {
        // VACUUM [schema] INTO 'file'
        Token t = nextToken(sql, keyword.end);
        for (int words = 0; words < 2 && t.kind != TokenKind::End; ++words, t = nextToken(sql, t.end))
            if (upperWord(sql, t) == QLatin1String("INTO"))
                return QStringLiteral("VACUUM INTO");
    }
    return name;
}

bool isSchemaTable(const char* name) {
    return name && (qstricmp(name, "sqlite_master") == 0 || qstricmp(name, "sqlite_temp_master") == 0 ||
                    qstricmp(name, "sqlite_schema") == 0 || qstricmp(name, "sqlite_temp_schema") == 0);
}

// Pragmas that only report, and only without a value (`PRAGMA user_version`, not `= 1`). Not
// journal_mode: even without a value SQLite compiles it as a statement that may write.
const QSet<QString>& reportingPragmas() {
    static const QSet<QString> names{QStringLiteral("application_id"),
                                     QStringLiteral("auto_vacuum"),
                                     QStringLiteral("automatic_index"),
                                     QStringLiteral("busy_timeout"),
                                     QStringLiteral("cache_size"),
                                     QStringLiteral("cache_spill"),
                                     QStringLiteral("cell_size_check"),
                                     QStringLiteral("checkpoint_fullfsync"),
                                     QStringLiteral("collation_list"),
                                     QStringLiteral("compile_options"),
                                     QStringLiteral("data_version"),
                                     QStringLiteral("database_list"),
                                     QStringLiteral("defer_foreign_keys"),
                                     QStringLiteral("encoding"),
                                     QStringLiteral("foreign_keys"),
                                     QStringLiteral("freelist_count"),
                                     QStringLiteral("fullfsync"),
                                     QStringLiteral("function_list"),
                                     QStringLiteral("ignore_check_constraints"),
                                     QStringLiteral("journal_mode"),
                                     QStringLiteral("journal_size_limit"),
                                     QStringLiteral("legacy_alter_table"),
                                     QStringLiteral("locking_mode"),
                                     QStringLiteral("max_page_count"),
                                     QStringLiteral("mmap_size"),
                                     QStringLiteral("module_list"),
                                     QStringLiteral("page_count"),
                                     QStringLiteral("page_size"),
                                     QStringLiteral("pragma_list"),
                                     QStringLiteral("query_only"),
                                     QStringLiteral("read_uncommitted"),
                                     QStringLiteral("recursive_triggers"),
                                     QStringLiteral("reverse_unordered_selects"),
                                     QStringLiteral("schema_version"),
                                     QStringLiteral("secure_delete"),
                                     QStringLiteral("synchronous"),
                                     QStringLiteral("temp_store"),
                                     QStringLiteral("trusted_schema"),
                                     QStringLiteral("user_version"),
                                     QStringLiteral("wal_autocheckpoint")};
    return names;
}

// Pragmas whose argument names what to report on (a table, an index, a number of errors), never a value.
const QSet<QString>& subjectPragmas() {
    static const QSet<QString> names{QStringLiteral("table_info"),       QStringLiteral("table_xinfo"),
                                     QStringLiteral("table_list"),       QStringLiteral("index_info"),
                                     QStringLiteral("index_xinfo"),      QStringLiteral("index_list"),
                                     QStringLiteral("foreign_key_list"), QStringLiteral("foreign_key_check"),
                                     QStringLiteral("integrity_check"),  QStringLiteral("quick_check")};
    return names;
}

QString actionName(int action, const char* a) {
    switch (action) {
    case SQLITE_CREATE_INDEX:
        return QStringLiteral("CREATE INDEX");
    case SQLITE_CREATE_TABLE:
        return QStringLiteral("CREATE TABLE");
    case SQLITE_CREATE_TEMP_INDEX:
        return QStringLiteral("CREATE TEMP INDEX");
    case SQLITE_CREATE_TEMP_TABLE:
        return QStringLiteral("CREATE TEMP TABLE");
    case SQLITE_CREATE_TEMP_TRIGGER:
        return QStringLiteral("CREATE TEMP TRIGGER");
    case SQLITE_CREATE_TEMP_VIEW:
        return QStringLiteral("CREATE TEMP VIEW");
    case SQLITE_CREATE_TRIGGER:
        return QStringLiteral("CREATE TRIGGER");
    case SQLITE_CREATE_VIEW:
        return QStringLiteral("CREATE VIEW");
    case SQLITE_CREATE_VTABLE:
        return QStringLiteral("CREATE VIRTUAL TABLE");
    case SQLITE_DROP_INDEX:
    case SQLITE_DROP_TEMP_INDEX:
        return QStringLiteral("DROP INDEX");
    case SQLITE_DROP_TABLE:
    case SQLITE_DROP_TEMP_TABLE:
        return QStringLiteral("DROP TABLE");
    case SQLITE_DROP_TRIGGER:
    case SQLITE_DROP_TEMP_TRIGGER:
        return QStringLiteral("DROP TRIGGER");
    case SQLITE_DROP_VIEW:
    case SQLITE_DROP_TEMP_VIEW:
        return QStringLiteral("DROP VIEW");
    case SQLITE_DROP_VTABLE:
        return QStringLiteral("DROP VIRTUAL TABLE");
    case SQLITE_INSERT:
        return QStringLiteral("INSERT");
    case SQLITE_UPDATE:
        return QStringLiteral("UPDATE");
    case SQLITE_DELETE:
        return QStringLiteral("DELETE");
    case SQLITE_TRANSACTION: // BEGIN, COMMIT or ROLLBACK
        return a ? QString::fromUtf8(a).toUpper() : QStringLiteral("BEGIN");
    case SQLITE_SAVEPOINT: // BEGIN (SAVEPOINT), RELEASE or ROLLBACK (TO)
        return a && qstricmp(a, "RELEASE") == 0    ? QStringLiteral("RELEASE")
               : a && qstricmp(a, "ROLLBACK") == 0 ? QStringLiteral("ROLLBACK TO")
                                                   : QStringLiteral("SAVEPOINT");
    case SQLITE_ATTACH:
        return QStringLiteral("ATTACH");
    case SQLITE_DETACH:
        return QStringLiteral("DETACH");
    case SQLITE_ALTER_TABLE:
        return QStringLiteral("ALTER TABLE");
    case SQLITE_REINDEX:
        return QStringLiteral("REINDEX");
    case SQLITE_ANALYZE:
        return QStringLiteral("ANALYZE");
    default:
        return QStringLiteral("this statement");
    }
}

} // namespace

int skipSeparators(const QByteArray& sql, int from) {
    int i = skipBlanks(sql, from);
    while (i < sql.size() && sql[i] == ';')
        i = skipBlanks(sql, i + 1);
    return i;
}

int findWord(const QByteArray& sql, const QString& word, int from) {
    for (Token t = nextToken(sql, from); t.kind != TokenKind::End; t = nextToken(sql, t.end))
        if ((t.kind == TokenKind::Word || t.kind == TokenKind::QuotedIdentifier) &&
            tokenText(sql, t).compare(word, Qt::CaseInsensitive) == 0)
            return t.begin;
    return -1;
}

int stringIndex(const QByteArray& utf8, int byteOffset) {
    if (byteOffset < 0)
        return -1;
    return int(QString::fromUtf8(utf8.constData(), qMin<qsizetype>(byteOffset, utf8.size())).size());
}

Classified classify(const QByteArray& sql, int start) {
    Classified result;
    if (!enabled(KeywordLayer))
        return result;
    Token keyword = nextToken(sql, start);
    QString word = upperWord(sql, keyword);
    QString prefix;
    bool explained = false;
    if (word == QLatin1String("EXPLAIN")) {
        explained = true;
        prefix = QStringLiteral("EXPLAIN ");
        keyword = nextToken(sql, keyword.end);
        word = upperWord(sql, keyword);
        if (word == QLatin1String("QUERY")) {
            const Token plan = nextToken(sql, keyword.end);
            if (upperWord(sql, plan) == QLatin1String("PLAN")) {
                prefix = QStringLiteral("EXPLAIN QUERY PLAN ");
                keyword = nextToken(sql, plan.end);
                word = upperWord(sql, keyword);
            }
        }
    }
    if (refusedKeyword(word)) {
        result.refusal = Refusal{prefix + nameOfRefused(sql, keyword), keyword.begin};
        return result;
    }
    result.statement.countable =
        !explained &&
        (word == QLatin1String("SELECT") || word == QLatin1String("WITH") || word == QLatin1String("VALUES"));
    return result;
}

QString statementName(const QByteArray& sql, int start) {
    const Token keyword = nextToken(sql, start);
    if (keyword.kind != TokenKind::Word)
        return QStringLiteral("this statement");
    if (upperWord(sql, keyword) != QLatin1String("PRAGMA"))
        return nameOfRefused(sql, keyword);
    // PRAGMA [schema.]name
    Token name = nextToken(sql, keyword.end);
    if (const Token dot = nextToken(sql, name.end); dot.kind == TokenKind::Other && sql[dot.begin] == '.')
        name = nextToken(sql, dot.end);
    return name.kind == TokenKind::Word ? QStringLiteral("PRAGMA ") + tokenText(sql, name).toLower()
                                        : QStringLiteral("PRAGMA");
}

Error refusedError(const QString& what) {
    return {ErrorKind::PermissionDenied,
            QStringLiteral("%1 is refused: the console only reads; snapshots are never written").arg(what)};
}

std::optional<Authorizer::Denied> Authorizer::take() {
    m_specific = false;
    return std::exchange(m_denied, std::nullopt);
}

int Authorizer::deny(const QString& what, const QString& word, bool specific) {
    // A CREATE first asks to INSERT into sqlite_schema, then to CREATE: name the CREATE.
    if (!m_denied || (specific && !m_specific)) {
        m_denied = Denied{what, word};
        m_specific = specific;
    }
    return SQLITE_DENY;
}

int Authorizer::callback(void* self, int action, const char* a, const char* b, const char* database,
                         const char* trigger) {
    Q_UNUSED(database);
    Q_UNUSED(trigger);
    auto* me = static_cast<Authorizer*>(self);
    switch (action) {
    case SQLITE_SELECT:
    case SQLITE_READ:
    case SQLITE_RECURSIVE:
        return SQLITE_OK;
    case SQLITE_FUNCTION: // a: unused, b: the function's name
        if (b && (qstricmp(b, "load_extension") == 0 || qstricmp(b, "fts3_tokenizer") == 0))
            return me->deny(QString::fromUtf8(b).toLower() + QStringLiteral("()"), QString::fromUtf8(b),
                            true);
        return SQLITE_OK;
    case SQLITE_PRAGMA: { // a: the pragma's name, b: its argument or value (or null)
        const QString name = QString::fromUtf8(a).toLower();
        if (subjectPragmas().contains(name) || (!b && reportingPragmas().contains(name)))
            return SQLITE_OK;
        return me->deny(b ? QStringLiteral("PRAGMA %1 = %2").arg(name, QString::fromUtf8(b))
                          : QStringLiteral("PRAGMA %1").arg(name),
                        QString::fromUtf8(a), true);
    }
    case SQLITE_UPDATE: // a: the table
        // sqlite3_declare_vtab, in every virtual table's constructor, parses an UPDATE of sqlite_schema.
        if (isSchemaTable(a))
            return SQLITE_OK;
        [[fallthrough]];
    case SQLITE_INSERT:
    case SQLITE_DELETE:
        // R-Tree's constructor prepares the writes to its shadow tables (never run by a read).
        if (a && me->m_shadowTables.contains(QString::fromUtf8(a).toLower()))
            return SQLITE_OK;
        return me->deny(actionName(action, a), actionName(action, a).section(QLatin1Char(' '), 0, 0),
                        !isSchemaTable(a));
    default: {
        const QString what = actionName(action, a);
        return me->deny(what, what.section(QLatin1Char(' '), 0, 0), true);
    }
    }
}

Status harden(sqlite3* db, Authorizer& authorizer, const QString& context) {
    if (enabled(ConnectionLimitsLayer)) {
        sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0);
        int loadExtension = -1, tokenizer = -1, defensive = -1;
        sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, &loadExtension);
        sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, 0, &tokenizer);
        sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, &defensive);
        if (sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, -1) != 0 || loadExtension != 0 || tokenizer != 0 ||
            defensive != 1)
            return Error{ErrorKind::SqliteError,
                         QStringLiteral("%1: this SQLite cannot make the connection read-only enough for the "
                                        "console")
                             .arg(context)};
    }
    char* message = nullptr;
    const int rc = sqlite3_exec(db, "PRAGMA query_only=1", nullptr, nullptr, &message);
    sqlite3_free(message);
    if (rc != SQLITE_OK)
        return sqliteError(db, rc, context);
    // Before the authorizer: reading the table list connects eponymous virtual tables of its own.
    auto tables = readTableList(db, context);
    if (!tables)
        return tables.error();
    for (const TableInfo& t : *tables)
        if (t.type == QLatin1String("shadow"))
            authorizer.m_shadowTables.insert(t.name.toLower());
    if (enabled(AuthorizerLayer))
        sqlite3_set_authorizer(db, &Authorizer::callback, &authorizer);
    return success();
}

void setDisabledLayersForTesting(unsigned layers) {
    g_disabledLayers.store(layers, std::memory_order_relaxed);
}

bool enabled(Layer layer) {
    return (g_disabledLayers.load(std::memory_order_relaxed) & layer) == 0;
}

} // namespace sqlsnap::querygate
