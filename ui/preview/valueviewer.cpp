#include "preview/valueviewer.h"

#include "common/elidedlabel.h"
#include "common/format.h"
#include "common/tones.h"
#include "preview/hexdump.h"
#include "preview/imagepreview.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace sqlsnap::ui {
using value::StorageClass;

namespace {
// A value up to this size is copied on the GUI thread (a 1 MiB BLOB's hex: ~2 ms).
constexpr qsizetype kInlineCopyBytes = 1024 * 1024;

QString charactersText(qint64 n) {
    return ValueViewer::tr("%1 character(s)", nullptr, pluralCount(n)).arg(groupedNumber(n));
}

QLabel* makeLabel(const QString& objectName, QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    return label;
}
} // namespace

ValueViewer::ValueViewer(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("valueViewer"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    createHeader();
    m_views = new ValueViews(this);
    connect(m_views, &ValueViews::message, this, [this](const QString& text) { setStatus(text); });
    layout->addWidget(m_views, 1);
    createButtons();
    clear();
}

ValueViewer::~ValueViewer() {
    cancelWork(); // no answer of the last value's work can arrive; a Save still finishes its file
}

void ValueViewer::createHeader() {
    m_columnLabel = new ElidedLabel(this);
    m_columnLabel->setObjectName(QStringLiteral("valueColumn"));
    QFont bold = m_columnLabel->font();
    bold.setBold(true);
    m_columnLabel->setFont(bold);
    m_declared = makeLabel(QStringLiteral("valueDeclaredType"), this);
    m_declared->setWordWrap(false);
    m_summary = makeLabel(QStringLiteral("valueSummary"), this);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* names = new QHBoxLayout;
    names->addWidget(m_columnLabel, 1);
    names->addWidget(m_declared);
    auto* layout = static_cast<QVBoxLayout*>(this->layout());
    layout->addLayout(names);
    layout->addWidget(m_summary);
    setTone(m_declared, Tone::Muted);
}

void ValueViewer::createButtons() {
    m_copy = new QPushButton(tr("Copy"), this);
    m_copy->setObjectName(QStringLiteral("valueCopy"));
    m_copy->setToolTip(tr("Copy the whole value: text as text, a BLOB as hex"));
    connect(m_copy, &QPushButton::clicked, this, &ValueViewer::copyToClipboard);
    m_save = new QPushButton(tr("Save to File…"), this);
    m_save->setObjectName(QStringLiteral("valueSave"));
    m_save->setToolTip(tr("Write the value's exact bytes to a file (text in UTF-8)"));
    connect(m_save, &QPushButton::clicked, this, &ValueViewer::chooseFileAndSave);
    m_status = makeLabel(QStringLiteral("valueStatus"), this);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_copy);
    buttons->addWidget(m_save);
    auto* layout = static_cast<QVBoxLayout*>(this->layout());
    layout->addLayout(buttons);
    layout->addWidget(m_status);
    setStatus({});
}

void ValueViewer::cancelWork() {
    m_analysis.cancel();
    m_decode.cancel();
    m_analysing = m_decoding = false;
}

void ValueViewer::clear() {
    cancelWork();
    m_value = QVariant();
    m_column.clear();
    m_shown = false;
    m_class = StorageClass::Null;
    m_textSize.reset();
    m_imageFormat.clear();
    m_columnLabel->setFullText(QString());
    m_declared->hide();
    m_views->clearPages();
    m_views->clearNotes();
    m_views->setScalar(tr("Select a cell to see its value here."), true);
    m_views->setViews({}, View::None);
    m_copy->setEnabled(false);
    m_save->setEnabled(false);
    setStatus({});
    updateSummary();
}

void ValueViewer::showValue(const QVariant& value, const QString& column, const QString& declaredType) {
    cancelWork();
    m_value = value;
    m_column = column;
    m_shown = true;
    m_class = value::storageClassOf(value);
    m_textSize.reset();
    m_imageFormat.clear();
    setStatus({});
    m_columnLabel->setFullText(column);
    m_declared->setText(tr("declared %1").arg(declaredType));
    m_declared->setVisible(!declaredType.isEmpty());
    m_views->clearPages(); // what the last value left there goes, a big BLOB's bytes with it
    m_views->clearNotes();
    m_copy->setEnabled(m_class != StorageClass::Null);
    m_save->setEnabled(m_class != StorageClass::Null);
    switch (m_class) {
    case StorageClass::Null:
        m_views->setScalar(QStringLiteral("NULL"), true);
        m_views->setViews({View::Scalar}, View::Scalar);
        break;
    case StorageClass::Integer:
    case StorageClass::Real:
        showNumber(value, m_class);
        break;
    case StorageClass::Text:
        showText(value);
        break;
    case StorageClass::Blob:
        showBlob(value.toByteArray());
        break;
    }
    updateSummary();
}

