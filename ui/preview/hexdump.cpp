#include "preview/hexdump.h"

#include "common/format.h"

#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QFontDatabase>
#include <QHeaderView>
#include <QKeyEvent>
#include <QScrollBar>

namespace sqlsnap::ui {

HexDumpModel::HexDumpModel(QObject* parent) : QAbstractListModel(parent) {}

void HexDumpModel::setBytes(const QByteArray& bytes) {
    beginResetModel();
    m_bytes = bytes;
    int digits = 1;
    for (qsizetype last = std::max<qsizetype>(0, bytes.size() - 1); last >= 16; last /= 16)
        ++digits;
    m_offsetDigits = std::max(4, digits);
    endResetModel();
}

void HexDumpModel::setBytesPerRow(int bytesPerRow) {
    bytesPerRow = bytesPerRow <= 8 ? 8 : 16;
    if (bytesPerRow == m_bytesPerRow)
        return;
    beginResetModel();
    m_bytesPerRow = bytesPerRow;
    endResetModel();
}

qsizetype HexDumpModel::shownBytes() const {
    return std::min<qsizetype>(m_bytes.size(), qsizetype(kMaxRows) * m_bytesPerRow);
}

int HexDumpModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid())
        return 0;
    return int((shownBytes() + m_bytesPerRow - 1) / m_bytesPerRow);
}

QString HexDumpModel::formatRow(qsizetype start, int bytesPerRow) const {
    static constexpr char kDigits[] = "0123456789abcdef";
    const qsizetype end = std::min(start + bytesPerRow, m_bytes.size());
    QString text;
    text.reserve(m_offsetDigits + 4 * bytesPerRow + 8);
    text += QString::number(start, 16).rightJustified(m_offsetDigits, QLatin1Char('0'));
    text += QLatin1String("  ");
    for (int i = 0; i < bytesPerRow; ++i) {
        if (i > 0)
            text += QLatin1Char(' ');
        if (i == 8)
            text += QLatin1Char(' ');
        if (start + i < end) {
            const auto b = static_cast<unsigned char>(m_bytes[start + i]);
            text += QLatin1Char(kDigits[b >> 4]);
            text += QLatin1Char(kDigits[b & 0xf]);
        } else {
            text += QLatin1String("  ");
        }
    }
    text += QLatin1String("  ");
    for (qsizetype i = start; i < end; ++i) {
        const auto b = static_cast<unsigned char>(m_bytes[i]);
        text += b >= 0x20 && b < 0x7f ? QLatin1Char(char(b)) : QLatin1Char('.');
    }
    return text;
}

QString HexDumpModel::rowText(int row) const {
    if (row < 0 || row >= rowCount())
        return {};
    return formatRow(qsizetype(row) * m_bytesPerRow, m_bytesPerRow);
}

QString HexDumpModel::sampleRow(int bytesPerRow) const {
    // A full row: the widest one. Its characters do not matter for the width in a fixed font.
    const int hex = 3 * bytesPerRow - (bytesPerRow > 8 ? 0 : 1); // two digits a byte, the gaps
    return QString(m_offsetDigits + 2 + hex + 2 + bytesPerRow, QLatin1Char('0'));
}

QVariant HexDumpModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.column() != 0)
        return {};
    if (role == Qt::DisplayRole || role == Qt::AccessibleTextRole)
        return rowText(index.row());
    return {};
}

HexDumpView::HexDumpView(QWidget* parent) : QTableView(parent) {
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    horizontalHeader()->hide();
    verticalHeader()->hide();
    // No per-row or per-column measuring: a 1 M-row reset stays a few ms.
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    horizontalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    horizontalHeader()->setStretchLastSection(false);
    setShowGrid(false);
    setWordWrap(false);
    setTextElideMode(Qt::ElideNone);
    setAlternatingRowColors(true);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::ContiguousSelection);
    setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    updateMetrics();
}

void HexDumpView::setHexModel(HexDumpModel* model) {
    m_model = model;
    setModel(model);
    connect(model, &QAbstractItemModel::modelReset, this, &HexDumpView::updateMetrics);
    updateMetrics();
}

void HexDumpView::updateMetrics() {
    verticalHeader()->setDefaultSectionSize(QFontMetrics(font()).height() + 2);
    if (m_model)
        setColumnWidth(0, rowWidth(m_model->bytesPerRow()));
}

int HexDumpView::rowWidth(int bytesPerRow) const {
    // The cell's text margins on both sides, and a little air.
    const int padding = 2 * (style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, this) + 1) + 6;
    return QFontMetrics(font()).horizontalAdvance(m_model->sampleRow(bytesPerRow)) + padding;
}

void HexDumpView::fitRowsToWidth() {
    if (!m_model)
        return;
    const int bytesPerRow = viewport()->width() >= rowWidth(16) ? 16 : 8;
    if (bytesPerRow == m_model->bytesPerRow())
        return;
    // The first byte on screen stays on screen.
    const qsizetype topByte = qsizetype(std::max(0, rowAt(0))) * m_model->bytesPerRow();
    m_model->setBytesPerRow(bytesPerRow);
    if (m_model->rowCount() > 0)
        scrollTo(m_model->index(int(std::min<qsizetype>(topByte / bytesPerRow, m_model->rowCount() - 1))),
                 QAbstractItemView::PositionAtTop);
}

void HexDumpView::resizeEvent(QResizeEvent* event) {
    QTableView::resizeEvent(event);
    fitRowsToWidth();
}

void HexDumpView::changeEvent(QEvent* event) {
    QTableView::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange) {
        updateMetrics();
        fitRowsToWidth();
    }
}

void HexDumpView::keyPressEvent(QKeyEvent* event) {
    if (event == QKeySequence::Copy) {
        copySelectedRows();
        event->accept();
        return;
    }
    QTableView::keyPressEvent(event);
}

void HexDumpView::copySelectedRows() {
    if (!m_model)
        return;
    // Ranges, not indexes: a selection of a million rows is a single range.
    int first = -1, last = -1;
    for (const QItemSelectionRange& range : selectionModel()->selection()) {
        first = first < 0 ? range.top() : std::min(first, range.top());
        last = std::max(last, range.bottom());
    }
    if (first < 0)
        return;
    const int rows = last - first + 1;
    if (rows > kMaxCopiedRows) {
        emit message(tr("Select at most %1 rows to copy them; Copy takes the whole value.")
                         .arg(QLocale().toString(kMaxCopiedRows)));
        return;
    }
    QStringList lines;
    lines.reserve(rows);
    for (int row = first; row <= last; ++row)
        lines << m_model->rowText(row);
    QApplication::clipboard()->setText(lines.join(QLatin1Char('\n')) + QLatin1Char('\n'));
    emit message(
        tr("Copied %1 row(s) of the hex dump.", nullptr, pluralCount(rows)).arg(groupedNumber(rows)));
}

} // namespace sqlsnap::ui
