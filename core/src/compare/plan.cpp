#include "compare/plan.h"

#include "sqlitesnapshot/tables.h"

#include "read/schema.h"

#include <QRegularExpression>

#include <sqlite3.h>

namespace sqlsnap::compare {
QString foldName(const QString& name) {
    QString folded = name;
    for (QChar& c : folded)
        if (c.unicode() >= 'A' && c.unicode() <= 'Z')
            c = QChar(c.unicode() + 32);
    return folded;
}

namespace {

bool sameName(const QString& x, const QString& y) {
    return foldName(x) == foldName(y);
}

int indexOfName(const QStringList& names, const QString& name) {
    for (int i = 0; i < names.size(); ++i)
        if (sameName(names[i], name))
            return i;
    return -1;
}

// What one side says about one table.
struct SideTable {
    TableInfo info;
    QStringList columns;     // stored columns (generated ones left out), in order
    QStringList types;       // their declared types
    QStringList primaryKey;  // in the key's order
    QStringList collations;  // of the primary key's columns
    bool rowidAlias = false; // the PRIMARY KEY is an INTEGER PRIMARY KEY: the rowid itself
    QString rowidName;       // empty without a usable rowid
    quint32 rootPage = 0;
};

Expected<SideTable> readSideTable(SqliteDb& db, const TableInfo& info) {
    SideTable t;
    t.info = info;
    auto columns = Statement::prepare(
        db.get(), QStringLiteral("SELECT name, pk, hidden, type FROM pragma_table_xinfo(?1)"));
    if (!columns)
        return Error{columns.error().kind, db.path() + QStringLiteral(": ") + columns.error().message};
    const QByteArray name = info.name.toUtf8();
    sqlite3_bind_text(columns->get(), 1, name.constData(), int(name.size()), SQLITE_TRANSIENT);
    QList<std::pair<int, QString>> keyed;
    QStringList all;
    int rc;
    while ((rc = sqlite3_step(columns->get())) == SQLITE_ROW) {
        const QString column = columnText(columns->get(), 0);
        all << column;
        if (sqlite3_column_int(columns->get(), 2) != 0)
            continue; // generated: its value follows from the others, and nothing may be written to it
        t.columns << column;
        t.types << columnText(columns->get(), 3);
        if (const int pk = sqlite3_column_int(columns->get(), 1); pk > 0)
            keyed.append({pk, column});
    }
    if (rc != SQLITE_DONE)
        return sqliteError(db.get(), rc, db.path());
    std::sort(keyed.begin(), keyed.end());
    for (const auto& [order, column] : keyed) {
        t.primaryKey << column;
        const char* type = nullptr;
        const char* collation = nullptr;
        sqlite3_table_column_metadata(db.get(), "main", name.constData(), column.toUtf8().constData(), &type,
                                      &collation, nullptr, nullptr, nullptr);
        t.collations << (collation ? QString::fromUtf8(collation).toUpper() : QStringLiteral("BINARY"));
    }
    auto root =
        db.queryInt(QStringLiteral("SELECT rootpage FROM sqlite_schema WHERE type = 'table' AND name = '%1'")
                        .arg(QString(info.name).replace(QLatin1Char('\''), QStringLiteral("''"))));
    if (root)
        t.rootPage = quint32(*root);
    if (!info.withoutRowid) {
        for (const char* candidate : {"rowid", "_rowid_", "oid"})
            if (indexOfName(all, QLatin1String(candidate)) < 0) {
                t.rowidName = QLatin1String(candidate);
                break;
            }
        // An INTEGER PRIMARY KEY is the rowid and has no index of its own; any other PRIMARY KEY of a rowid
        // table has one (origin "pk").
        if (t.primaryKey.size() == 1) {
            auto pkIndexes =
                db.queryInt(QStringLiteral("SELECT count(*) FROM pragma_index_list(%1) WHERE origin = 'pk'")
                                .arg(QStringLiteral("'%1'").arg(
                                    QString(info.name).replace(QLatin1Char('\''), QStringLiteral("''")))));
            if (!pkIndexes)
                return pkIndexes.error();
            t.rowidAlias = *pkIndexes == 0;
            if (t.rowidAlias && t.rowidName.isEmpty())
                t.rowidName = quoteIdentifier(t.primaryKey.first());
        }
    }
    return t;
}

std::optional<Collation> collationOf(const QString& name) {
    if (name == QLatin1String("BINARY"))
        return Collation::Binary;
    if (name == QLatin1String("NOCASE"))
        return Collation::NoCase;
    if (name == QLatin1String("RTRIM"))
        return Collation::Rtrim;
    return std::nullopt;
}

SideQuery sideQuery(const SideTable& t) {
    SideQuery q;
    q.present = true;
    q.table = quoteIdentifier(t.info.name);
    q.hasRowid = !t.rowidName.isEmpty();
    q.rowidName = t.rowidName;
    for (const QString& c : t.columns)
        q.columns << quoteIdentifier(c);
    return q;
}

// Keys the rows by the rowid on both sides.
void keyByRowid(TablePlan& plan, const SideTable& b) {
    plan.info.key = RowKey::Rowid;
    plan.info.keyColumns = {b.rowidAlias ? b.primaryKey.first() : b.rowidName};
    plan.keyValues = 1;
    plan.collations = {Collation::Binary};
    plan.a.keyExpressions = {plan.a.rowidName};
    plan.b.keyExpressions = {plan.b.rowidName};
}

// `sameEncoding`: text keys order alike on both sides only when both files have one encoding.
TablePlan planBoth(const SideTable& a, const SideTable& b, bool sameEncoding) {
    TablePlan plan;
    TableComparison& info = plan.info;
    info.name = b.info.name;
    info.inA = info.inB = true;
    info.withoutRowid = b.info.withoutRowid;
    info.shadowOf = b.info.shadowOf;
    info.implicitRowid = b.rowidAlias ? QString() : b.rowidName;
    info.columnsA = a.columns;
    info.columnsB = b.columns;
    info.typesA = a.types;
    info.typesB = b.types;
    for (int i = 0; i < b.columns.size(); ++i)
        if (const int inA = indexOfName(a.columns, b.columns[i]); inA >= 0) {
            info.commonColumns << b.columns[i];
            plan.commonA << inA;
            plan.commonB << i;
        } else {
            info.columnsOnlyInB << b.columns[i];
        }
    for (const QString& c : a.columns)
        if (indexOfName(b.columns, c) < 0)
            info.columnsOnlyInA << c;
    info.definitionChanged = a.info.sql != b.info.sql;
    plan.a = sideQuery(a);
    plan.b = sideQuery(b);
    plan.rootA = a.rootPage;
    plan.rootB = b.rootPage;

    const bool aByRowid = a.primaryKey.isEmpty() || a.rowidAlias;
    const bool bByRowid = b.primaryKey.isEmpty() || b.rowidAlias;
    bool samePrimaryKey =
        sameEncoding && !aByRowid && !bByRowid && a.primaryKey.size() == b.primaryKey.size();
    for (int i = 0; samePrimaryKey && i < a.primaryKey.size(); ++i)
        samePrimaryKey = sameName(a.primaryKey[i], b.primaryKey[i]) && a.collations[i] == b.collations[i] &&
                         collationOf(b.collations[i]).has_value();
    const bool bothRowids = plan.a.hasRowid && plan.b.hasRowid;
    if (aByRowid && bByRowid && bothRowids) {
        keyByRowid(plan, b);
    } else if (samePrimaryKey) {
        info.key = RowKey::PrimaryKey;
        info.keyColumns = b.primaryKey;
        plan.keyValues = int(b.primaryKey.size());
        for (const QString& c : b.collations)
            plan.collations << *collationOf(c);
        for (SideQuery* q : {&plan.a, &plan.b}) {
            for (const QString& c : b.primaryKey)
                q->keyExpressions << quoteIdentifier(c);
            if (q->hasRowid) {
                q->keyExpressions << q->rowidName;
                q->tieBreak = true;
            }
        }
    } else if (bothRowids) {
        keyByRowid(plan, b);
        info.warnings << QStringLiteral(
            "the PRIMARY KEY is not the same in A and B (or orders by a collation "
            "the comparison lacks, or A and B have other text encodings): rows are matched by rowid");
    } else {
        info.key = RowKey::None;
        info.warnings << QStringLiteral("A and B share no key for this table: every row of A counts as "
                                        "removed and every row of B as added");
    }
    if (info.key == RowKey::Rowid && !(a.rowidAlias && b.rowidAlias))
        info.warnings << QStringLiteral(
            "matched by rowid, which VACUUM may renumber (no INTEGER PRIMARY KEY): "
            "after a VACUUM or a rebuild, unchanged rows may show as removed and "
            "added");
    return plan;
}

TablePlan planOneSide(const SideTable& t, bool inA) {
    TablePlan plan;
    plan.info.name = t.info.name;
    plan.info.inA = inA;
    plan.info.inB = !inA;
    plan.info.withoutRowid = t.info.withoutRowid;
    plan.info.shadowOf = t.info.shadowOf;
    plan.info.implicitRowid = t.rowidAlias ? QString() : t.rowidName;
    (inA ? plan.info.columnsA : plan.info.columnsB) = t.columns;
    (inA ? plan.info.typesA : plan.info.typesB) = t.types;
    (inA ? plan.a : plan.b) = sideQuery(t);
    plan.info.key = RowKey::None;
    return plan;
}

Expected<QList<SideTable>> readSideTables(SqliteDb& db) {
    auto list = readTableList(db.get(), db.path());
    if (!list)
        return list.error();
    QList<SideTable> tables;
    for (const TableInfo& info : *list) {
        if (info.type != QLatin1String("table") && info.type != QLatin1String("shadow"))
            continue;
        auto t = readSideTable(db, info);
        if (!t)
            return t.error();
        tables << *t;
    }
    return tables;
}

} // namespace

const SchemaObject* Schema::find(const QString& type, const QString& name) const {
    for (const SchemaObject& o : objects)
        if (o.type == type && sameName(o.name, name))
            return &o;
    return nullptr;
}

Expected<Schema> readSchema(SqliteDb& db, const QString& context) {
    static const QRegularExpression createVirtual(QStringLiteral("^\\s*CREATE\\s+VIRTUAL\\s+TABLE\\b"),
                                                  QRegularExpression::CaseInsensitiveOption);
    auto stmt = Statement::prepare(db.get(), QStringLiteral("SELECT type, name, tbl_name, coalesce(sql, '') "
                                                            "FROM sqlite_schema WHERE name NOT LIKE "
                                                            "'sqlite\\_%' ESCAPE '\\' ORDER BY type, name"));
    if (!stmt)
        return Error{stmt.error().kind, context + QStringLiteral(": ") + stmt.error().message};
    Schema schema;
    int rc;
    while ((rc = sqlite3_step(stmt->get())) == SQLITE_ROW) {
        SchemaObject o{columnText(stmt->get(), 0), columnText(stmt->get(), 1), columnText(stmt->get(), 2),
                       columnText(stmt->get(), 3)};
        if (o.type == QLatin1String("table") && createVirtual.match(o.sql).hasMatch())
            o.type = QStringLiteral("virtual");
        schema.objects << o;
    }
    if (rc != SQLITE_DONE)
        return sqliteError(db.get(), rc, context);
    auto encoding = db.queryText(QStringLiteral("PRAGMA encoding"));
    if (!encoding)
        return encoding.error();
    schema.encoding = *encoding == QLatin1String("UTF-16le")   ? 2
                      : *encoding == QLatin1String("UTF-16be") ? 3
                                                               : 1;
    return schema;
}

QList<SchemaChange> schemaChanges(const Schema& a, const Schema& b) {
    QList<SchemaChange> changes;
    for (const SchemaObject& o : a.objects) {
        const SchemaObject* other = b.find(o.type, o.name);
        if (!other)
            changes << SchemaChange{SchemaChange::Kind::Removed, o.type, o.name, o.table, o.sql, {}};
        else if (other->sql != o.sql)
            changes << SchemaChange{
                SchemaChange::Kind::Changed, o.type, other->name, other->table, o.sql, other->sql};
    }
    for (const SchemaObject& o : b.objects)
        if (!a.find(o.type, o.name))
            changes << SchemaChange{SchemaChange::Kind::Added, o.type, o.name, o.table, {}, o.sql};
    return changes;
}

QString SideQuery::select(bool ordered, bool range) const {
    QStringList list = keyExpressions;
    list << (hasRowid ? rowidName : QStringLiteral("NULL"));
    list << columns;
    QString sql = QStringLiteral("SELECT %1 FROM %2").arg(list.join(QStringLiteral(", ")), table);
    if (range)
        sql += QStringLiteral(" WHERE %1 >= ?1 AND %1 <= ?2").arg(rowidName);
    if (ordered && !keyExpressions.isEmpty())
        sql += QStringLiteral(" ORDER BY ") + keyExpressions.join(QStringLiteral(", "));
    return sql;
}

Expected<QList<TablePlan>> planTables(SqliteDb& a, const Schema& schemaA, SqliteDb& b, const Schema& schemaB,
                                      const QStringList& only) {
    auto tablesA = readSideTables(a);
    if (!tablesA)
        return tablesA.error();
    auto tablesB = readSideTables(b);
    if (!tablesB)
        return tablesB.error();
    const auto wanted = [&](const QString& name) { return only.isEmpty() || indexOfName(only, name) >= 0; };
    QList<TablePlan> plans;
    for (const SideTable& ta : std::as_const(*tablesA)) {
        if (!wanted(ta.info.name))
            continue;
        const SideTable* tb = nullptr;
        for (const SideTable& t : std::as_const(*tablesB))
            if (sameName(t.info.name, ta.info.name))
                tb = &t;
        plans << (tb ? planBoth(ta, *tb, schemaA.encoding == schemaB.encoding) : planOneSide(ta, true));
    }
    for (const SideTable& tb : std::as_const(*tablesB)) {
        if (!wanted(tb.info.name))
            continue;
        bool inA = false;
        for (const SideTable& t : std::as_const(*tablesA))
            inA = inA || sameName(t.info.name, tb.info.name);
        if (!inA)
            plans << planOneSide(tb, false);
    }
    for (const QString& name : only) {
        bool found = false;
        for (const TablePlan& p : std::as_const(plans))
            found = found || sameName(p.info.name, name);
        if (!found)
            return Error{ErrorKind::InvalidArgument, QStringLiteral("no table named %1 in A or B").arg(name)};
    }
    std::sort(plans.begin(), plans.end(), [](const TablePlan& x, const TablePlan& y) {
        return foldName(x.info.name) < foldName(y.info.name);
    });
    for (TablePlan& p : plans)
        p.encoding = schemaB.encoding;
    return plans;
}

} // namespace sqlsnap::compare
