// Keep Snapshots… (keepsnapshotsdialog.h).
#include "schedules/keepsnapshotsdialog.h"

#include "common/tones.h"
#include "schedules/scheduletext.h"

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
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace sqlsnap::ui {

KeepSnapshotsDialog::KeepSnapshotsDialog(const QString& source, const QString& defaultFolder,
                                         const QString& bookPath, QWidget* parent)
    : QDialog(parent), m_bookPath(bookPath), m_source(QFileInfo(source).absoluteFilePath()) {
    build();
    m_fresh.source = m_source;
    m_fresh.into = defaultFolder;
    m_fresh.keep = RetentionPolicy{0, 24, 7, 4, 12, 0}; // a day of hours, a week of days, a year of months
    fill(m_fresh);
    readBook();
}

KeepSnapshotsDialog::KeepSnapshotsDialog(const Schedule& schedule, const QString& bookPath, QWidget* parent)
    : QDialog(parent), m_bookPath(bookPath), m_source(schedule.source), m_editing(schedule) {
    build();
    m_ofSource = {schedule};
    fill(schedule);
}

KeepSnapshotsDialog::~KeepSnapshotsDialog() {
    m_task.cancel();
}

void KeepSnapshotsDialog::readBook() {
    setBusy(true);
    m_task = Executor::instance().run(
        Lane::Interactive, this, [path = m_bookPath](const CancelToken&) { return ScheduleBook::open(path); },
        [this](Expected<ScheduleBook> book) {
            setBusy(false);
            if (!book) {
                m_unreadable = true; // Save stays off: the file is not written over
                showProblem(tr("Your schedules file cannot be read, so nothing is saved to it: %1")
                                .arg(book.error().message));
                setBusy(false);
                emit bookRead();
                return;
            }
            for (const Schedule& s : book->schedules())
                if (s.source == m_source)
                    m_ofSource << s;
            m_which->blockSignals(true);
            m_which->clear();
            const QDateTime now = QDateTime::currentDateTime();
            for (const Schedule& s : m_ofSource)
                m_which->addItem(tr("%1 into %2 — next: %3")
                                     .arg(ScheduleText::every(s.everySeconds),
                                          QDir::toNativeSeparators(s.into), ScheduleText::nextDue(s, now)),
                                 s.id);
            m_which->addItem(tr("New schedule (into another folder)"));
            m_which->blockSignals(false);
            // One row only when there is something to choose: a database's first schedule needs no box.
            m_which->setVisible(!m_ofSource.isEmpty());
            m_whichLabel->setVisible(!m_ofSource.isEmpty());
            chooseSchedule(0);
            emit bookRead();
        });
}

void KeepSnapshotsDialog::chooseSchedule(int index) {
    if (index >= 0 && index < m_ofSource.size()) {
        m_editing = m_ofSource[index];
        fill(*m_editing);
    } else {
        m_editing.reset();
        fill(m_fresh);
    }
}

void KeepSnapshotsDialog::build() {
    setWindowTitle(tr("Keep Snapshots"));
    setObjectName(QStringLiteral("keepSnapshotsDialog"));

    auto* intro = new QLabel(this);
    intro->setObjectName(QStringLiteral("intro"));
    intro->setWordWrap(true);

    m_which = new QComboBox(this);
    m_which->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_which->setMinimumContentsLength(30);
    m_which->hide();
    connect(m_which, &QComboBox::currentIndexChanged, this, &KeepSnapshotsDialog::chooseSchedule);

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
    m_yearly = spin(QStringLiteral("yearly"));
    auto* keepRow = new QHBoxLayout;
    const std::pair<QString, QSpinBox*> rules[] = {{tr("last"), m_last},       {tr("hourly"), m_hourly},
                                                   {tr("daily"), m_daily},     {tr("weekly"), m_weekly},
                                                   {tr("monthly"), m_monthly}, {tr("yearly"), m_yearly}};
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

    // The hand-off: a program and its arguments, one a line, started directly (never through a shell).
    m_then = new QLineEdit(this);
    m_then->setPlaceholderText(tr("none (a program to run after each new snapshot)"));
    auto* chooseProgram = new QPushButton(tr("Choose &Program…"), this);
    connect(chooseProgram, &QPushButton::clicked, this, [this] {
        const QString program = QFileDialog::getOpenFileName(this, tr("Program to Run"), m_then->text());
        if (!program.isEmpty())
            m_then->setText(QDir::toNativeSeparators(program));
    });
    auto* thenRow = new QHBoxLayout;
    thenRow->addWidget(m_then, 1);
    thenRow->addWidget(chooseProgram);
    m_thenArgs = new QPlainTextEdit(this);
    m_thenArgs->setTabChangesFocus(true);
    m_thenArgs->setPlaceholderText(tr("one argument a line, passed as written"));
    m_thenArgs->setFixedHeight(m_thenArgs->fontMetrics().lineSpacing() * 3 + 12);
    m_thenTimeout = new QSpinBox(this);
    m_thenTimeout->setRange(1, 7 * 86400);
    m_thenTimeout->setSuffix(tr(" s"));
    m_thenLast = new QLabel(this);
    m_thenLast->setWordWrap(true);
    m_thenLast->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* thenHint = new QLabel(tr("It learns the snapshot from SQLITE_SNAPSHOT_PATH and the other "
                                   "SQLITE_SNAPSHOT_* variables; it is stopped after the timeout."),
                                this);
    thenHint->setWordWrap(true);
    setTone(thenHint, Tone::Muted);

    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setTone(m_problem, Tone::Error);
    m_problem->hide();

    auto* form = new QFormLayout;
    m_whichLabel = new QLabel(tr("Sc&hedule:"), this);
    m_whichLabel->setBuddy(m_which);
    m_whichLabel->hide();
    form->addRow(m_whichLabel, m_which);
    form->addRow(tr("&Every:"), m_every);
    auto* intoLabel = new QLabel(tr("&Into:"), this);
    intoLabel->setBuddy(m_into); // a row that is a layout gets no buddy of its own
    form->addRow(intoLabel, intoRow);
    form->addRow(tr("Keep:"), keepRow);
    form->addRow(QString(), keepHint);
    form->addRow(QString(), m_skip);
    auto* thenLabel = new QLabel(tr("&Then run:"), this);
    thenLabel->setBuddy(m_then);
    form->addRow(thenLabel, thenRow);
    form->addRow(tr("&Arguments:"), m_thenArgs);
    auto* timeoutRow = new QHBoxLayout;
    timeoutRow->addWidget(m_thenTimeout);
    timeoutRow->addStretch();
    auto* timeoutLabel = new QLabel(tr("Time&out:"), this);
    timeoutLabel->setBuddy(m_thenTimeout);
    form->addRow(timeoutLabel, timeoutRow);
    form->addRow(QString(), thenHint);
    form->addRow(tr("Last hand-off:"), m_thenLast);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_remove = m_buttons->addButton(tr("&Remove Schedule"), QDialogButtonBox::DestructiveRole);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &KeepSnapshotsDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_remove, &QPushButton::clicked, this, &KeepSnapshotsDialog::removeSchedule);
    connect(this, &KeepSnapshotsDialog::saveFinished, this, [this](bool ok) {
        if (ok)
            accept();
    });

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addStretch();
    layout->addWidget(m_buttons);
    resize(600, sizeHint().height());
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
    m_yearly->setValue(s.keep.yearly);
    m_skip->setChecked(s.skipUnchanged);
    m_then->setText(s.afterSnapshot.isEmpty() ? QString()
                                              : QDir::toNativeSeparators(s.afterSnapshot.first()));
    m_thenArgs->setPlainText(s.afterSnapshot.mid(1).join(QLatin1Char('\n')));
    m_thenTimeout->setValue(s.afterSnapshotTimeoutSeconds);
    m_thenLast->setText(ScheduleText::handOff(s, QDateTime::currentDateTime()));
    const bool failed = s.last && s.last->handOff && !s.last->handOff->ok();
    setTone(m_thenLast, failed ? Tone::Error : Tone::Muted);
    m_remove->setVisible(m_editing.has_value());
}

