#include "sqlitesnapshot/rowtext.h"

#include "read/rowwriters.h"

#include <utility>

namespace sqlsnap {

RowText::RowText(TableFormat format, const QStringList& columns, const QString& table,
                 const QList<bool>& notInserted)
    : m_format(format),
      m_writer(makeRowWriter(format, SqlTarget{table, {}, notInserted, /*nameColumns=*/true})) {
    QByteArray opening;
    m_writer->begin(columns, opening);
    // The SQL format's opening is a transaction and a CREATE TABLE: INSERTs alone paste into any table.
    if (format != TableFormat::Sql)
        m_out = std::move(opening);
}

RowText::~RowText() = default;

void RowText::add(const QVariantList& values) {
    m_writer->row(values, m_out);
    ++m_rows;
}

QByteArray RowText::finish() {
    QByteArray ending;
    m_writer->end(ending);
    if (m_format != TableFormat::Sql) // COMMIT, for the transaction left out
        m_out += ending;
    return std::exchange(m_out, {});
}

} // namespace sqlsnap
