#include "compare/changedrowsmodel.h"

#include "common/tones.h"
#include "compare/comparisonthread.h"
#include "preview/cellformat.h"

#include <QApplication>
#include <QPalette>

namespace sqlsnap::ui {

namespace {
int kindBit(RowChange::Kind kind) {
    switch (kind) {
    case RowChange::Kind::Added:
        return ChangedRowsModel::Added;
    case RowChange::Kind::Removed:
        return ChangedRowsModel::Removed;
    case RowChange::Kind::Changed:
        break;
    }
    return ChangedRowsModel::Changed;
}
} // namespace

// On the comparison's thread only: the cursor of the table shown and how many rows (of the kinds
// shown) it has handed out.
struct ChangedRowsModel::Cursor {
    QString table;
    int kinds = 0;
    std::unique_ptr<RowChangeCursor> cursor;
    qint64 position = 0;
};

ChangedRowsModel::ChangedRowsModel(ComparisonThread* thread, QObject* parent)
    : QAbstractTableModel(parent), m_thread(thread), m_cursor(std::make_shared<Cursor>()) {}

ChangedRowsModel::~ChangedRowsModel() = default;

void ChangedRowsModel::shutdown() {
    m_request.cancel();
    // The cursor reads the comparison's connections: it goes on the thread, before the comparison.
    m_thread->post({}, [cursor = m_cursor](DatabaseComparison*, const Error*, const CancelToken&) {
        cursor->cursor.reset();
    });
}

void ChangedRowsModel::setTable(const TableComparison& table, int kinds) {
    beginResetModel();
    m_table = table;
    // A table on one side only has no common columns: its rows show in that side's own columns.
    if (!table.inA && table.columnsOnlyInB.isEmpty())
        m_table.columnsOnlyInB = table.columnsB;
    if (!table.inB && table.columnsOnlyInA.isEmpty())
        m_table.columnsOnlyInA = table.columnsA;
    m_kinds = kinds;
    m_total = 0;
    if (!table.name.isEmpty() && table.error.isEmpty()) {
        if (kinds & Added)
            m_total += table.rowsAdded;
        if (kinds & Removed)
            m_total += table.rowsRemoved;
        if (kinds & Changed)
            m_total += table.rowsChanged;
    }
    m_start = 0;
    m_rows.clear();
    m_error.clear();
    endResetModel();
    request();
}

void ChangedRowsModel::setWindowStart(qint64 start) {
    start = std::clamp<qint64>(start, 0, std::max<qint64>(0, m_total - kWindowRows));
    if (start == m_start && !m_rows.isEmpty())
        return;
    beginResetModel();
    m_start = start;
    m_rows.clear();
    endResetModel();
    request();
}

void ChangedRowsModel::request() {
    m_request.cancel();
    m_request = CancelToken();
    if (m_total == 0) {
        m_loading = false;
        emit loaded();
        return;
    }
    m_loading = true;
    const qint64 start = m_start;
    const int want = int(std::min<qint64>(kWindowRows, m_total - start));
    const QString table = m_table.name;
    const int kinds = m_kinds;
    const CancelToken token = m_request;
    m_thread->post(token, [this, cursor = m_cursor, table, kinds, start, want, token](
                              DatabaseComparison* comparison, const Error* openError, const CancelToken&) {
        Expected<QList<RowChange>> answer = QList<RowChange>();
        if (!comparison) {
            answer = *openError;
        } else {
            // A new cursor when the table or the kinds changed, or the window is before where it stands.
            if (!cursor->cursor || cursor->table != table || cursor->kinds != kinds ||
                cursor->position > start) {
                cursor->cursor.reset();
                cursor->table = table;
                cursor->kinds = kinds;
                cursor->position = 0;
                if (auto opened = comparison->changedRows(table, token))
                    cursor->cursor = std::move(*opened);
                else
                    answer = opened.error();
            }
            while (answer && cursor->cursor && answer->size() < want && !cursor->cursor->atEnd()) {
                auto page = cursor->cursor->next(kPageRows, token);
                if (!page) {
                    answer = page.error();
                    cursor->cursor.reset(); // a cancelled page leaves the cursor where nobody knows
                    break;
                }
                for (RowChange& change : *page) {
                    if (!(kindBit(change.kind) & kinds))
                        continue;
                    if (cursor->position >= start && answer->size() < want)
                        answer->append(std::move(change));
                    ++cursor->position;
                }
            }
        }
        QMetaObject::invokeMethod(
            this,
            [this, token, answer = std::move(answer)] {
                if (token.isCancelled())
                    return;
                m_loading = false;
                if (!answer) {
                    m_error = answer.error().message;
                } else {
                    // The rows were counted already (rowCount): a reset here would drop the view's current
                    // cell, which the value viewers show.
                    m_rows = *answer;
                    if (!m_rows.isEmpty())
                        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, columnCount() - 1));
                }
                emit loaded();
            },
            Qt::QueuedConnection);
    });
}

int ChangedRowsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(std::min<qint64>(kWindowRows, m_total - m_start));
}

int ChangedRowsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() || m_table.name.isEmpty()
               ? 0
               : firstColumn() + int(m_table.commonColumns.size() + m_table.columnsOnlyInA.size() +
                                     m_table.columnsOnlyInB.size());
}

