// Whether anything will run the schedules: the packaged systemd user timer (sqlite-snapshot-schedule.timer)
// or, without a systemd user session, a crontab line as `schedule add` prints it. Asked by running
// `systemctl --user`: call these off the GUI thread (the executor's interactive lane).
#pragma once

#include <QString>

namespace sqlsnap::ui {

struct TimerStatus {
    enum class State { Enabled, Disabled, NotInstalled, NoSystemd };
    State state = State::NoSystemd;
    QString detail;      // what systemctl said, when it said something unexpected
    QString crontabLine; // for NoSystemd and NotInstalled: the line to add (crontab -e)
};

inline constexpr const char* kScheduleTimer = "sqlite-snapshot-schedule.timer";

// The CLI the timer and a crontab line run: the one installed beside the app.
QString scheduleCliPath();
TimerStatus checkScheduleTimer();
// `systemctl --user enable --now` the timer; the error text, or empty when it worked.
QString enableScheduleTimer();

} // namespace sqlsnap::ui