QSpinBox* KeepSnapshotsDialog::keepBox(const QString& rule) const {
    return findChild<QSpinBox*>(rule);
}

QPushButton* KeepSnapshotsDialog::saveButton() const {
    return m_buttons->button(QDialogButtonBox::Save);
}

void KeepSnapshotsDialog::showProblem(const QString& text) {
    m_problem->setText(text);
    m_problem->setVisible(!text.isEmpty());
}

void KeepSnapshotsDialog::setBusy(bool busy) {
    m_busy = busy;
    saveButton()->setEnabled(!busy && !m_unreadable);
    m_remove->setEnabled(!busy && !m_unreadable);
    m_which->setEnabled(!busy);
}

bool KeepSnapshotsDialog::save() {
    if (m_busy || m_unreadable)
        return false;
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
    Schedule s = m_editing ? *m_editing : Schedule{};
    s.source = m_source;
    s.into = into;
    s.everySeconds = *every;
    s.keep = RetentionPolicy{m_last->value(),   m_hourly->value(),  m_daily->value(),
                             m_weekly->value(), m_monthly->value(), m_yearly->value()};
    s.skipUnchanged = m_skip->isChecked();
    const QString program = QDir::fromNativeSeparators(m_then->text().trimmed());
    const QStringList arguments = m_thenArgs->toPlainText().split(QLatin1Char('\n'));
    s.afterSnapshot.clear();
    if (!program.isEmpty()) {
        s.afterSnapshot << program;
        // Each line is one argument as written; only a trailing empty line (the last Return) is dropped.
        QStringList args = arguments;
        while (!args.isEmpty() && args.last().isEmpty())
            args.removeLast();
        s.afterSnapshot << args;
    } else if (!m_thenArgs->toPlainText().trimmed().isEmpty()) {
        showProblem(tr("Arguments need a program to run them: choose one under Then run, or clear them."));
        return false;
    }
    s.afterSnapshotTimeoutSeconds = m_thenTimeout->value();
    const bool editing = m_editing.has_value();
    write([s, editing](ScheduleBook& book) -> Expected<std::optional<Schedule>> {
        Schedule schedule = s;
        if (!schedule.afterSnapshot.isEmpty()) { // as the CLI's --then: absolute, executable, found now
            auto program = resolveHandOffProgram(schedule.afterSnapshot.first());
            if (!program)
                return program.error();
            schedule.afterSnapshot[0] = *program;
        }
        if (!QDir().mkpath(schedule.into))
            return Error{ErrorKind::PermissionDenied,
                         tr("Cannot create the folder %1.").arg(QDir::toNativeSeparators(schedule.into))};
        auto saved = editing ? book.replace(schedule) : book.add(schedule);
        if (!saved)
            return saved.error();
        return std::optional<Schedule>(*saved);
    });
    return true;
}

bool KeepSnapshotsDialog::removeSchedule() {
    if (!m_editing || m_busy || m_unreadable)
        return false;
    write([id = m_editing->id](ScheduleBook& book) -> Expected<std::optional<Schedule>> {
        if (auto removed = book.remove(id); !removed)
            return removed.error();
        return std::optional<Schedule>();
    });
    return true;
}

// Opens the book and applies `change` on the interactive lane; the answer updates the form here.
void KeepSnapshotsDialog::write(std::function<Expected<std::optional<Schedule>>(ScheduleBook&)> change) {
    setBusy(true);
    showProblem({});
    m_task = Executor::instance().run(
        Lane::Interactive, this,
        [path = m_bookPath, change](const CancelToken&) -> Expected<std::optional<Schedule>> {
            auto book = ScheduleBook::open(path);
            if (!book)
                return book.error();
            return change(*book);
        },
        [this](Expected<std::optional<Schedule>> result) {
            setBusy(false);
            if (!result) {
                showProblem(result.error().message);
                emit saveFinished(false);
                return;
            }
            m_editing = *result;
            emit bookChanged();
            emit saveFinished(true);
        });
}

} // namespace sqlsnap::ui
