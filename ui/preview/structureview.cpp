#include "preview/structureview.h"

#include "common/format.h"

#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace sqlsnap::ui {
namespace {

enum Column { NameColumn, TableColumn, SizeColumn };
constexpr int kSqlRole = Qt::UserRole;
constexpr int kNameRole = Qt::UserRole + 1;
constexpr int kTypeRole = Qt::UserRole + 2;

QString groupTitle(const QString& type) {
    if (type == QLatin1String("table"))
        return StructureView::tr("Tables");
    if (type == QLatin1String("view"))
        return StructureView::tr("Views");
    if (type == QLatin1String("index"))
        return StructureView::tr("Indexes");
    if (type == QLatin1String("trigger"))
        return StructureView::tr("Triggers");
    if (type == QLatin1String("virtual"))
        return StructureView::tr("Virtual tables");
    if (type == QLatin1String("shadow"))
        return StructureView::tr("Shadow tables (a virtual table's data)");
    return type;
}

} // namespace

StructureView::StructureView(QWidget* parent) : QWidget(parent) {
    m_facts = new QLabel(tr("Reading the structure…"), this);
    m_facts->setObjectName(QStringLiteral("structureFacts"));
    m_facts->setWordWrap(true);
    m_facts->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_objects = new QTreeWidget(this);
    m_objects->setObjectName(QStringLiteral("structureObjects"));
    m_objects->setAccessibleName(tr("Objects of the snapshot"));
    m_objects->setHeaderLabels({tr("Name"), tr("On"), tr("Size")});
    m_objects->header()->setStretchLastSection(false);
    m_objects->header()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_objects->header()->setSectionResizeMode(TableColumn, QHeaderView::ResizeToContents);
    m_objects->header()->setSectionResizeMode(SizeColumn, QHeaderView::ResizeToContents);
    connect(m_objects, &QTreeWidget::currentItemChanged, this,
            [this](QTreeWidgetItem* item) { onCurrentChanged(item); });
    connect(m_objects, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        const QString type = item->data(NameColumn, kTypeRole).toString();
        if (type == QLatin1String("table") || type == QLatin1String("view") ||
            type == QLatin1String("virtual") || type == QLatin1String("shadow"))
            emit openTableRequested(item->data(NameColumn, kNameRole).toString());
    });

    m_sql = new QPlainTextEdit(this);
    m_sql->setObjectName(QStringLiteral("structureSql"));
    m_sql->setAccessibleName(tr("SQL of the selected object"));
    m_sql->setReadOnly(true);
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    m_sql->setFont(mono);
    m_sql->setPlaceholderText(tr("Select an object to see its SQL"));

    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_objects);
    split->addWidget(m_sql);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(m_facts);
    layout->addWidget(split, 1);
}

void StructureView::showStructure(const DatabaseStructure& structure) {
    const DatabaseFacts& f = structure.facts;
    m_fileBytes = f.fileBytes();
    const auto hex = [](qint64 v) { return QStringLiteral("0x%1").arg(quint32(v), 8, 16, QLatin1Char('0')); };
    m_facts->setText(
        tr("%1 in %2 of %3 · %4 free (%5) · %6 · user_version %7 · application_id %8 (%9) · schema_version "
           "%10 · "
           "auto_vacuum %11")
            .arg(humanSize(f.fileBytes()),
                 tr("%1 page(s)", nullptr, pluralCount(f.pageCount)).arg(groupedNumber(f.pageCount)),
                 bytesText(f.pageSize),
                 tr("%1 page(s)", nullptr, pluralCount(f.freelistPages)).arg(groupedNumber(f.freelistPages)),
                 humanSize(f.freelistPages * f.pageSize), f.encoding)
            .arg(f.userVersion)
            .arg(f.applicationId)
            .arg(hex(f.applicationId))
            .arg(f.schemaVersion)
            .arg(f.autoVacuum));
    m_objects->clear();
    QHash<QString, QTreeWidgetItem*> groups;
    for (const SchemaObject& o : structure.objects) {
        QTreeWidgetItem*& group = groups[o.type];
        if (!group) {
            group = new QTreeWidgetItem(m_objects, {groupTitle(o.type)});
            QFont bold = group->font(NameColumn);
            bold.setBold(true);
            group->setFont(NameColumn, bold);
            group->setExpanded(o.type != QLatin1String("shadow"));
        }
        auto* item = new QTreeWidgetItem(group);
        item->setText(NameColumn, o.name);
        if (o.table != o.name)
            item->setText(TableColumn, o.table);
        item->setData(NameColumn, kNameRole, o.name);
        item->setData(NameColumn, kTypeRole, o.type);
        item->setData(NameColumn, kSqlRole,
                      o.sql.isEmpty()
                          ? tr("-- made by SQLite for a UNIQUE or PRIMARY KEY constraint of %1").arg(o.table)
                          : o.sql + QLatin1Char(';'));
        item->setTextAlignment(SizeColumn, Qt::AlignRight | Qt::AlignVCenter);
        item->setText(SizeColumn, QStringLiteral("…"));
    }
    for (QTreeWidgetItem* group : std::as_const(groups))
        group->setText(NameColumn,
                       QStringLiteral("%1 (%2)").arg(group->text(NameColumn)).arg(group->childCount()));
}

void StructureView::showSizes(const QList<ObjectSize>& sizes) {
    QHash<QString, ObjectSize> byName;
    for (const ObjectSize& s : sizes)
        byName.insert(s.name, s);
    for (int g = 0; g < m_objects->topLevelItemCount(); ++g) {
        QTreeWidgetItem* group = m_objects->topLevelItem(g);
        for (int i = 0; i < group->childCount(); ++i) {
            QTreeWidgetItem* item = group->child(i);
            const auto it = byName.constFind(item->data(NameColumn, kNameRole).toString());
            if (it == byName.constEnd()) {
                item->setText(SizeColumn, QString()); // views and triggers take no pages
                continue;
            }
            item->setText(SizeColumn, humanSize(it->bytes));
            item->setToolTip(SizeColumn,
                             tr("%1 page(s), %2 of it data; %3% of the file", nullptr, pluralCount(it->pages))
                                 .arg(groupedNumber(it->pages), humanSize(it->payload))
                                 .arg(m_fileBytes > 0 ? 100.0 * it->bytes / m_fileBytes : 0.0, 0, 'f', 1));
        }
    }
}

void StructureView::showSizesError(const QString& message) {
    for (int g = 0; g < m_objects->topLevelItemCount(); ++g)
        for (int i = 0; i < m_objects->topLevelItem(g)->childCount(); ++i) {
            QTreeWidgetItem* item = m_objects->topLevelItem(g)->child(i);
            item->setText(SizeColumn, tr("?"));
            item->setToolTip(SizeColumn, message);
        }
}

void StructureView::showError(const QString& message) {
    m_facts->setText(message);
}

void StructureView::onCurrentChanged(QTreeWidgetItem* item) {
    m_sql->setPlainText(item ? item->data(NameColumn, kSqlRole).toString() : QString());
}

} // namespace sqlsnap::ui