QString ChangedRowsModel::columnName(int column) const {
    if (showsRowid() && column == 1)
        return m_table.implicitRowid;
    int c = column - firstColumn();
    if (c < 0)
        return {};
    if (c < m_table.commonColumns.size())
        return m_table.commonColumns[c];
    c -= int(m_table.commonColumns.size());
    if (c < m_table.columnsOnlyInA.size())
        return m_table.columnsOnlyInA[c];
    c -= int(m_table.columnsOnlyInA.size());
    return m_table.columnsOnlyInB.value(c);
}

QString ChangedRowsModel::declaredType(int column) const {
    if (column < firstColumn())
        return {};
    const QString name = columnName(column);
    const int c = column - firstColumn();
    const bool onlyInA =
        c >= m_table.commonColumns.size() && c < m_table.commonColumns.size() + m_table.columnsOnlyInA.size();
    return onlyInA ? m_table.typesA.value(m_table.columnsA.indexOf(name))
                   : m_table.typesB.value(m_table.columnsB.indexOf(name));
}

ChangedRowsModel::Cell ChangedRowsModel::cell(const RowChange& change, int column) const {
    Cell cell;
    if (showsRowid() && column == 1) {
        cell.hasBefore = change.rowidA.has_value();
        cell.hasAfter = change.rowidB.has_value();
        if (cell.hasBefore)
            cell.before = *change.rowidA;
        if (cell.hasAfter)
            cell.after = *change.rowidB;
        return cell;
    }
    const QString name = columnName(column);
    const int c = column - firstColumn();
    const bool inA = c < m_table.commonColumns.size() + m_table.columnsOnlyInA.size();
    const bool inB =
        c < m_table.commonColumns.size() || c >= m_table.commonColumns.size() + m_table.columnsOnlyInA.size();
    if (inA && !change.before.isEmpty()) {
        const int i = int(m_table.columnsA.indexOf(name));
        cell.hasBefore = i >= 0 && i < change.before.size();
        if (cell.hasBefore)
            cell.before = change.before[i];
    }
    if (inB && !change.after.isEmpty()) {
        const int i = int(m_table.columnsB.indexOf(name));
        cell.hasAfter = i >= 0 && i < change.after.size();
        if (cell.hasAfter)
            cell.after = change.after[i];
    }
    return cell;
}

QVariant ChangedRowsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid())
        return {};
    if (index.row() >= m_rows.size()) // not read yet
        return role == Qt::DisplayRole && index.column() == 0 ? QVariant(tr("…")) : QVariant();
    const RowChange& change = m_rows[index.row()];
    if (role == KindRole)
        return int(change.kind);
    if (index.column() == 0) {
        if (role == Qt::DisplayRole) {
            switch (change.kind) {
            case RowChange::Kind::Added:
                return tr("added");
            case RowChange::Kind::Removed:
                return tr("removed");
            case RowChange::Kind::Changed:
                return tr("changed");
            }
        }
        if (role == Qt::ForegroundRole) {
            const Tones& tones = Tones::of(QApplication::palette());
            return change.kind == RowChange::Kind::Added     ? tones.ok
                   : change.kind == RowChange::Kind::Removed ? tones.error
                                                             : tones.warning;
        }
        return {};
    }
    const Cell c = cell(change, index.column());
    const bool rowid = showsRowid() && index.column() == 1;
    // The rowid differs only where rows are matched by another key; then it shows both, untinted.
    const bool changed =
        !rowid && change.kind == RowChange::Kind::Changed &&
        change.changedColumns.contains(int(m_table.commonColumns.indexOf(columnName(index.column())))) &&
        index.column() - firstColumn() < m_table.commonColumns.size();
    const bool rowidMoved = rowid && c.hasBefore && c.hasAfter && c.before != c.after;
    switch (role) {
    case Qt::DisplayRole:
        if (changed || rowidMoved)
            return cellText(c.before) + QStringLiteral(" → ") + cellText(c.after);
        if (c.hasAfter)
            return cellText(c.after);
        return c.hasBefore ? cellText(c.before) : QString();
    case Qt::BackgroundRole:
        if (changed)
            return mix(Tones::of(QApplication::palette()).warning, QApplication::palette().base().color(),
                       0.25);
        return {};
    case Qt::ToolTipRole:
        if (changed)
            return tr("Before: %1\nAfter: %2").arg(cellText(c.before), cellText(c.after));
        return {};
    case BeforeRole:
        return c.before;
    case AfterRole:
        return c.after;
    case HasBeforeRole:
        return c.hasBefore;
    case HasAfterRole:
        return c.hasAfter;
    case ChangedRole:
        return changed;
    default:
        return {};
    }
}

QVariant ChangedRowsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return QString::number(m_start + section + 1);
    if (section == 0)
        return tr("Change");
    const QString name = columnName(section);
    if (showsRowid() && section == 1)
        return m_table.key == RowKey::Rowid ? tr("%1 (key)").arg(name) : name;
    const int c = section - firstColumn();
    if (c < m_table.commonColumns.size())
        return m_table.keyColumns.contains(name) ? tr("%1 (key)").arg(name) : name;
    if (c < m_table.commonColumns.size() + m_table.columnsOnlyInA.size())
        return tr("%1 (only in A)").arg(name);
    return tr("%1 (only in B)").arg(name);
}

} // namespace sqlsnap::ui
