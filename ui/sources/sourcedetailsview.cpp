#include "sources/sourcedetailsview.h"

#include "common/breakabletext.h"
#include "common/format.h"

#include <sqlitesnapshot/meaning.h> // what the files, the lock and the notes mean: the CLI says the same

#include <QClipboard>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace sqlsnap::ui {
namespace {

// A selectable label showing breakableText(): what is copied from it leaves the zero-width spaces out
// (QLabel copies its text as shown; the clipboard is corrected at once, only while the label has a
// selection).
void copiesExactly(QLabel* label) {
    QObject::connect(QGuiApplication::clipboard(), &QClipboard::dataChanged, label, [label] {
        QClipboard* clipboard = QGuiApplication::clipboard();
        const QChar zeroWidthSpace(0x200B);
        if (label->hasSelectedText() && clipboard->text().contains(zeroWidthSpace))
            clipboard->setText(clipboard->text().remove(zeroWidthSpace));
    });
}

} // namespace

SourceDetailsView::SourceDetailsView(QWidget* parent) : QWidget(parent) {
    m_stack = new QStackedWidget(this);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_stack);

    m_emptyHint = new QLabel(m_stack);
    m_emptyHint->setAlignment(Qt::AlignCenter);
    m_emptyHint->setWordWrap(true);
    m_emptyHint->setObjectName(QStringLiteral("emptyHint"));
    m_stack->addWidget(m_emptyHint);

    // Long values wrap to the width there is; what still does not fit (a long word) scrolls.
    auto* scroll = new QScrollArea(m_stack);
    scroll->setObjectName(QStringLiteral("detailsScroll"));
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    auto* page = new QWidget(scroll);
    auto* layout = new QVBoxLayout(page);
    m_title = new QLabel(page);
    m_title->setWordWrap(true);
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_title->setFont(big);
    // The path and the error wrap anywhere a long name needs it (breakableText), and copy exactly.
    m_path = new QLabel(page);
    m_path->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_path->setWordWrap(true);
    copiesExactly(m_path);
    m_error = new QLabel(page);
    m_error->setObjectName(QStringLiteral("sourceError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    copiesExactly(m_error);
    setTone(m_error, Tone::Error);
    m_filesBox = new QWidget(page);
    m_filesBox->setObjectName(QStringLiteral("companionFiles"));
    m_filesBox->setAccessibleName(tr("Files of this database"));
    m_files = new QGridLayout(m_filesBox);
    m_files->setContentsMargins(0, 8, 0, 8);
    m_files->setHorizontalSpacing(14);
    m_files->setVerticalSpacing(6);
    m_files->setColumnStretch(3, 1);
    m_notes = new QLabel(page);
    m_notes->setWordWrap(true);
    m_notes->setObjectName(QStringLiteral("sourceNotes"));
    m_factsBox = new QWidget(page);
    m_facts = new QFormLayout(m_factsBox);
    m_facts->setContentsMargins(0, 0, 0, 0);
    m_facts->setLabelAlignment(Qt::AlignRight);
    m_facts->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow); // values wrap in all the width
    layout->addWidget(m_title);
    layout->addWidget(m_path);
    layout->addWidget(m_error);
    layout->addWidget(m_filesBox);
    layout->addWidget(m_notes);
    layout->addWidget(m_factsBox);
    layout->addStretch(1);
    scroll->setWidget(page);
    m_stack->addWidget(scroll);
    show(nullptr, false);
}

