// Keep Snapshots… on a database: "Keep snapshots of this database every [interval] into [folder], keep
// last/hourly/daily/weekly/monthly N, skip unchanged" — one schedule of the user's schedules file
// (ScheduleBook, the one `sqlite-snapshot-cli schedule` edits), added, changed or removed.
#pragma once

#include <sqlitesnapshot/schedules.h>

#include <QDialog>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace sqlsnap::ui {

class KeepSnapshotsDialog : public QDialog {
    Q_OBJECT
public:
    // Edits `source`'s schedule when the book has one (the first, if several), else offers a new one
    // into `defaultFolder` (the app's snapshot folder).
    KeepSnapshotsDialog(const QString& source, const QString& defaultFolder,
                        const QString& bookPath = ScheduleBook::defaultPath(), QWidget* parent = nullptr);
    // Edits that schedule.
    KeepSnapshotsDialog(const Schedule& schedule, const QString& bookPath = ScheduleBook::defaultPath(),
                        QWidget* parent = nullptr);

    bool isEditing() const { return m_editing.has_value(); }
    // Writes the form to the book (add or replace); false with the reason shown in place.
    bool save();
    bool removeSchedule(); // the schedule being edited

    QComboBox* interval() const { return m_every; }
    QLineEdit* folder() const { return m_into; }
    QSpinBox* keepBox(const QString& rule) const; // "last", "hourly", "daily", "weekly", "monthly"
    QCheckBox* skipUnchanged() const { return m_skip; }
    QLabel* problem() const { return m_problem; }
    QPushButton* removeButton() const { return m_remove; }

signals:
    void bookChanged();

private:
    void build();
    void fill(const Schedule& schedule);
    void showProblem(const QString& text);

    QString m_bookPath;
    QString m_source;
    std::optional<Schedule> m_editing;
    QComboBox* m_every = nullptr;
    QLineEdit* m_into = nullptr;
    QSpinBox* m_last = nullptr;
    QSpinBox* m_hourly = nullptr;
    QSpinBox* m_daily = nullptr;
    QSpinBox* m_weekly = nullptr;
    QSpinBox* m_monthly = nullptr;
    int m_yearly = 0; // not in the form (rare): kept as the file has it
    QCheckBox* m_skip = nullptr;
    QLabel* m_problem = nullptr;
    QPushButton* m_remove = nullptr;
};

} // namespace sqlsnap::ui