void ValueViewer::showNumber(const QVariant& value, StorageClass storageClass) {
    QStringList details;
    QString text;
    if (storageClass == StorageClass::Integer) {
        const qint64 n = value.toLongLong();
        text = QString::number(n);
        if (n >= 10)
            details << tr("hexadecimal: 0x%1").arg(QString::number(n, 16));
        for (const value::TimeReading& reading : value::timeReadings(n))
            details << tr("as a time: %1\n(read as %2)").arg(reading.iso, reading.meaning);
    } else {
        const double d = value.toDouble();
        text = value::realText(d);
        if (const QString shortest = value::shortestRealText(d); shortest != text)
            details << tr("shortest form that reads back the same: %1").arg(shortest);
    }
    m_views->setScalar(text, false, details.join(QLatin1Char('\n')));
    m_views->setViews({View::Scalar}, View::Scalar);
}

void ValueViewer::showText(const QVariant& value) {
    if (value.toString().isEmpty()) {
        m_textSize = value::TextSize{};
        m_views->setScalar(tr("empty text"), true);
        m_views->setViews({View::Scalar}, View::Scalar);
        return;
    }
    if (value::weight(value) <= value::kInlineAnalysisBytes) {
        applyAnalysis(value::analyse(value));
        return;
    }
    m_views->setScalar(tr("Reading the value…"), true);
    m_views->setViews({View::Scalar}, View::Scalar);
    analyseInBackground();
}

void ValueViewer::showBlob(const QByteArray& bytes) {
    m_views->setHexBytes(bytes); // shared; no row is made before it is painted
    if (bytes.isEmpty()) {
        m_views->setScalar(tr("empty blob"), true);
        m_views->setViews({View::Scalar}, View::Scalar);
        return;
    }
    m_imageFormat = imageFormatOf(bytes); // from its first bytes
    if (m_imageFormat.isEmpty()) {
        m_views->setViews({View::Hex}, View::Hex);
    } else {
        m_views->imageView()->setPlaceholder(
            tr("Reading the %1 image…").arg(QString::fromLatin1(m_imageFormat.toUpper())));
        m_views->setViews({View::Hex, View::Image}, View::Image);
        m_decoding = true;
        m_decode = Executor::instance().run(
            Lane::Interactive, this, [bytes](const CancelToken&) { return decodeImage(bytes); },
            [this](DecodedImage image) {
                m_decoding = false;
                applyImage(image);
            });
    }
    // Whether it is text too: at once when small; a big one is read in the background.
    if (bytes.size() <= value::kInlineAnalysisBytes)
        applyAnalysis(value::analyse(m_value));
    else
        analyseInBackground();
}

void ValueViewer::analyseInBackground() {
    m_analysing = true;
    m_analysis = Executor::instance().run(
        Lane::Interactive, this, [value = m_value](const CancelToken&) { return value::analyse(value); },
        [this](value::Analysis analysis) {
            m_analysing = false;
            applyAnalysis(analysis);
        });
}

void ValueViewer::applyAnalysis(const value::Analysis& analysis) {
    if (m_class == StorageClass::Text)
        m_textSize = analysis.size;
    if (!analysis.text) { // a BLOB that is not text
        updateSummary();
        return;
    }
    const auto cutNote = [](qsizetype shown, qsizetype whole) {
        return shown < whole ? tr("The view shows the first %1 of %2 characters; Copy and Save to File… "
                                  "take the whole value.")
                                   .arg(groupedNumber(shown), groupedNumber(whole))
                             : QString();
    };
    m_views->setText(View::Text, *analysis.text);
    m_views->setNote(View::Text, cutNote(analysis.text->size(), analysis.textLength));
    QList<View> views{View::Text};
    if (analysis.json) {
        m_views->setText(View::Json, *analysis.json);
        m_views->setNote(View::Json, cutNote(analysis.json->size(), analysis.jsonLength));
        views = {View::Json, View::Text};
    }
    if (m_class == StorageClass::Text)
        m_views->setViews(views, views.first());
    else
        m_views->addViews({views.rbegin(), views.rend()}); // after Hex (and Image): Text, JSON
    updateSummary();
}

void ValueViewer::applyImage(const DecodedImage& image) {
    const QString format =
        QString::fromLatin1(image.format.isEmpty() ? m_imageFormat.toUpper() : image.format.toUpper());
    if (image.preview.isNull()) {
        // Its first bytes looked like an image, the rest did not.
        m_views->setNote(
            View::Hex,
            tr("It starts like a %1 image but could not be read as one: %2").arg(format, image.error));
        m_views->removeView(View::Image);
        return;
    }
    m_views->imageView()->setImage(image.preview, image.size);
    m_views->setImageInfo(
        tr("%1 × %2 pixels · %3").arg(image.size.width()).arg(image.size.height()).arg(format));
}

