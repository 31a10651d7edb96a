#include "preview/filterheader.h"

#include "common/tones.h"

#include <QAbstractScrollArea>
#include <QKeyEvent>
#include <QLineEdit>
#include <QScrollBar>

namespace sqlsnap::ui {

FilterHeader::FilterHeader(QWidget* parent) : QHeaderView(Qt::Horizontal, parent) {
    setSectionsClickable(true);
    setHighlightSections(true);
    connect(this, &QHeaderView::sectionCountChanged, this, &FilterHeader::syncEditors);
    connect(this, &QHeaderView::sectionResized, this, &FilterHeader::placeEditors);
    connect(this, &QHeaderView::sectionMoved, this, &FilterHeader::placeEditors);
    connect(this, &QHeaderView::geometriesChanged, this, &FilterHeader::placeEditors);
    // QHeaderView::setOffset() scrolls the sections without a signal or a virtual call; the view sets
    // it when its horizontal scroll bar moves (End, Ctrl+End, the bar itself), so the boxes follow
    // that bar, and the viewport's paint catches any other change.
    followScrollBarOf(parent);
    viewport()->installEventFilter(this);
}

void FilterHeader::followScrollBarOf(QObject* view) {
    disconnect(m_scrollConnection);
    if (auto* area = qobject_cast<QAbstractScrollArea*>(view))
        m_scrollConnection = connect(area->horizontalScrollBar(), &QScrollBar::valueChanged, this,
                                     &FilterHeader::placeEditors);
}

bool FilterHeader::event(QEvent* event) {
    if (event->type() == QEvent::ParentChange)
        followScrollBarOf(parent());
    return QHeaderView::event(event);
}

int FilterHeader::editorHeight() const {
    return fontMetrics().height() + 10;
}

QSize FilterHeader::sizeHint() const {
    QSize size = QHeaderView::sizeHint();
    size.setHeight(size.height() + editorHeight());
    return size;
}

void FilterHeader::updateGeometries() {
    // The sections keep their own height; the boxes live in a margin below them.
    setViewportMargins(0, 0, 0, editorHeight());
    QHeaderView::updateGeometries();
    placeEditors();
}

void FilterHeader::syncEditors() {
    const int sections = count();
    while (m_editors.size() > sections)
        delete m_editors.takeLast();
    while (m_editors.size() < sections) {
        auto* box = new QLineEdit(this);
        box->setPlaceholderText(tr("Filter"));
        box->setClearButtonEnabled(true);
        box->setToolTip(tr("Type text to find in this column, or =x, <>x, <x, <=x, >x, >=x, x..y, NULL, "
                           "NOT NULL, /regex/ (/regex/i ignores case); \\ before text takes it literally"));
        box->installEventFilter(this);
        connect(box, &QLineEdit::textChanged, this, [this, box] { onEdited(box); });
        m_editors << box;
        box->show();
    }
    placeEditors();
}

void FilterHeader::placeEditors() {
    const int y = height() - editorHeight();
    for (int section = 0; section < m_editors.size(); ++section) {
        QLineEdit* box = m_editors[section];
        if (isSectionHidden(section)) {
            box->hide();
            continue;
        }
        box->setGeometry(sectionViewportPosition(section), y, sectionSize(section), editorHeight());
        box->show();
    }
}

void FilterHeader::onEdited(QLineEdit* box) {
    const Status usable = checkColumnFilter(box->text());
    setTone(box, usable ? Tone::Normal : Tone::Error);
    box->setStatusTip(usable ? QString() : usable.error().message);
    if (!usable)
        box->setToolTip(usable.error().message);
    emit filtersChanged();
}

QList<ColumnFilter> FilterHeader::columnFilters() const {
    QList<ColumnFilter> filters;
    for (int section = 0; section < m_editors.size(); ++section) {
        const QString text = m_editors[section]->text();
        if (!text.trimmed().isEmpty() && model())
            filters << ColumnFilter{model()->headerData(section, Qt::Horizontal, Qt::DisplayRole).toString(),
                                    text};
    }
    return filters;
}

bool FilterHeader::filtersValid() const {
    for (const QLineEdit* box : m_editors)
        if (!checkColumnFilter(box->text()))
            return false;
    return true;
}

QString FilterHeader::filterProblem() const {
    for (int section = 0; section < m_editors.size(); ++section)
        if (const Status usable = checkColumnFilter(m_editors[section]->text()); !usable)
            return tr("Filter on %1: %2")
                .arg(model() ? model()->headerData(section, Qt::Horizontal, Qt::DisplayRole).toString()
                             : QString::number(section + 1),
                     usable.error().message);
    return {};
}

void FilterHeader::setColumnFilterText(int section, const QString& text) {
    if (QLineEdit* box = editor(section))
        box->setText(text);
}

void FilterHeader::clearFilters() {
    bool had = false;
    for (QLineEdit* box : m_editors) {
        had = had || !box->text().isEmpty();
        const QSignalBlocker quiet(box);
        box->clear();
        setTone(box, Tone::Normal);
    }
    if (had)
        emit filtersChanged();
}

QLineEdit* FilterHeader::editor(int section) const {
    return section >= 0 && section < m_editors.size() ? m_editors[section] : nullptr;
}

bool FilterHeader::eventFilter(QObject* watched, QEvent* event) {
    // A section hidden or shown (QHeaderView::setSectionHidden) says nothing either; the sections are
    // painted after any change, and placing boxes where they already are costs nothing.
    if (watched == viewport() && event->type() == QEvent::Paint)
        placeEditors();
    if (event->type() == QEvent::KeyPress && static_cast<QKeyEvent*>(event)->key() == Qt::Key_Escape)
        if (auto* box = qobject_cast<QLineEdit*>(watched);
            box && m_editors.contains(box) && !box->text().isEmpty()) {
            box->clear();
            return true;
        }
    return QHeaderView::eventFilter(watched, event);
}

} // namespace sqlsnap::ui
