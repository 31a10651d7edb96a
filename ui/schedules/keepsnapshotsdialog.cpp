// Keep Snapshots… (keepsnapshotsdialog.h). The book is read and written here on the GUI thread: one small
// file, locked only for the milliseconds of a rewrite (ScheduleBook::update).
#include "schedules/keepsnapshotsdialog.h"

#include "common/tones.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace sqlsnap::ui {

KeepSnapshotsDialog::KeepSnapshotsDialog(const QString& source, const QString& defaultFolder,
                                         const QString& bookPath, QWidget* parent)
    : QDialog(parent), m_bookPath(bookPath), m_source(QFileInfo(source).absoluteFilePath()) {
    build();
    Schedule fresh;
    fresh.source = m_source;
    fresh.into = defaultFolder;
    fresh.keep = RetentionPolicy{0, 24, 7, 4, 12, 0}; // a day of hours, a week of days, a year of months
    if (auto book = ScheduleBook::open(m_bookPath)) {
        for (const Schedule& s : book->schedules())
            if (s.source == m_source) {
                m_editing = s;
                break;
            }
    } else {
        showProblem(book.error().message);
    }
    fill(m_editing ? *m_editing : fresh);
}

KeepSnapshotsDialog::KeepSnapshotsDialog(const Schedule& schedule, const QString& bookPath, QWidget* parent)
    : QDialog(parent), m_bookPath(bookPath), m_source(schedule.source), m_editing(schedule) {
    build();
    fill(schedule);
}

void KeepSnapshotsDialog::build() {
    setWindowTitle(tr("Keep Snapshots"));
    setObjectName(QStringLiteral("keepSnapshotsDialog"));

    auto* intro = new QLabel(this);
    intro->setObjectName(QStringLiteral("intro"));
    intro->setWordWrap(true);

    m_every = new QComboBox(this);
    m_every->setEditable(true);
    for (const char* text : {"15m", "30m", "1h", "6h", "1d", "1w"})
        m_every->addItem(QLatin1String(text));
    m_every->setToolTip(tr("A number and a unit, at least a minute: 15m, 1h, 1d, 1w"));

    m_into = new QLineEdit(this);
    auto* browse = new QPushButton(tr("&Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("History Folder"), m_into->text());
        if (!folder.isEmpty())
            m_into->setText(QDir::toNativeSeparators(folder));
    });
    auto* intoRow = new QHBoxLayout;
    intoRow->addWidget(m_into, 1);
    intoRow->addWidget(browse);

    auto spin = [this](const QString& name) {
        auto* box = new QSpinBox(this);
        box->setObjectName(name);
        box->setRange(0, 9999);
        box->setSpecialValueText(tr("–"));
        return box;
    };
    m_last = spin(QStringLiteral("last"));
    m_hourly = spin(QStringLiteral("hourly"));
    m_daily = spin(QStringLiteral("daily"));
    m_weekly = spin(QStringLiteral("weekly"));
    m_monthly = spin(QStringLiteral("monthly"));
    auto* keepRow = new QHBoxLayout;
    const std::pair<QString, QSpinBox*> rules[] = {{tr("last"), m_last},
                                                   {tr("hourly"), m_hourly},
                                                   {tr("daily"), m_daily},
                                                   {tr("weekly"), m_weekly},
                                                   {tr("monthly"), m_monthly}};
    for (const auto& [label, box] : rules) {
        auto* l = new QLabel(label, this);
        l->setBuddy(box);
        keepRow->addWidget(l);
        keepRow->addWidget(box);
    }
    keepRow->addStretch();
    auto* keepHint = new QLabel(tr("Hourly, daily, …: the newest snapshot of each of that many hours, days, "
                                   "…, as restic's forget keeps them. – keeps none of that kind; every "
                                   "one at – keeps all snapshots."),
                                this);
    keepHint->setWordWrap(true);
    setTone(keepHint, Tone::Muted);

    m_skip = new QCheckBox(tr("&Skip unchanged: no new snapshot when the database has not changed"), this);

    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setTone(m_problem, Tone::Error);
    m_problem->hide();

    auto* form = new QFormLayout;
    form->addRow(tr("&Every:"), m_every);
    auto* intoLabel = new QLabel(tr("&Into:"), this);
    intoLabel->setBuddy(m_into); // a row that is a layout gets no buddy of its own
    form->addRow(intoLabel, intoRow);
    form->addRow(tr("Keep:"), keepRow);
    form->addRow(QString(), keepHint);
    form->addRow(QString(), m_skip);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_remove = buttons->addButton(tr("&Remove Schedule"), QDialogButtonBox::DestructiveRole);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (save())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_remove, &QPushButton::clicked, this, [this] {
        if (removeSchedule())
            accept();
    });

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addStretch();
    layout->addWidget(buttons);
    resize(560, sizeHint().height());
}

