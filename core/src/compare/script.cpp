// ComparisonScript (compare.h): the SQL that turns A into B, in the order that lets it run in one
// transaction: what goes away first (triggers, views, indexes, tables), then the rows table by table,
// then what B adds (indexes, views, triggers).
#include "sqlitesnapshot/compare.h"

#include "sqlitesnapshot/tables.h"
#include "sqlitesnapshot/valuetext.h"

#include "compare/plan.h"

#include <QRegularExpression>

namespace sqlsnap {

using compare::foldName;

namespace {

QByteArray name(const QString& identifier) {
    return quoteIdentifier(identifier).toUtf8();
}

QByteArray statement(const QString& sql) {
    QByteArray s = sql.trimmed().toUtf8();
    if (!s.endsWith(';'))
        s += ';';
    return s + '\n';
}

QByteArray dropStatement(const QString& type, const QString& object) {
    const char* word = type == QLatin1String("trigger") ? "TRIGGER"
                       : type == QLatin1String("view")  ? "VIEW"
                       : type == QLatin1String("index") ? "INDEX"
                                                        : "TABLE";
    return QByteArray("DROP ") + word + ' ' + name(object) + ";\n";
}

// WHERE … naming the row as A holds it: by its key, or by A's rowid where a NULL in the key leaves the
// key ambiguous (a rowid table's PRIMARY KEY may hold NULLs) or there is no key.
QByteArray whereRow(const TableComparison& t, const RowChange& c) {
    bool hasNull = t.key == RowKey::None;
    for (const QVariant& v : c.key)
        hasNull = hasNull || !v.isValid();
    if (hasNull && c.rowidA && !t.implicitRowid.isEmpty())
        return " WHERE " + name(t.implicitRowid) + '=' + QByteArray::number(*c.rowidA);
    if (hasNull && c.rowidA)
        return " WHERE rowid=" + QByteArray::number(*c.rowidA);
    QByteArrayList terms;
    for (int k = 0; k < t.keyColumns.size() && k < c.key.size(); ++k)
        terms << name(t.keyColumns[k]) + '=' + sqlLiteral(c.key[k]);
    return " WHERE " + terms.join(" AND ");
}

QByteArray insert(const TableComparison& t, const QVariantList& row, std::optional<qint64> rowid) {
    QByteArrayList columns, values;
    if (rowid && !t.implicitRowid.isEmpty()) {
        columns << name(t.implicitRowid);
        values << QByteArray::number(*rowid);
    }
    for (int c = 0; c < t.columnsB.size() && c < row.size(); ++c) {
        columns << name(t.columnsB[c]);
        values << sqlLiteral(row[c]);
    }
    return "INSERT INTO " + name(t.name) + '(' + columns.join(',') + ") VALUES(" + values.join(',') + ");\n";
}

} // namespace

ComparisonScript::ComparisonScript(const DatabaseComparison& comparison, const QStringList& tables)
    : m_comparison(comparison) {
    for (const QString& t : tables)
        m_tables << foldName(t);
}

bool ComparisonScript::inScope(const QString& table) const {
    return m_tables.isEmpty() || m_tables.contains(foldName(table));
}

// Whether the script drops and creates this object again (added or changed in B).
bool ComparisonScript::recreated(const QString& type, const QString& object) const {
    for (const SchemaChange& c : m_comparison.schemaChanges())
        if (c.type == type && foldName(c.name) == foldName(object) && c.kind != SchemaChange::Kind::Removed)
            return true;
    return false;
}

QByteArray ComparisonScript::start() {
    QByteArray out = "PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\n";
    // What goes, dependents first: triggers, views, indexes; then virtual tables (with their shadow tables)
    // and tables.
    for (const char* type : {"trigger", "view", "index", "virtual", "table"})
        for (const SchemaChange& c : m_comparison.schemaChanges()) {
            if (c.type != QLatin1String(type) || c.kind == SchemaChange::Kind::Added || !inScope(c.table))
                continue;
            if (c.type == QLatin1String("table")) {
                if (c.kind != SchemaChange::Kind::Removed)
                    continue; // a changed table is rebuilt in its turn (tableStart)
                bool shadow = false;
                for (const TableComparison& t : m_comparison.tables())
                    shadow = shadow || (foldName(t.name) == foldName(c.name) && !t.shadowOf.isEmpty());
                if (shadow)
                    continue; // goes with its virtual table
            }
            if (c.type == QLatin1String("trigger"))
                m_triggersDropped << foldName(c.name);
            out += dropStatement(c.type, c.name);
        }
    // Virtual tables B adds or changes, before the rows of their shadow tables.
    for (const SchemaChange& c : m_comparison.schemaChanges())
        if (c.type == QLatin1String("virtual") && c.kind != SchemaChange::Kind::Removed && inScope(c.table))
            out += statement(c.sqlAfter);
    return out;
}

bool ComparisonScript::rebuilds(const TableComparison& t) const {
    if (!t.inB)
        return false;
    if (!t.shadowOf.isEmpty())
        return recreated(QStringLiteral("virtual"), t.shadowOf);
    return !t.inA || t.definitionChanged;
}

QByteArray ComparisonScript::tableStart(const TableComparison& t) {
    if (!rebuilds(t))
        return {};
    const QString folded = foldName(t.name);
    if (!t.shadowOf.isEmpty())
        return "DELETE FROM " + name(t.name) + ";\n"; // the virtual table made it, perhaps with rows
    QByteArray out;
    if (t.inA) {
        out += dropStatement(QStringLiteral("table"), t.name);
        m_tablesRebuilt << folded; // its indexes and triggers went with it
    }
    for (const SchemaObject& o : m_comparison.schemaObjects(DatabaseComparison::Which::B))
        if (o.type == QLatin1String("table") && foldName(o.name) == folded)
            out += statement(o.sql);
    return out;
}

// A UNIQUE constraint or index of A's table (inline, as a table constraint, or CREATE UNIQUE INDEX). A false
// positive (the word in a default's text) costs only a DELETE + INSERT where an UPDATE would do.
bool ComparisonScript::hasUniqueBesidesKey(const TableComparison& t) const {
    static const QRegularExpression unique(QStringLiteral("\\bUNIQUE\\b"),
                                           QRegularExpression::CaseInsensitiveOption);
    const QString folded = foldName(t.name);
    if (const auto known = m_hasUnique.constFind(folded); known != m_hasUnique.constEnd())
        return *known;
    bool found = false;
    for (const SchemaObject& o : m_comparison.schemaObjects(DatabaseComparison::Which::A))
        found = found || ((o.type == QLatin1String("table") || o.type == QLatin1String("index")) &&
                          foldName(o.table) == folded &&
                          unique.match(o.type == QLatin1String("table") ? o.sql : o.sql.left(40)).hasMatch());
    m_hasUnique.insert(folded, found);
    return found;
}

QByteArray ComparisonScript::row(const TableComparison& t, const RowChange& c, RowPass pass) {
    QByteArray out;
    const QString folded = foldName(t.name);
    // No trigger of A may fire while the rows change: each goes before the table's first row, and B's
    // come back at the end.
    if (!m_tablesTriggersDropped.contains(folded)) {
        m_tablesTriggersDropped << folded;
        for (const SchemaObject& o : m_comparison.schemaObjects(DatabaseComparison::Which::A))
            if (o.type == QLatin1String("trigger") && foldName(o.table) == folded &&
                !m_triggersDropped.contains(foldName(o.name))) {
                m_triggersDropped << foldName(o.name);
                out += dropStatement(o.type, o.name);
            }
    }
    // Where a UNIQUE value may move from one row to another, a changed row is deleted with the removed
    // ones and inserted whole with the added ones: an UPDATE in key order could meet the value before the
    // row that holds it in A had let it go.
    const bool rewrite = c.kind == RowChange::Kind::Changed && hasUniqueBesidesKey(t);
    if (pass == RowPass::Deletes) {
        if (c.kind == RowChange::Kind::Removed || rewrite)
            out += "DELETE FROM " + name(t.name) + whereRow(t, c) + ";\n";
        return out;
    }
    // Rows keyed by rowid keep it; by a PRIMARY KEY, the rowid is not part of what is compared.
    if (rewrite || c.kind == RowChange::Kind::Added)
        return out + insert(t, c.after, t.key == RowKey::Rowid ? c.rowidB : std::nullopt);
    switch (c.kind) {
    case RowChange::Kind::Removed:
    case RowChange::Kind::Added:
        break;
    case RowChange::Kind::Changed: {
        QByteArrayList sets;
        for (int i : c.changedColumns) {
            const QString& column = t.commonColumns[i];
            const int at = int(t.columnsB.indexOf(column));
            sets << name(column) + '=' + sqlLiteral(at >= 0 ? c.after.value(at) : QVariant());
        }
        out += "UPDATE " + name(t.name) + " SET " + sets.join(", ") + whereRow(t, c) + ";\n";
        break;
    }
    }
    return out;
}

QByteArray ComparisonScript::insertRow(const TableComparison& t, const QVariantList& row,
                                       std::optional<qint64> rowid) {
    return insert(t, row, rowid);
}

QByteArray ComparisonScript::finish() {
    QByteArray out;
    QStringList created;
    const auto create = [&](const SchemaObject& o) {
        const QString key = o.type + QLatin1Char(' ') + foldName(o.name);
        if (created.contains(key) || o.sql.isEmpty())
            return;
        created << key;
        out += statement(o.sql);
    };
    for (const char* type : {"index", "view", "trigger"})
        for (const SchemaObject& o : m_comparison.schemaObjects(DatabaseComparison::Which::B)) {
            if (o.type != QLatin1String(type) || !inScope(o.table))
                continue;
            const QString table = foldName(o.table);
            const bool fresh = recreated(o.type, o.name);
            const bool tableRebuilt = m_tablesRebuilt.contains(table);
            const bool triggerDropped =
                o.type == QLatin1String("trigger") &&
                (m_tablesTriggersDropped.contains(table) || m_triggersDropped.contains(foldName(o.name)));
            if (fresh || tableRebuilt || triggerDropped)
                create(o);
        }
    return out + "COMMIT;\n";
}

Status ComparisonScript::write(DatabaseComparison& comparison, const QStringList& tables,
                               const std::function<void(const QByteArray&)>& out, const CancelToken& cancel,
                               bool* differences) {
    ComparisonScript script(comparison, tables);
    bool differ = false;
    for (const SchemaChange& c : comparison.schemaChanges())
        differ = differ || script.inScope(c.table);
    for (const QString& name : tables) {
        bool found = false;
        for (const TableComparison& t : comparison.tables())
            found = found || foldName(t.name) == foldName(name);
        if (!found)
            return Error{ErrorKind::InvalidArgument, QStringLiteral("no table named %1 in A or B").arg(name)};
    }
    out(script.start());
    for (const TableComparison& t : comparison.tables()) {
        if (!script.inScope(t.name))
            continue;
        out(script.tableStart(t));
        if (script.rebuilds(t)) {
            differ = true;
            auto s = comparison.forEachRow(
                DatabaseComparison::Which::B, t.name,
                [&](const QVariantList& row, std::optional<qint64> rowid) {
                    out(script.insertRow(t, row, rowid));
                },
                cancel);
            if (!s)
                return s;
            continue;
        }
        if (!t.inB) {
            differ = true;
            continue; // dropped by start()
        }
        // Twice: the DELETEs first, then the INSERTs and UPDATEs (RowPass). Rows are never held.
        bool tableDiffers = false;
        for (const auto pass : {RowPass::Deletes, RowPass::Writes}) {
            if (pass == RowPass::Writes && !tableDiffers)
                break;
            auto compared = comparison.compareTable(
                t.name, cancel,
                [&](const TableComparison& table, const RowChange& c) { out(script.row(table, c, pass)); });
            if (!compared)
                return compared.error();
            if (!compared->error.isEmpty())
                return Error{ErrorKind::SqliteError,
                             QStringLiteral("%1 could not be compared: %2").arg(t.name, compared->error)};
            tableDiffers = compared->hasDifferences();
        }
        differ = differ || tableDiffers;
    }
    out(script.finish());
    if (differences)
        *differences = differ;
    return success();
}

} // namespace sqlsnap
