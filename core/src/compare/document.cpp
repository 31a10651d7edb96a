// The JSON document of a comparison, shared by `diff --json` and the app's Export (compare.h).
#include <sqlitesnapshot/compare.h>
#include <sqlitesnapshot/valuetext.h>

namespace sqlsnap {
namespace {

QByteArray jsonNames(const QStringList& names) {
    QByteArrayList items;
    for (const QString& n : names)
        items << jsonString(n);
    return '[' + items.join(", ") + ']';
}

QByteArray jsonText(const QString& s) {
    return s.isNull() || s.isEmpty() ? QByteArray("null") : jsonString(s);
}

QByteArray jsonRow(const QStringList& columns, const QVariantList& values) {
    QByteArrayList members;
    for (int c = 0; c < columns.size() && c < values.size(); ++c)
        members << jsonString(columns[c]) + ": " + jsonValue(values[c]);
    return '{' + members.join(", ") + '}';
}

QByteArray jsonOptional(std::optional<qint64> v) {
    return v ? QByteArray::number(*v) : QByteArray("null");
}

// A table's object up to its "rows" (the plan: what is known before any row is read).
QByteArray jsonTableHead(const TableComparison& t) {
    return "    {\"name\": " + jsonString(t.name) + ", \"in_a\": " + (t.inA ? "true" : "false") +
           ", \"in_b\": " + (t.inB ? "true" : "false") +
           ", \"without_rowid\": " + (t.withoutRowid ? "true" : "false") +
           ", \"key\": " + jsonString(rowKeyName(t.key)) + ", \"key_columns\": " + jsonNames(t.keyColumns) +
           ",\n     \"columns_a\": " + jsonNames(t.columnsA) + ", \"columns_b\": " + jsonNames(t.columnsB) +
           ", \"columns_only_in_a\": " + jsonNames(t.columnsOnlyInA) +
           ", \"columns_only_in_b\": " + jsonNames(t.columnsOnlyInB) +
           ", \"definition_changed\": " + (t.definitionChanged ? "true" : "false") +
           ", \"warnings\": " + jsonNames(t.warnings);
}

QByteArray jsonTableCounts(const TableComparison& t) {
    return ", \"added\": " + QByteArray::number(t.rowsAdded) +
           ", \"removed\": " + QByteArray::number(t.rowsRemoved) +
           ", \"changed\": " + QByteArray::number(t.rowsChanged) +
           ", \"unchanged\": " + QByteArray::number(t.rowsUnchanged) + ", \"error\": " + jsonText(t.error) +
           '}';
}

QByteArray jsonChange(const TableComparison& t, const RowChange& c) {
    QByteArrayList key;
    for (const QVariant& v : c.key)
        key << jsonValue(v);
    QStringList changed;
    for (int i : c.changedColumns)
        changed << t.commonColumns.value(i);
    return "       {\"change\": " + jsonString(rowChangeKindName(c.kind)) + ", \"key\": [" + key.join(", ") +
           "], \"rowid_a\": " + jsonOptional(c.rowidA) + ", \"rowid_b\": " + jsonOptional(c.rowidB) +
           ", \"before\": " + (c.before.isEmpty() ? QByteArray("null") : jsonRow(t.columnsA, c.before)) +
           ", \"after\": " + (c.after.isEmpty() ? QByteArray("null") : jsonRow(t.columnsB, c.after)) +
           ", \"changed_columns\": " + jsonNames(changed) + '}';
}

bool wanted(const QString& table, const QStringList& tables) {
    if (tables.isEmpty())
        return true;
    for (const QString& t : tables)
        if (t.compare(table, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

} // namespace

bool ComparisonDocument::inScope(const SchemaChange& change, const QStringList& tables) {
    return wanted(change.table, tables);
}

Status ComparisonDocument::write(DatabaseComparison& comparison, const QStringList& scope, bool summaryOnly,
                                 const std::function<void(const QByteArray&)>& out, const CancelToken& cancel,
                                 bool* differences, bool* begun,
                                 const std::function<void(const TableComparison&)>& tableDone) {
    bool differ = false;
    QList<SchemaChange> changes;
    for (const SchemaChange& c : comparison.schemaChanges())
        if (inScope(c, scope))
            changes << c;
    differ = !changes.isEmpty();
    QList<TableComparison> tables;
    for (const TableComparison& t : comparison.tables())
        if (wanted(t.name, scope))
            tables << t;

    QByteArray head = "{\n  \"a\": " + jsonString(comparison.pathA()) +
                      ",\n  \"b\": " + jsonString(comparison.pathB()) +
                      ",\n  \"same_file\": " + QByteArray(comparison.sameFile() ? "true" : "false") +
                      ",\n  \"schema_changes\": [";
    for (int i = 0; i < changes.size(); ++i) {
        const SchemaChange& c = changes[i];
        head += (i ? ",\n    " : "\n    ") + QByteArray("{\"change\": ") +
                jsonString(schemaChangeKindName(c.kind)) + ", \"type\": " + jsonString(c.type) +
                ", \"name\": " + jsonString(c.name) + ", \"table\": " + jsonString(c.table) +
                ", \"sql_before\": " + jsonText(c.sqlBefore) + ", \"sql_after\": " + jsonText(c.sqlAfter) +
                '}';
    }
    out(head + (changes.isEmpty() ? "],\n  \"tables\": [" : "\n  ],\n  \"tables\": ["));
    if (begun)
        *begun = true;
    // A failure after this point still leaves a whole document: the tables so far, then the error.
    const auto failed = [&](const Error& error) -> Status {
        out("\n  ],\n  \"error\": {\"kind\": " + jsonString(QString::fromLatin1(kindName(error.kind))) +
            ", \"message\": " + jsonString(error.message) + "}\n}\n");
        if (differences)
            *differences = differ;
        return error;
    };
    for (int i = 0; i < tables.size(); ++i) {
        const TableComparison& t = tables[i];
        bool firstRow = true;
        std::function<void(const TableComparison&, const RowChange&)> rowChanged;
        out((i ? ",\n" : "\n") + jsonTableHead(t));
        if (!summaryOnly) {
            out(",\n     \"rows\": [");
            rowChanged = [&](const TableComparison& table, const RowChange& c) {
                out((firstRow ? "\n" : ",\n") + jsonChange(table, c));
                firstRow = false;
            };
        }
        auto compared = comparison.compareTable(t.name, cancel, rowChanged);
        if (!summaryOnly)
            out(firstRow ? "]" : "\n     ]");
        if (!compared) {
            out("}");
            return failed(compared.error());
        }
        differ = differ || compared->hasDifferences() || !compared->error.isEmpty();
        out(jsonTableCounts(*compared));
        if (tableDone)
            tableDone(*compared);
    }
    out((tables.isEmpty() ? "],\n  \"identical\": " : "\n  ],\n  \"identical\": ") +
        QByteArray(differ ? "false" : "true") + "\n}\n");
    if (differences)
        *differences = differ;
    return success();
}

} // namespace sqlsnap