void KeepSnapshotsDialog::fill(const Schedule& s) {
    findChild<QLabel*>(QStringLiteral("intro"))
        ->setText(tr("Keep snapshots of <b>%1</b><br>%2")
                      .arg(QFileInfo(s.source).fileName().toHtmlEscaped(),
                           QDir::toNativeSeparators(s.source).toHtmlEscaped()));
    m_every->setCurrentText(intervalText(s.everySeconds));
    m_into->setText(QDir::toNativeSeparators(s.into));
    m_last->setValue(s.keep.last);
    m_hourly->setValue(s.keep.hourly);
    m_daily->setValue(s.keep.daily);
    m_weekly->setValue(s.keep.weekly);
    m_monthly->setValue(s.keep.monthly);
    m_yearly = s.keep.yearly;
    m_skip->setChecked(s.skipUnchanged);
    m_remove->setVisible(m_editing.has_value());
}

QSpinBox* KeepSnapshotsDialog::keepBox(const QString& rule) const {
    return findChild<QSpinBox*>(rule);
}

void KeepSnapshotsDialog::showProblem(const QString& text) {
    m_problem->setText(text);
    m_problem->setVisible(!text.isEmpty());
}

bool KeepSnapshotsDialog::save() {
    const auto every = parseInterval(m_every->currentText());
    if (!every) {
        showProblem(tr("“%1” is not an interval: a number and a unit, at least a minute (15m, 1h, 1d, 1w).")
                        .arg(m_every->currentText()));
        return false;
    }
    const QString into = QDir::fromNativeSeparators(m_into->text().trimmed());
    if (into.isEmpty() || !QFileInfo(into).isAbsolute()) {
        showProblem(tr("Choose the folder the snapshots go into (a full path)."));
        return false;
    }
    if (!QDir().mkpath(into)) {
        showProblem(tr("Cannot create the folder %1.").arg(QDir::toNativeSeparators(into)));
        return false;
    }
    Schedule s = m_editing ? *m_editing : Schedule{};
    s.source = m_source;
    s.into = into;
    s.everySeconds = *every;
    s.keep = RetentionPolicy{m_last->value(),   m_hourly->value(),  m_daily->value(),
                             m_weekly->value(), m_monthly->value(), m_yearly};
    s.skipUnchanged = m_skip->isChecked();
    auto book = ScheduleBook::open(m_bookPath);
    if (!book) {
        showProblem(book.error().message);
        return false;
    }
    auto saved = m_editing ? book->replace(s) : book->add(s);
    if (!saved) {
        showProblem(saved.error().message);
        return false;
    }
    m_editing = *saved;
    showProblem({});
    emit bookChanged();
    return true;
}

bool KeepSnapshotsDialog::removeSchedule() {
    if (!m_editing)
        return false;
    auto book = ScheduleBook::open(m_bookPath);
    if (!book) {
        showProblem(book.error().message);
        return false;
    }
    if (auto removed = book->remove(m_editing->id); !removed) {
        showProblem(removed.error().message);
        return false;
    }
    m_editing.reset();
    emit bookChanged();
    return true;
}

} // namespace sqlsnap::ui
