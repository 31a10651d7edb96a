// The changed rows of one table of a comparison, for a WindowedGrid: a window of at most windowRows()
// rows, read page by page through a RowChangeCursor on the ComparisonThread (never the whole table).
// The total is known from the table's counts (the kinds shown: added, removed, changed), so the scroll
// bar stands for every row at once. The cursor only goes forward: a window before where it stands starts
// a new cursor and skips to it (docs/app.md, "Compare").
//
// One grid row per changed row (the decision docs/app.md gives): the first column says the kind, then the
// rowid where it is no column of the table's own (so rows without a key column can be told apart), the
// common columns, then those only in A, then those only in B. An added row shows B's values, a removed
// row A's; a changed row shows "before → after" in each cell that differs (ChangedRole true, tinted) and
// the value in the others. BeforeRole and AfterRole give each side's stored value (RawValue-like: an
// invalid QVariant is NULL) and HasBeforeRole / HasAfterRole whether the side has the cell at all.
#pragma once

#include "preview/windowedgrid.h"

#include <sqlitesnapshot/compare.h>

#include <QAbstractTableModel>

namespace sqlsnap::ui {

class ComparisonThread;

class ChangedRowsModel : public QAbstractTableModel, public WindowedRows {
    Q_OBJECT
public:
    enum Roles {
        BeforeRole = Qt::UserRole + 1,
        AfterRole,
        HasBeforeRole,
        HasAfterRole,
        ChangedRole,
        KindRole
    };
    enum Kinds { Added = 1, Removed = 2, Changed = 4, AllKinds = 7 };
    static constexpr int kWindowRows = 500;
    static constexpr int kPageRows = 200;

    explicit ChangedRowsModel(ComparisonThread* thread, QObject* parent = nullptr);
    ~ChangedRowsModel() override;
    // Before the thread goes: no more reads, the cursor closed on the thread. The thread must then be
    // destroyed (it waits for the jobs) before this model, whose answers are queued to it.
    void shutdown();

    // Shows `table`'s changed rows of the `kinds` wanted (its counts must be known); an empty name: none.
    void setTable(const TableComparison& table, int kinds);
    const TableComparison& table() const { return m_table; }
    int kinds() const { return m_kinds; }
    bool loading() const { return m_loading; }
    QString error() const { return m_error; }
    // The column's name as the tables store it (the header adds where it is kept); the rowid column's is
    // the name that reaches it ("rowid", "_rowid_", "oid").
    QString columnName(int column) const;
    // Its declared type (B's where B has it, else A's); empty for the rowid and the kind column.
    QString declaredType(int column) const;
    // Whether column 1 is the rowid (a rowid table whose rowid is no column of its own).
    bool showsRowid() const { return !m_table.implicitRowid.isEmpty(); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    qint64 totalRows() const override { return m_total; }
    qint64 windowStart() const override { return m_start; }
    int windowRows() const override { return kWindowRows; }
    void setWindowStart(qint64 start) override;
    bool totalKnown() const override { return true; }

signals:
    // The window's rows arrived (or failed: error()). They arrive as dataChanged of the rows already
    // counted, never a reset, so the view's current cell (after Ctrl+End, say) stays where it is.
    void loaded();

private:
    struct Cell {
        bool hasBefore = false, hasAfter = false;
        QVariant before, after;
    };
    Cell cell(const RowChange& change, int column) const;
    int firstColumn() const { return showsRowid() ? 2 : 1; } // the first of the table's own columns
    void request();

    struct Cursor; // lives on the thread: where the last page ended
    ComparisonThread* m_thread;
    std::shared_ptr<Cursor> m_cursor;
    TableComparison m_table;
    int m_kinds = AllKinds;
    qint64 m_total = 0, m_start = 0;
    QList<RowChange> m_rows;
    CancelToken m_request;
    bool m_loading = false;
    QString m_error;
};

} // namespace sqlsnap::ui
