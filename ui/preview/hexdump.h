// A BLOB as a hex dump, one row per 16 (or 8) bytes, for the value viewer.
//
// HexDumpModel makes each row's text when the view asks for it (data()), so a 16 MiB blob costs
// nothing to set: no row is built before it is painted. HexDumpView is a QTableView with fixed row
// heights and a fixed column width, because a QListView lays out every row on a reset (uniform item
// sizes or not: ~130 ms for 1 M rows) while a QTableView's fixed header costs ~6 ns a row (~7 ms for the
// 1 M rows of 16 MiB). Past kMaxRows the dump stops (the viewer says so): a reset stays ~12 ms.
#pragma once

#include <QAbstractListModel>
#include <QByteArray>
#include <QTableView>

namespace sqlsnap::ui {

class HexDumpModel : public QAbstractListModel {
    Q_OBJECT
public:
    static constexpr int kMaxRows = 2 * 1024 * 1024;

    explicit HexDumpModel(QObject* parent = nullptr);

    // Shares `bytes` (no copy) and resets the model.
    void setBytes(const QByteArray& bytes);
    const QByteArray& bytes() const { return m_bytes; }
    // 16 (the default) or 8; a reset when it changes.
    void setBytesPerRow(int bytesPerRow);
    int bytesPerRow() const { return m_bytesPerRow; }
    // How many of the bytes the rows show: all of them, or the first kMaxRows rows' worth.
    qsizetype shownBytes() const;

    // Row `row` as hexdump -C prints it, with as many offset digits as the blob needs (at least 4) and
    // without the bars around the ASCII column (two characters a side panel cannot spare):
    // "0030  30 31 32 33 34 35 36 37  38 39 3a 3b 3c 3d 3e 3f  0123456789:;<=>?". The last row keeps
    // the ASCII column in place and shows only the bytes it has; a byte outside 0x20–0x7e is a dot.
    QString rowText(int row) const;
    // The text of a row of `bytesPerRow` bytes with this blob's offset width (for measuring widths).
    QString sampleRow(int bytesPerRow) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;

private:
    QString formatRow(qsizetype start, int bytesPerRow) const;

    QByteArray m_bytes;
    int m_bytesPerRow = 16;
    int m_offsetDigits = 4;
};

// Shows a HexDumpModel in the fixed font: 16 bytes a row when they fit the width, 8 when they do not
// (a side panel of ~300 px); rows are selected whole (contiguously) and Ctrl+C copies them as text, up
// to kMaxCopiedRows (the viewer's Copy takes the whole blob).
class HexDumpView : public QTableView {
    Q_OBJECT
public:
    static constexpr int kMaxCopiedRows = 10000;

    explicit HexDumpView(QWidget* parent = nullptr);
    void setHexModel(HexDumpModel* model);

signals:
    // Something the view wants the user to know ("Copied 3 rows").
    void message(const QString& text);

protected:
    void resizeEvent(QResizeEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void fitRowsToWidth();
    void updateMetrics();
    int rowWidth(int bytesPerRow) const; // of a full row, in pixels
    void copySelectedRows();

    HexDumpModel* m_model = nullptr;
};

} // namespace sqlsnap::ui
