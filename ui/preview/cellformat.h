// How a grid shows one cell's value (the value as TableDataModel::RawValueRole gives it: an invalid
// QVariant is SQL NULL, qint64 INTEGER, double REAL, QString TEXT, QByteArray BLOB). Shared by the data
// grid and the SQL console's result grid, so both show a value the same way. GUI thread or any: pure.
#pragma once

#include <QString>
#include <QVariant>

namespace sqlsnap::ui {

// "NULL"; a REAL with its decimal point ("405.0"); "BLOB 12 bytes  DE AD …"; a TEXT cut to 200
// characters, its line breaks shown as ↵.
QString cellText(const QVariant& value);
// "BLOB <size>  <the first `previewBytes` bytes in hex>[ …]"
QString blobSummary(const QByteArray& blob, int previewBytes);
// What a model's data() answers for `value` in Qt::DisplayRole, ToolTipRole, ForegroundRole (NULL and
// BLOB grey), FontRole (NULL italic) and TextAlignmentRole (numbers to the right); empty for others.
QVariant cellData(const QVariant& value, int role);

} // namespace sqlsnap::ui