void ValueViewer::setStatus(const QString& text, bool error) {
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
    m_statusIsError = error;
    setTone(m_status, error ? Tone::Error : Tone::Muted);
}

QString ValueViewer::summaryText() const {
    if (!m_shown)
        return {};
    const QString name = value::storageClassName(m_class);
    switch (m_class) {
    case StorageClass::Text:
        if (!m_textSize)
            return tr("%1 · …").arg(name);
        return tr("%1 · %2 · %3 in UTF-8")
            .arg(name, charactersText(m_textSize->characters), bytesText(m_textSize->utf8Bytes));
    case StorageClass::Blob: {
        const qint64 size = m_value.toByteArray().size();
        return size < 1000 ? tr("%1 · %2").arg(name, bytesText(size))
                           : tr("%1 · %2 (%3)").arg(name, bytesText(size), humanSize(size));
    }
    default:
        return name;
    }
}

void ValueViewer::updateSummary() {
    m_summary->setText(summaryText());
    m_summary->setVisible(m_shown);
}

void ValueViewer::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    // The tones are worked out from the palette: a theme changed later gets them again.
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange) {
        setTone(m_declared, Tone::Muted);
        setTone(m_status, m_statusIsError ? Tone::Error : Tone::Muted);
    }
}

void ValueViewer::copyToClipboard() {
    if (!m_shown || m_class == StorageClass::Null)
        return;
    m_copyTask.cancel();
    const StorageClass storageClass = m_class;
    const auto finish = [this, storageClass](const QString& text) {
        QApplication::clipboard()->setText(text);
        setStatus(storageClass == StorageClass::Blob   ? tr("Copied the bytes as hex.")
                  : storageClass == StorageClass::Text ? tr("Copied the text.")
                                                       : tr("Copied %1.").arg(text));
        emit copied();
    };
    const QVariant value = m_value;
    if (value::weight(value) <= kInlineCopyBytes) {
        finish(value::copyText(value));
        return;
    }
    setStatus(tr("Copying…"));
    m_copyTask = Executor::instance().run(
        Lane::Interactive, this, [value](const CancelToken&) { return value::copyText(value); }, finish);
}

void ValueViewer::saveToFile(const QString& path) {
    if (!m_shown || m_class == StorageClass::Null)
        return;
    const QVariant value = m_value;
    const QString name = QFileInfo(path).fileName();
    setStatus(tr("Saving to %1…").arg(name));
    struct Saved {
        QString error;
        qint64 bytes = 0;
    };
    Executor::instance().run(
        Lane::Interactive, this,
        [value, path](const CancelToken&) {
            Saved saved;
            const QByteArray bytes = value::fileBytes(value);
            saved.bytes = bytes.size();
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
                saved.error = file.errorString(); // an uncommitted QSaveFile removes its temporary
            return saved;
        },
        [this, path, name](Saved saved) {
            if (saved.error.isEmpty())
                setStatus(tr("Saved %1 to %2.").arg(bytesText(saved.bytes), name));
            else
                setStatus(tr("Could not save to %1: %2").arg(name, saved.error), true);
            emit saveFinished(path, saved.error);
        },
        Executor::Answer::Always);
}

QString ValueViewer::suggestedFileName() const {
    QString base = m_column;
    for (QChar& c : base)
        if (QStringLiteral("/\\:*?\"<>|").contains(c) || c.category() == QChar::Other_Control)
            c = QLatin1Char('_');
    if (base.trimmed().isEmpty())
        base = QStringLiteral("value");
    QString suffix = QStringLiteral("txt");
    if (m_class == StorageClass::Blob)
        suffix = !m_imageFormat.isEmpty()
                     ? QString::fromLatin1(m_imageFormat == "jpeg" ? "jpg" : m_imageFormat)
                 : views().contains(View::Json) ? QStringLiteral("json")
                 : views().contains(View::Text) ? QStringLiteral("txt")
                                                : QStringLiteral("bin");
    else if (views().contains(View::Json))
        suffix = QStringLiteral("json");
    return base + QLatin1Char('.') + suffix;
}

void ValueViewer::chooseFileAndSave() {
    if (!m_shown || m_class == StorageClass::Null)
        return;
    const QString folder = m_lastFolder.isEmpty()
                               ? QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)
                               : m_lastFolder;
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Value to File"),
                                                      QDir(folder).filePath(suggestedFileName()));
    if (path.isEmpty())
        return;
    m_lastFolder = QFileInfo(path).absolutePath();
    saveToFile(path);
}

} // namespace sqlsnap::ui
