#include "sources/sourcespane.h"

#include "common/viewwidthdelegate.h"
#include "sources/sourcelistmodel.h"

#include <QLabel>
#include <QListView>
#include <QVBoxLayout>

namespace sqlsnap::ui {

SourcesPane::SourcesPane(SourceListModel* model, QWidget* parent)
    : QWidget(parent), m_model(model), m_view(new QListView(this)) {
    m_view->setObjectName(QStringLiteral("sourceList"));
    m_view->setAccessibleName(tr("Databases"));
    m_view->setModel(model);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setIconSize(QSize(28, 28));
    m_view->setSpacing(2);
    // Rows as wide as the list: a long name is elided in the middle (its path is in the tooltip).
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_view->setItemDelegate(new ViewWidthDelegate(m_view));
    m_view->setResizeMode(QListView::Adjust);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &SourcesPane::selectionChanged);
    connect(m_view, &QListView::activated, this, &SourcesPane::activated);
    connect(m_view, &QListView::pressed, this, &SourcesPane::pressed);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("<b>Databases</b>"), this));
    layout->addWidget(m_view, 1);
}

QStringList SourcesPane::selectedPaths() const {
    QList<int> rows;
    for (const QModelIndex& i : m_view->selectionModel()->selectedRows())
        rows << i.row();
    if (rows.isEmpty() && m_view->currentIndex().isValid())
        rows << m_view->currentIndex().row();
    QStringList paths;
    for (int r : rows)
        if (m_model->source(r).state != SourceListModel::State::Error)
            paths << m_model->source(r).path;
    return paths;
}

void SourcesPane::removeSelected() {
    QList<int> rows;
    for (const QModelIndex& i : m_view->selectionModel()->selectedRows())
        rows << i.row();
    std::sort(rows.rbegin(), rows.rend());
    for (int r : rows)
        m_model->remove(r);
}

} // namespace sqlsnap::ui
