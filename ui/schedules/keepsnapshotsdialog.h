// Keep Snapshots… on a database: "Keep snapshots of this database every [interval] into [folder], keep
// last/hourly/daily/weekly/monthly/yearly N, skip unchanged, then run [program] [arguments]" — one schedule
// of the user's schedules file (ScheduleBook, the one `sqlite-snapshot-cli schedule` edits), added,
// changed or removed. A database may have several schedules (one per history folder): the Schedule box
// chooses which one is edited, or a new one.
//
// The file is read and written on the executor's interactive lane, never on the GUI thread: the form is
// disabled while the book is read (isBusy()), and save()/removeSchedule() answer with saveFinished(ok).
#pragma once

#include "common/executor.h"

#include <sqlitesnapshot/schedules.h>

#include <QDialog>

#include <optional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace sqlsnap::ui {

class KeepSnapshotsDialog : public QDialog {
    Q_OBJECT
public:
    // `source`'s schedules, read from the book: the first is edited, the Schedule box offers the others
    // and a new one into `defaultFolder` (the app's snapshot folder); a new one when it has none.
    KeepSnapshotsDialog(const QString& source, const QString& defaultFolder,
                        const QString& bookPath = ScheduleBook::defaultPath(), QWidget* parent = nullptr);
    // Edits that schedule.
    KeepSnapshotsDialog(const Schedule& schedule, const QString& bookPath = ScheduleBook::defaultPath(),
                        QWidget* parent = nullptr);
    ~KeepSnapshotsDialog() override;

    bool isEditing() const { return m_editing.has_value(); }
    bool isBusy() const { return m_busy; } // reading or writing the book
    // Checks the form (false with the reason shown in place), then writes it to the book (add or
    // replace) off the GUI thread: saveFinished(true) closes the dialog, saveFinished(false) shows why.
    bool save();
    bool removeSchedule(); // the schedule being edited; answers with saveFinished() as save() does

    QComboBox* schedule() const { return m_which; } // this database's schedules, then "New schedule"
    QComboBox* interval() const { return m_every; }
    QLineEdit* folder() const { return m_into; }
    QSpinBox* keepBox(const QString& rule) const; // "last", "hourly", "daily", "weekly", "monthly", "yearly"
    QCheckBox* skipUnchanged() const { return m_skip; }
    QLineEdit* handOffProgram() const { return m_then; }
    QPlainTextEdit* handOffArguments() const { return m_thenArgs; } // one argument a line, as given
    QSpinBox* handOffTimeout() const { return m_thenTimeout; }
    QLabel* handOffLast() const { return m_thenLast; } // how the last hand-off ended
    QLabel* problem() const { return m_problem; }
    QPushButton* saveButton() const;
    QPushButton* removeButton() const { return m_remove; }

signals:
    void bookChanged();
    void saveFinished(bool ok); // of a save() or removeSchedule()
    void bookRead();            // the source's schedules are in the form (the source constructor)

private:
    void build();
    void readBook();
    void chooseSchedule(int index);
    void fill(const Schedule& schedule);
    void showProblem(const QString& text);
    void setBusy(bool busy);
    void write(std::function<Expected<std::optional<Schedule>>(ScheduleBook&)> change);

    QString m_bookPath;
    QString m_source;
    std::optional<Schedule> m_editing;
    QList<Schedule> m_ofSource; // the source's schedules, as the book had them
    Schedule m_fresh;           // what "New schedule" starts from
    bool m_busy = false;
    bool m_unreadable = false; // the book could not be read: nothing may be written over it
    Task m_task;
    QComboBox* m_which = nullptr;
    QLabel* m_whichLabel = nullptr;
    QComboBox* m_every = nullptr;
    QLineEdit* m_into = nullptr;
    QSpinBox* m_last = nullptr;
    QSpinBox* m_hourly = nullptr;
    QSpinBox* m_daily = nullptr;
    QSpinBox* m_weekly = nullptr;
    QSpinBox* m_monthly = nullptr;
    QSpinBox* m_yearly = nullptr;
    QCheckBox* m_skip = nullptr;
    QLineEdit* m_then = nullptr;
    QPlainTextEdit* m_thenArgs = nullptr;
    QSpinBox* m_thenTimeout = nullptr;
    QLabel* m_thenLast = nullptr;
    QLabel* m_problem = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QPushButton* m_remove = nullptr;
};

} // namespace sqlsnap::ui
