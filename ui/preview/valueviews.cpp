#include "preview/valueviews.h"

#include "common/format.h"
#include "common/tones.h"
#include "preview/hexdump.h"
#include "preview/imagepreview.h"
#include "preview/valueviewer.h"

#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <utility>

namespace sqlsnap::ui {
namespace {
QString viewName(ValueViews::View view) {
    switch (view) {
    case ValueViews::View::Text:
        return ValueViews::tr("Text");
    case ValueViews::View::Json:
        return ValueViews::tr("JSON");
    case ValueViews::View::Hex:
        return ValueViews::tr("Hex");
    case ValueViews::View::Image:
        return ValueViews::tr("Image");
    default:
        return ValueViews::tr("Value");
    }
}

QPlainTextEdit* makeTextPage(const QString& objectName, const QString& accessibleName, QWidget* parent) {
    auto* view = new QPlainTextEdit(parent);
    view->setObjectName(objectName);
    view->setAccessibleName(accessibleName);
    view->setReadOnly(true);
    view->setUndoRedoEnabled(false);
    view->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    view->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere); // a long URL or base64 wraps too
    view->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return view;
}

QLabel* makeLabel(const QString& objectName, QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    return label;
}
} // namespace

ValueViews::ValueViews(QWidget* parent) : QWidget(parent) {
    m_tabs = new QTabBar(this);
    m_tabs->setObjectName(QStringLiteral("valueViews"));
    m_tabs->setAccessibleName(tr("Views of the value"));
    m_tabs->setDocumentMode(true);
    m_tabs->setDrawBase(false); // the bar is as wide as its tabs: no line beyond them
    m_tabs->setExpanding(false);
    m_tabs->setUsesScrollButtons(true);
    m_tabs->setElideMode(Qt::ElideNone);
    connect(m_tabs, &QTabBar::currentChanged, this, [this](int index) {
        if (index >= 0)
            showPage(View(m_tabs->tabData(index).toInt()));
    });
    m_monospace = new QToolButton(this);
    m_monospace->setObjectName(QStringLiteral("valueMonospace"));
    m_monospace->setText(tr("Monospace"));
    m_monospace->setToolTip(tr("Show the text in a fixed-width font"));
    m_monospace->setCheckable(true);
    m_monospace->setAutoRaise(true);
    connect(m_monospace, &QToolButton::toggled, this, &ValueViews::updateFonts);
    auto* tabsRow = new QHBoxLayout;
    tabsRow->addWidget(m_tabs);
    tabsRow->addStretch(1); // the toggle stays on the right, also when the tabs are hidden
    tabsRow->addWidget(m_monospace);

    createPages();
    m_note = makeLabel(QStringLiteral("valueNote"), this);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(tabsRow);
    layout->addWidget(m_pages, 1);
    layout->addWidget(m_note);
    updateFonts();
    applyTones();
    setViews({}, View::None);
}

void ValueViews::createPages() {
    m_scalarPage = new QWidget(this);
    m_scalarValue = makeLabel(QStringLiteral("valueScalar"), m_scalarPage);
    m_scalarValue->setAccessibleName(tr("Value"));
    m_scalarValue->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_scalarDetails = makeLabel(QStringLiteral("valueDetails"), m_scalarPage);
    m_scalarDetails->setAccessibleName(tr("About the value"));
    m_scalarDetails->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    auto* scalarLayout = new QVBoxLayout(m_scalarPage);
    scalarLayout->setContentsMargins(0, 6, 0, 0);
    scalarLayout->addWidget(m_scalarValue);
    scalarLayout->addWidget(m_scalarDetails);
    scalarLayout->addStretch(1);

    m_text = makeTextPage(QStringLiteral("valueText"), tr("Value as text"), this);
    m_json = makeTextPage(QStringLiteral("valueJson"), tr("Value as JSON"), this);

    m_hexModel = new HexDumpModel(this);
    m_hex = new HexDumpView(this);
    m_hex->setObjectName(QStringLiteral("valueHex"));
    m_hex->setAccessibleName(tr("Value as hex dump"));
    m_hex->setHexModel(m_hexModel);
    connect(m_hex, &HexDumpView::message, this, &ValueViews::message);
    connect(m_hexModel, &QAbstractItemModel::modelReset, this, [this] {
        if (m_current == View::Hex)
            showPage(View::Hex); // the note on how much the rows show follows the bytes per row
    });

    m_imagePage = new QWidget(this);
    m_image = new ImageView(m_imagePage);
    m_image->setObjectName(QStringLiteral("valueImage"));
    m_image->setAccessibleName(tr("Value as image"));
    m_imageInfo = makeLabel(QStringLiteral("valueImageInfo"), m_imagePage);
    auto* imageLayout = new QVBoxLayout(m_imagePage);
    imageLayout->setContentsMargins(0, 0, 0, 0);
    imageLayout->addWidget(m_image, 1);
    imageLayout->addWidget(m_imageInfo);

    m_pages = new QStackedWidget(this);
    m_pages->setObjectName(QStringLiteral("valuePages"));
    for (QWidget* page : {m_scalarPage, static_cast<QWidget*>(m_text), static_cast<QWidget*>(m_json),
                          static_cast<QWidget*>(m_hex), m_imagePage})
        m_pages->addWidget(page);
}

