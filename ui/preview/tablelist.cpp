#include "preview/tablelist.h"

#include "common/format.h"
#include "common/tones.h"

#include <QHeaderView>
#include <QTreeWidgetItemIterator>

namespace sqlsnap::ui {

TableList::TableList(QWidget* parent) : QTreeWidget(parent) {
    setObjectName(QStringLiteral("tableList"));
    setAccessibleName(tr("Tables and views"));
    setHeaderLabels({tr("Table"), tr("Rows")});
    setRootIsDecorated(false);
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(0, QHeaderView::Stretch);
    header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    connect(this, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        if (item)
            emit tableChosen(item->data(0, Qt::UserRole).toString());
    });
}

void TableList::list(ReaderThread& reader, const CancelToken& token) {
    m_reader = &reader;
    m_token = token;
    postRead(
        reader, QStringLiteral("tables"), token, this,
        [](SnapshotReader& r, const CancelToken& cancel) { return r.tables(cancel); },
        [this](const Expected<QList<TableInfo>>& tables) {
            if (tables)
                onListed(*tables);
            else
                emit failed(tables.error().message);
        });
}

void TableList::onListed(const QList<TableInfo>& tables) {
    addItems(tables);
    if (topLevelItemCount() > 0)
        setCurrentItem(topLevelItem(0));
    emit listed();
    for (const TableInfo& t : tables)
        if (t.error.isEmpty()) // one that cannot be read shows "?" already
            m_uncounted << t.name;
    countNext();
}

void TableList::countNext() {
    if (m_uncounted.isEmpty())
        return;
    const QString name = m_uncounted.takeFirst();
    postRead(
        *m_reader, QStringLiteral("count of %1 (list)").arg(name), m_token, this,
        [name](SnapshotReader& r, const CancelToken& cancel) {
            auto schema = r.schema(name, cancel);
            return schema ? r.countRows(*schema, {}, cancel) : Expected<qint64>(schema.error());
        },
        [this, name](const Expected<qint64>& count) { onCounted(name, count); });
}

void TableList::onCounted(const QString& name, const Expected<qint64>& count) {
    if (QTreeWidgetItem* item = itemOf(name)) {
        item->setText(1, count ? groupedNumber(*count) : tr("?"));
        if (!count)
            item->setToolTip(1, count.error().message);
    }
    countNext();
}

QTreeWidgetItem* TableList::itemOf(const QString& name) const {
    for (QTreeWidgetItemIterator it(const_cast<TableList*>(this)); *it; ++it)
        if ((*it)->data(0, Qt::UserRole).toString() == name)
            return *it;
    return nullptr;
}

void TableList::selectTable(const QString& name) {
    if (QTreeWidgetItem* item = itemOf(name))
        setCurrentItem(item);
}

void TableList::addItems(const QList<TableInfo>& tables) {
    QHash<QString, QTreeWidgetItem*> virtualItems;
    const auto make = [this](const TableInfo& t, QTreeWidgetItem* parent) {
        auto* item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(this);
        QString text = t.name, tip = t.sql;
        if (t.type == QStringLiteral("virtual")) {
            const QString module = t.module.isEmpty() ? tr("unknown module") : t.module;
            text = tr("%1 (%2)").arg(t.name, module);
            tip = tr("Virtual table, module %1").arg(module) + QStringLiteral("\n\n") + t.sql;
        } else if (t.type == QStringLiteral("shadow")) {
            if (!parent)
                text = tr("%1 (shadow table)").arg(t.name);
            tip = t.shadowOf.isEmpty() ? tr("Shadow table of a virtual table")
                                       : tr("Shadow table of the virtual table %1").arg(t.shadowOf);
        }
        item->setText(0, text);
        item->setData(0, Qt::UserRole, t.name);
        item->setData(0, Qt::UserRole + 1, t.type);
        item->setIcon(0, QIcon(t.type == QStringLiteral("view") ? QStringLiteral(":/icons/view.svg")
                                                                : QStringLiteral(":/icons/table.svg")));
        item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
        if (t.error.isEmpty()) {
            item->setText(1, QStringLiteral("…"));
        } else {
            item->setText(1, tr("?"));
            tip = tr("Cannot be read: %1").arg(t.error) + QStringLiteral("\n\n") + tip;
            for (int c : {0, 1}) {
                item->setForeground(c, Tones::of(palette()).muted);
                item->setToolTip(c, tr("Cannot be read: %1").arg(t.error));
            }
        }
        item->setToolTip(0, tip.trimmed());
        return item;
    };
    for (const TableInfo& t : tables)
        if (t.type != QStringLiteral("shadow")) {
            QTreeWidgetItem* item = make(t, nullptr);
            if (t.type == QStringLiteral("virtual"))
                virtualItems.insert(t.name, item);
        }
    bool folded = false;
    for (const TableInfo& t : tables)
        if (t.type == QStringLiteral("shadow")) {
            QTreeWidgetItem* owner = virtualItems.value(t.shadowOf);
            make(t, owner);
            folded = folded || owner;
        }
    setRootIsDecorated(folded);
}

} // namespace sqlsnap::ui