void SourceDetailsView::show(const SourceListModel::Source* source, bool haveSources) {
    if (!source) {
        m_emptyHint->setText(haveSources
                                 ? tr("Select a database to see its files.")
                                 : tr("<p style='font-size:large'>Drop SQLite databases here, or press "
                                      "Ctrl+O</p><p>Each one is copied safely while other programs "
                                      "keep using it, then checked and opened for you to look "
                                      "inside.</p>"));
        m_stack->setCurrentIndex(0);
        return;
    }
    m_stack->setCurrentIndex(1);
    m_title->setText(breakableText(QFileInfo(source->path).fileName()));
    // The path the engine inspected (a dropped companion, or a symlink, maps to it): the whole of it.
    const QString path = source->files ? source->files->databasePath : source->path;
    m_path->setText(breakableText(path));
    m_path->setToolTip(path);
    while (QLayoutItem* item = m_files->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    while (m_facts->rowCount() > 0)
        m_facts->removeRow(0);
    m_error->setVisible(source->state == SourceListModel::State::Error);
    m_notes->clear();
    if (source->state == SourceListModel::State::Error) {
        const QString advice = adviceFor(source->error->kind);
        const QString error =
            source->error->message + (advice.isEmpty() ? QString() : QStringLiteral("\n") + advice);
        m_error->setText(breakableText(error));
        m_error->setToolTip(error);
    }
    if (!source->files) {
        m_filesBox->setVisible(false);
        m_factsBox->setVisible(false);
        m_notes->setText(source->state == SourceListModel::State::Inspecting ? tr("Inspecting…") : QString());
        return;
    }
    m_filesBox->setVisible(true);
    m_factsBox->setVisible(true);
    const DatabaseFiles& set = *source->files;
    auto cell = [this](int row, int column, const QString& text, Qt::Alignment align = Qt::AlignLeft) {
        auto* label = new QLabel(text, m_filesBox);
        label->setAlignment(align | Qt::AlignTop);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        copiesExactly(label);
        if (column != 1) // names, times and meanings wrap; sizes are short
            label->setWordWrap(true);
        m_files->addWidget(label, row, column);
        return label;
    };
    int row = 0;
    for (const QString& heading : {tr("File"), tr("Size"), tr("Modified"), tr("What it means")}) {
        QLabel* h = cell(0, row++, heading);
        QFont bold = h->font();
        bold.setBold(true);
        h->setFont(bold);
    }
    row = 1;
    for (const FileEntry& f : set.files) {
        cell(row, 0, breakableText(QFileInfo(f.path).fileName()))->setToolTip(f.path);
        cell(row, 1, humanSize(f.size), Qt::AlignRight);
        cell(row, 2, QLocale().toString(f.modified, QLocale::ShortFormat));
        cell(row, 3, breakableText(explainFile(set, f)));
        ++row;
    }
    m_notes->setText(breakableText(explainSet(set).join(QLatin1Char('\n'))));
    m_notes->setVisible(!m_notes->text().isEmpty());

    const DatabaseHeader& h = set.header;
    auto fact = [this](const QString& label, const QString& value) {
        auto* v = new QLabel(value);
        v->setTextInteractionFlags(Qt::TextSelectableByMouse);
        copiesExactly(v);
        v->setWordWrap(true);
        m_facts->addRow(label, v);
    };
    fact(tr("Journal mode:"), h.isWal() ? tr("WAL (write-ahead log)") : tr("rollback journal"));
    fact(tr("Page size:"), bytesText(h.pageSize));
    // In WAL mode the main file's header is only as new as the last checkpoint: a database whose
    // content is all in the -wal has a 1-page main file and no text encoding there yet.
    const bool stale = set.headerMayBeStale();
    QString pages = pagesText(h.pageCount);
    if (stale)
        pages = tr("%1 in the main file (the -wal may hold more, not yet in the main file)").arg(pages);
    else if (!h.pageCountValid)
        pages = tr("%1 (header not current)").arg(pages);
    fact(tr("Pages:"), pages);
    fact(tr("Text encoding:"), h.textEncoding == 0 ? tr("not yet in the main file") : h.textEncodingName());
    if (h.userVersion != 0)
        fact(tr("user_version:"), QString::number(h.userVersion));
    if (h.applicationId != 0)
        fact(tr("application_id:"), QStringLiteral("0x%1").arg(h.applicationId, 8, 16, QLatin1Char('0')));
    fact(tr("Locks now:"), explainLock(set));
    if (h.sqliteVersion != 0)
        fact(tr("Last written by:"), tr("SQLite %1.%2.%3")
                                         .arg(h.sqliteVersion / 1000000)
                                         .arg(h.sqliteVersion / 1000 % 1000)
                                         .arg(h.sqliteVersion % 1000));
}

} // namespace sqlsnap::ui
