// What the query console lets run, and the layers that refuse the rest (query.h states the contract):
// the statement's keywords, an authorizer with an allowlist, sqlite3_stmt_readonly, and the connection's
// own limits. Each layer refuses on its own; tests turn the others off to prove it.
#pragma once

#include "sqlitesnapshot/error.h"

#include <QByteArray>
#include <QSet>
#include <QString>

#include <optional>

struct sqlite3;

namespace sqlsnap::querygate {

// ---- SQL text, scanned as SQLite's tokenizer sees it (UTF-8 bytes; offsets are byte offsets) ----

// The first byte at or after `from` that is not whitespace, a comment or ';' (sql.size() if none).
int skipSeparators(const QByteArray& sql, int from);
// The byte offset of the first token that is the word or identifier `word` (bare or quoted with "", [],
// ``; case-insensitive), outside string literals and comments; -1 if none.
int findWord(const QByteArray& sql, const QString& word, int from = 0);
// A byte offset in `utf8` as an index into QString::fromUtf8(utf8); -1 stays -1.
int stringIndex(const QByteArray& utf8, int byteOffset);

// ---- Layer 1: the statement's keywords ----

struct Statement {
    bool countable = false; // SELECT, WITH or VALUES: can be wrapped in SELECT count(*) FROM (…)
};
struct Refusal {
    QString
        what; // "INSERT", "CREATE TEMP TABLE", "VACUUM INTO", "PRAGMA user_version = 1", "load_extension()"
    int byteOffset = -1;
};
// What the statement starting at `start` is, or why it is refused. A first word that is no statement
// keyword at all is left to SQLite's parser (a syntax error with its position).
struct Classified {
    Statement statement;
    std::optional<Refusal> refusal;
};
Classified classify(const QByteArray& sql, int start);
// How the statement starting at `start` names itself: its first keyword, with the words that say what it
// makes ("CREATE TEMP TABLE", "VACUUM INTO"); "this statement" when it starts with no word.
QString statementName(const QByteArray& sql, int start);

// "INSERT is refused: the console only reads; snapshots are never written" (ErrorKind::PermissionDenied).
Error refusedError(const QString& what);

// ---- Layers 2 and 4: the authorizer and the connection ----

// The authorizer's state for one connection; lives as long as the connection. It allows reading
// (SELECT, READ, RECURSIVE, functions but load_extension and fts3_tokenizer) and the pragmas that only
// report; it denies everything else, but for what a virtual table's constructor prepares on its own
// (R-Tree's writes to its shadow tables, sqlite3_declare_vtab's UPDATE of sqlite_schema), which layers 3
// and 4 still hold if a statement of the user's asks for it.
class Authorizer {
public:
    struct Denied {
        QString what; // as Refusal::what
        QString word; // the word in the SQL that asked for it ("DELETE", "load_extension", "user_version")
    };
    // What was denied since the last take(), if anything (the most telling denial when there were several).
    std::optional<Denied> take();
    static int callback(void* self, int action, const char* a, const char* b, const char* database,
                        const char* trigger);

private:
    friend Status harden(sqlite3* db, Authorizer& authorizer, const QString& context);
    int deny(const QString& what, const QString& word, bool specific);
    QSet<QString> m_shadowTables; // lower case
    std::optional<Denied> m_denied;
    bool m_specific = false;
};

// Makes a read-only connection the console's: PRAGMA query_only, no ATTACH (SQLITE_LIMIT_ATTACHED 0,
// which also keeps VACUUM INTO from creating its file), no extension loading (C API, SQL function and
// fts3_tokenizer), SQLITE_DBCONFIG_DEFENSIVE, then the authorizer (`authorizer` must outlive `db`).
Status harden(sqlite3* db, Authorizer& authorizer, const QString& context);

// ---- The test seam ----

enum Layer : unsigned {
    KeywordLayer = 1,           // layer 1
    AuthorizerLayer = 2,        // layer 2
    ReadOnlyStatementLayer = 4, // layer 3: sqlite3_stmt_readonly
    ConnectionLimitsLayer = 8,  // layer 4 (read-only open and query_only always stay)
};
// Tests only: the layers (a mask of Layer) that connections and statements made from now on skip.
void setDisabledLayersForTesting(unsigned layers);
bool enabled(Layer layer);

} // namespace sqlsnap::querygate
