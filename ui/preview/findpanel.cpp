#include "preview/findpanel.h"

#include "common/format.h"
#include "preview/previewwidget.h"
#include "preview/tablelist.h"

#include <sqlitesnapshot/reader.h>

#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <mutex>

namespace sqlsnap::ui {
namespace {

constexpr int kDrainMs = 100;
constexpr int kTableRole = Qt::UserRole;        // on every item: the table
constexpr int kRowidRole = Qt::UserRole + 1;    // on a hit: its rowid (invalid when it has none)
constexpr int kPositionRole = Qt::UserRole + 2; // on a hit without rowid: its position
constexpr int kHitsRole = Qt::UserRole + 3;     // on a table: the hits shown

} // namespace

struct FindPanel::Shared {
    std::mutex mutex;
    QList<FindHit> hits;
    std::optional<FindProgress> progress;
    QList<FindTableResult> finished;
};

FindPanel::FindPanel(PreviewWidget* preview) : QDialog(preview), m_preview(preview) {
    setObjectName(QStringLiteral("findPanel"));
    setWindowTitle(tr("Find in Snapshot"));
    m_text = new QLineEdit(this);
    m_text->setObjectName(QStringLiteral("findText"));
    m_text->setPlaceholderText(tr("Text to find in every column of every table"));
    m_text->setClearButtonEnabled(true);
    m_find = new QPushButton(tr("Find"), this);
    m_find->setObjectName(QStringLiteral("findButton"));
    m_find->setDefault(true);
    m_stop = new QPushButton(tr("Stop"), this);
    m_stop->setObjectName(QStringLiteral("stopFindButton"));
    m_stop->setEnabled(false);
    m_progress = new QLabel(this);
    m_progress->setObjectName(QStringLiteral("findProgress"));
    m_progress->setWordWrap(true);
    m_results = new QTreeWidget(this);
    m_results->setObjectName(QStringLiteral("findResults"));
    m_results->setHeaderLabels({tr("Table / Row"), tr("Columns"), tr("Value")});
    m_results->setUniformRowHeights(true);
    m_results->header()->setStretchLastSection(true);
    // Wide enough for a hit's "rowid 12345" under its table, indented.
    m_results->setColumnWidth(0, m_results->indentation() +
                                     fontMetrics().horizontalAdvance(tr("rowid %1").arg(1234567)) + 24);
    m_results->setToolTip(tr("Activate a row (double-click or Enter) to show it in its table"));

    auto* row = new QHBoxLayout;
    row->addWidget(m_text, 1);
    row->addWidget(m_find);
    row->addWidget(m_stop);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(m_progress);
    layout->addWidget(m_results, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(720, 480);

    m_drainTimer = new QTimer(this);
    m_drainTimer->setInterval(kDrainMs);
    connect(m_drainTimer, &QTimer::timeout, this, &FindPanel::drain);
    connect(m_text, &QLineEdit::returnPressed, this, &FindPanel::find);
    connect(m_find, &QPushButton::clicked, this, &FindPanel::find);
    connect(m_stop, &QPushButton::clicked, this, &FindPanel::stop);
    connect(m_results, &QTreeWidget::itemActivated, this, &FindPanel::openHit);
    connect(this, &QDialog::rejected, this, &FindPanel::stop); // Close and Escape stop the search too
}

FindPanel::~FindPanel() {
    m_task.cancel();
    m_locate.cancel();
}

FindPanel* FindPanel::showFor(PreviewWidget* preview) {
    auto* panel = preview->findChild<FindPanel*>(QString(), Qt::FindDirectChildrenOnly);
    if (!panel)
        panel = new FindPanel(preview);
    panel->show();
    panel->raise();
    panel->activateWindow();
    panel->m_text->setFocus();
    panel->m_text->selectAll();
    return panel;
}

void FindPanel::find() {
    const QString text = m_text->text();
    if (text.isEmpty())
        return;
    m_task.cancel(); // a search replaced never answers
    m_results->clear();
    m_hits = 0;
    m_progress->setText(tr("Starting…"));
    auto shared = std::make_shared<Shared>();
    m_shared = shared;
    const QString path = m_preview->snapshotPath();
    m_task = Executor::instance().run(
        Lane::Long, this,
        [shared, path, text](const CancelToken& token) {
            TaskSink sink(token);
            FindOptions options;
            options.progress = [&](const FindProgress& p) {
                const std::lock_guard lock(shared->mutex);
                shared->progress = p;
                if (p.finished)
                    shared->finished << *p.finished;
            };
            return findInSnapshot(
                path, text, options,
                [&](const FindHit& hit) {
                    const std::lock_guard lock(shared->mutex);
                    shared->hits << hit;
                },
                &sink);
        },
        [this](const Expected<FindSummary>& summary) { onDone(summary); });
    setSearching(true);
}

void FindPanel::stop() {
    if (!m_searching)
        return;
    m_task.cancel();
    drain();
    setSearching(false);
    m_progress->setText(
        tr("Stopped: %1 row(s) found so far", nullptr, pluralCount(m_hits)).arg(groupedNumber(m_hits)));
    emit finished();
}

void FindPanel::setSearching(bool searching) {
    m_searching = searching;
    m_find->setEnabled(!searching);
    m_stop->setEnabled(searching);
    if (searching)
        m_drainTimer->start();
    else
        m_drainTimer->stop();
}

QTreeWidgetItem* FindPanel::tableItem(const QString& table) {
    const int count = m_results->topLevelItemCount();
    if (count > 0 && m_results->topLevelItem(count - 1)->data(0, kTableRole).toString() == table)
        return m_results->topLevelItem(count - 1); // hits come grouped: the last table, nearly always
    for (int i = 0; i < count; ++i)
        if (m_results->topLevelItem(i)->data(0, kTableRole).toString() == table)
            return m_results->topLevelItem(i);
    auto* item = new QTreeWidgetItem(m_results);
    item->setData(0, kTableRole, table);
    item->setData(0, kHitsRole, 0);
    item->setExpanded(true);
    item->setFirstColumnSpanned(true);
    return item;
}

void FindPanel::markTable(const FindTableResult& result) {
    if (result.hits == 0)
        return;
    QTreeWidgetItem* item = tableItem(result.table);
    const QString rows = tr("%1 row(s)", nullptr, pluralCount(result.hits)).arg(groupedNumber(result.hits));
    item->setText(0, result.more ? tr("%1 — %2 and more").arg(result.table, rows)
                                 : tr("%1 — %2").arg(result.table, rows));
}

void FindPanel::drain() {
    if (!m_shared)
        return;
    QList<FindHit> hits;
    std::optional<FindProgress> progress;
    QList<FindTableResult> finished;
    {
        const std::lock_guard lock(m_shared->mutex);
        hits.swap(m_shared->hits);
        progress.swap(m_shared->progress);
        finished.swap(m_shared->finished);
    }
    m_results->setUpdatesEnabled(false);
    QList<QTreeWidgetItem*> touched;
    for (const FindHit& hit : std::as_const(hits)) {
        QTreeWidgetItem* parent = tableItem(hit.table);
        if (!touched.contains(parent))
            touched << parent;
        auto* item = new QTreeWidgetItem(parent);
        item->setData(0, kTableRole, hit.table);
        if (hit.rowid) {
            item->setText(0, tr("rowid %1").arg(*hit.rowid));
            item->setData(0, kRowidRole, *hit.rowid);
        } else {
            item->setText(0, tr("row %1").arg(groupedNumber(hit.position + 1)));
            item->setData(0, kPositionRole, hit.position);
        }
        item->setText(1, hit.columns.join(QStringLiteral(", ")));
        item->setText(2, hit.excerpt);
        parent->setData(0, kHitsRole, parent->data(0, kHitsRole).toLongLong() + 1);
    }
    for (QTreeWidgetItem* parent : std::as_const(touched)) {
        FindTableResult shown;
        shown.table = parent->data(0, kTableRole).toString();
        shown.hits = parent->data(0, kHitsRole).toLongLong();
        markTable(shown);
    }
    m_hits += hits.size();
    for (const FindTableResult& result : std::as_const(finished))
        markTable(result);
    m_results->setUpdatesEnabled(true);
    if (progress && !progress->table.isEmpty())
        m_progress->setText(tr("Table %1 of %2: %3 — %4 row(s) found", nullptr, pluralCount(m_hits))
                                .arg(progress->tablesDone + 1)
                                .arg(progress->tablesTotal)
                                .arg(progress->table, groupedNumber(m_hits)));
}

void FindPanel::onDone(const Expected<FindSummary>& summary) {
    drain();
    setSearching(false);
    if (!summary) {
        m_progress->setText(tr("Find failed: %1").arg(summary.error().message));
    } else {
        for (const FindTableResult& t : summary->tables)
            markTable(t);
        QStringList unreadable;
        for (const FindTableResult& t : summary->tables)
            if (!t.error.isEmpty())
                unreadable << t.table;
        int withHits = 0, withMore = 0;
        for (const FindTableResult& t : summary->tables) {
            withHits += t.hits > 0 ? 1 : 0;
            withMore += t.more ? 1 : 0;
        }
        // "3 rows found in 2 of 5 tables searched"; a table capped: "2,438 rows shown; more in 2 tables".
        const QString searched =
            tr("%1 of %2 table(s) searched", nullptr, pluralCount(summary->tablesSearched))
                .arg(groupedNumber(withHits), groupedNumber(summary->tablesSearched));
        QString text =
            summary->hits == 0 ? tr("Not found in %1 table(s)", nullptr, pluralCount(summary->tablesSearched))
                                     .arg(groupedNumber(summary->tablesSearched))
            : withMore == 0
                ? tr("%1 row(s) found in %2", nullptr, pluralCount(summary->hits))
                      .arg(groupedNumber(summary->hits), searched)
                : tr("%1 row(s) shown; more in %2 (found in %3)", nullptr, pluralCount(summary->hits))
                      .arg(groupedNumber(summary->hits),
                           tr("%1 table(s)", nullptr, pluralCount(withMore)).arg(groupedNumber(withMore)),
                           searched);
        if (!unreadable.isEmpty())
            text += QLatin1Char(' ') + tr("(could not read: %1)").arg(unreadable.join(QStringLiteral(", ")));
        m_progress->setText(text);
    }
    emit finished();
}

void FindPanel::openHit(QTreeWidgetItem* item) {
    if (!item || !item->parent())
        return;
    const QString table = item->data(0, kTableRole).toString();
    m_locate.cancel();
    if (!item->data(0, kRowidRole).isValid()) {
        showRow(table, item->data(0, kPositionRole).toLongLong());
        return;
    }
    // A rowid table's row is placed by its position in rowid order: one range count, off this thread.
    const qint64 rowid = item->data(0, kRowidRole).toLongLong();
    const QString path = m_preview->snapshotPath();
    m_locate = Executor::instance().run(
        Lane::Interactive, this,
        [path, table, rowid](const CancelToken& token) -> Expected<qint64> {
            auto reader = SnapshotReader::open(path);
            if (!reader)
                return reader.error();
            auto schema = (*reader)->schema(table, token);
            if (!schema)
                return schema.error();
            return (*reader)->positionOfRowid(*schema, {}, rowid, token);
        },
        [this, table](const Expected<qint64>& position) {
            if (position)
                showRow(table, *position);
            else
                m_progress->setText(tr("Cannot show the row: %1").arg(position.error().message));
        });
}

void FindPanel::showRow(const QString& table, qint64 position) {
    delete m_waiter;
    m_waiter = nullptr;
    TableDataModel* model = m_preview->dataModel();
    if (model->table() != table || !model->rowFilter().isEmpty() || !model->order().isNone()) {
        if (model->table() == table) // chosen again below: it reloads unfiltered, in its own order
            m_preview->tableList()->setCurrentItem(nullptr);
        m_preview->selectTablePlain(table);
    }
    const auto apply = [this, table, position] {
        TableDataModel* m = m_preview->dataModel();
        if (m->table() != table || m->isLoading())
            return false;
        if (position >= m->totalRows() && m->countState() != TableDataModel::CountState::Exact)
            return false; // not placed yet: the count or the next page will say
        m_preview->scrollToRow(position);
        const qint64 row = position - m->windowStart();
        if (row < 0 || row >= m->rowCount())
            return false;
        const int column = qMax(0, m_preview->dataView()->currentIndex().column());
        m_preview->dataView()->setCurrentIndex(m->index(int(row), column));
        return true;
    };
    if (apply())
        return;
    m_waiter = new QObject(this);
    QObject* waiter = m_waiter;
    const auto attempt = [this, waiter, apply] {
        if (apply() && m_waiter == waiter) {
            m_waiter->deleteLater();
            m_waiter = nullptr;
        }
    };
    connect(model, &TableDataModel::firstPageLoaded, waiter, attempt);
    connect(model, &TableDataModel::countChanged, waiter, attempt);
    connect(model, &QAbstractItemModel::rowsInserted, waiter, attempt);
    // The user chose another table meanwhile: the row is no longer wanted.
    connect(m_preview->tableList(), &QTreeWidget::currentItemChanged, waiter, [this, waiter] {
        if (m_waiter == waiter) {
            m_waiter->deleteLater();
            m_waiter = nullptr;
        }
    });
}

} // namespace sqlsnap::ui
