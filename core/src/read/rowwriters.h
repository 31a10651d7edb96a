// One writer per export format (TableFormat), behind one small interface: the table export and the query
// export both stream their rows through it, so a value is written the same way whatever it comes from.
// docs/library.md ("Export formats") is the contract for the bytes each writes.
#pragma once

#include "sqlitesnapshot/tableexport.h"
#include "sqlitesnapshot/valuetext.h"

#include <QByteArray>
#include <QStringList>
#include <QVariantList>

#include <memory>

namespace sqlsnap {

// Appends to `out`: begin() once, row() per row (values in the columns' order: an invalid QVariant is
// NULL; qint64, double, QString, QByteArray the other storage classes), end() after the last row.
class RowWriter {
public:
    virtual ~RowWriter() = default;
    virtual void begin(const QStringList& columns, QByteArray& out) = 0;
    virtual void row(const QVariantList& values, QByteArray& out) = 0;
    virtual void end(QByteArray& out) = 0;
};

// What the SQL format creates: `table` named in every INSERT; `createSql` the table's own CREATE
// statement, or empty for a CREATE TABLE of the columns without types (a view, a query's result; a
// repeated name gets ":1", ":2" as SQLite's CREATE TABLE … AS SELECT names it). `generated[c]`: column c
// is not inserted (a generated column, a virtual table's hidden one); the INSERTs then name the others.
struct SqlTarget {
    QString table;
    QString createSql;
    QList<bool> generated = {};
    bool nameColumns = false; // the INSERTs name their columns also when none is left out
};

std::unique_ptr<RowWriter> makeRowWriter(TableFormat format, const SqlTarget& target = {});

} // namespace sqlsnap