void ValueViews::setViews(const QList<View>& views, View current) {
    m_views = views;
    {
        const QSignalBlocker blocker(m_tabs);
        while (m_tabs->count() > 0)
            m_tabs->removeTab(0);
        for (const View view : views)
            m_tabs->setTabData(m_tabs->addTab(viewName(view)), int(view));
        m_tabs->setCurrentIndex(int(views.indexOf(current)));
    }
    m_tabs->setVisible(views.size() > 1); // one view needs no choice
    showPage(current);
}

void ValueViews::addViews(const QList<View>& views) {
    QList<View> all = m_views;
    for (const View view : views)
        if (!all.contains(view))
            all << view;
    setViews(all, m_current);
}

void ValueViews::removeView(View view) {
    QList<View> left = m_views;
    left.removeAll(view);
    setViews(left, m_current != view ? m_current : left.isEmpty() ? View::None : left.first());
}

void ValueViews::setCurrentView(View view) {
    if (const qsizetype index = m_views.indexOf(view); index >= 0)
        m_tabs->setCurrentIndex(int(index));
}

void ValueViews::setText(View view, const QString& text) {
    m_unfilledText.insert(view, text);
    if (view == m_current)
        fillPage(view);
}

void ValueViews::setHexBytes(const QByteArray& bytes) {
    m_unfilledHex = bytes;
    if (m_current == View::Hex)
        fillPage(View::Hex);
}

qsizetype ValueViews::hexBytes() const {
    return m_unfilledHex ? m_unfilledHex->size() : m_hexModel->bytes().size();
}

void ValueViews::fillPage(View view) {
    if (view == View::Hex && m_unfilledHex) {
        const QByteArray bytes = *std::exchange(m_unfilledHex, std::nullopt);
        m_hexModel->setBytes(bytes);
    } else if (m_unfilledText.contains(view)) {
        (view == View::Json ? m_json : m_text)->setPlainText(m_unfilledText.take(view));
    }
}

void ValueViews::showPage(View view) {
    m_current = view;
    fillPage(view);
    QWidget* page = view == View::Text    ? static_cast<QWidget*>(m_text)
                    : view == View::Json  ? static_cast<QWidget*>(m_json)
                    : view == View::Hex   ? static_cast<QWidget*>(m_hex)
                    : view == View::Image ? m_imagePage
                                          : m_scalarPage;
    m_pages->setCurrentWidget(page);
    m_monospace->setVisible(view == View::Text);
    QStringList notes;
    if (!m_notes.value(view).isEmpty())
        notes << m_notes.value(view);
    if (view == View::Hex && m_hexModel->shownBytes() < hexBytes())
        notes << tr("The hex dump shows the first %1 of %2; Copy and Save to File… take the whole value.")
                     .arg(humanSize(m_hexModel->shownBytes()), humanSize(hexBytes()));
    m_note->setText(notes.join(QLatin1Char('\n')));
    m_note->setVisible(!notes.isEmpty());
}

void ValueViews::setNote(View view, const QString& text) {
    m_notes.insert(view, text);
    if (view == m_current)
        showPage(view);
}

void ValueViews::clearNotes() {
    m_notes.clear();
    showPage(m_current);
}

void ValueViews::setScalar(const QString& text, bool muted, const QString& details) {
    m_scalarValue->setText(text);
    QFont font = this->font();
    font.setPointSizeF(font.pointSizeF() * 1.25);
    font.setItalic(muted);
    m_scalarValue->setFont(font);
    m_scalarMuted = muted;
    if (muted)
        setTone(m_scalarValue, Tone::Muted);
    else
        m_scalarValue->setPalette(QPalette()); // the panel's own text colour, whatever its palette
    m_scalarDetails->setText(details);
    m_scalarDetails->setVisible(!details.isEmpty());
}

void ValueViews::setImageInfo(const QString& text) {
    m_imageInfo->setText(text);
}

void ValueViews::clearPages() {
    m_unfilledText.clear();
    m_unfilledHex.reset();
    m_text->clear();
    m_json->clear();
    m_hexModel->setBytes({});
    m_image->setPlaceholder({});
    m_imageInfo->clear();
}

void ValueViews::updateFonts() {
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_json->setFont(fixed);
    m_text->setFont(m_monospace->isChecked() ? fixed : QFont()); // QFont(): the panel's own again
}

void ValueViews::applyTones() {
    setTone(m_imageInfo, Tone::Muted);
    setTone(m_note, Tone::Muted);
    if (m_scalarMuted)
        setTone(m_scalarValue, Tone::Muted);
}

void ValueViews::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    // The tones are worked out from the palette: a theme changed later gets them again.
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        applyTones();
}

namespace {
const QString kValuePanelKey = QStringLiteral("preview/valuePanel");
}

bool valuePanelWanted() {
    return QSettings().value(kValuePanelKey, true).toBool();
}

QSplitter* placeBesideGrid(QWidget* grid, ValueViewer* viewer, QPushButton* toggle, QWidget* parent,
                           std::function<void()> toggled) {
    viewer->setMinimumWidth(200);
    auto* splitter = new QSplitter(parent);
    splitter->addWidget(grid);
    splitter->addWidget(viewer);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setCollapsible(0, false);
    splitter->setSizes({600, 260});
    toggle->setChecked(valuePanelWanted());
    viewer->setVisible(toggle->isChecked());
    QObject::connect(toggle, &QPushButton::toggled, viewer, [viewer, toggled = std::move(toggled)](bool on) {
        QSettings().setValue(kValuePanelKey, on);
        viewer->setVisible(on);
        toggled();
    });
    return splitter;
}

} // namespace sqlsnap::ui
