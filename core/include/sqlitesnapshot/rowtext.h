// Rows held in memory written as the export formats write them (the app's Copy As): the same writers,
// so a value reads the same on the clipboard as in an exported file (docs/library.md, "Export formats").
#pragma once

#include "tableexport.h"

#include <QByteArray>
#include <QList>
#include <QStringList>
#include <QVariantList>

#include <memory>

namespace sqlsnap {

class RowWriter;

class RowText {
public:
    // Csv: the header row, then one line per row (CRLF). Json: the array of objects keyed by column
    // name. NdJson: one object a line. Sql: only one `INSERT INTO "table"("a","b") VALUES(…);` line per
    // row, naming its columns (no transaction, no CREATE), the columns `notInserted` marks (generated
    // ones) left out.
    RowText(TableFormat format, const QStringList& columns, const QString& table = {},
            const QList<bool>& notInserted = {});
    ~RowText();
    RowText(const RowText&) = delete;
    RowText& operator=(const RowText&) = delete;

    // Values in the columns' order: an invalid QVariant is NULL; qint64, double, QString, QByteArray.
    void add(const QVariantList& values);
    qint64 rows() const { return m_rows; }
    // The text so far with the format's ending; the writer is done after it.
    QByteArray finish();

private:
    TableFormat m_format;
    std::unique_ptr<RowWriter> m_writer;
    QByteArray m_out;
    qint64 m_rows = 0;
};

} // namespace sqlsnap
