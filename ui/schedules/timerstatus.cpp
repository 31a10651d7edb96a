// Whether anything runs the schedules (timerstatus.h).
#include "schedules/timerstatus.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

namespace sqlsnap::ui {

namespace {

struct Ran {
    bool started = false;
    int exitCode = -1;
    QString out;
};

Ran systemctl(const QStringList& args) {
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("systemctl"), QStringList{QStringLiteral("--user")} + args);
    Ran ran;
    ran.started = p.waitForStarted(5000);
    if (ran.started && p.waitForFinished(15000))
        ran.exitCode = p.exitCode();
    ran.out = QString::fromLocal8Bit(p.readAll()).trimmed();
    return ran;
}

} // namespace

QString scheduleCliPath() {
    const QString beside = QCoreApplication::applicationDirPath() + QStringLiteral("/sqlite-snapshot-cli");
    if (QFileInfo(beside).isExecutable())
        return beside;
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("sqlite-snapshot-cli"));
    return onPath.isEmpty() ? QStringLiteral("sqlite-snapshot-cli") : onPath;
}

TimerStatus checkScheduleTimer() {
    TimerStatus status;
    status.crontabLine = QStringLiteral("*/15 * * * * %1 schedule run --quiet").arg(scheduleCliPath());
    // The CLI's test for a systemd user session (schedulecommand.cpp), so both say the same.
    if (!QFileInfo::exists(qEnvironmentVariable("XDG_RUNTIME_DIR") + QStringLiteral("/systemd")))
        return status;
    const Ran ran = systemctl({QStringLiteral("is-enabled"), QLatin1String(kScheduleTimer)});
    if (!ran.started) {
        status.detail = QStringLiteral("systemctl could not be started");
        return status; // NoSystemd
    }
    if (ran.out == QStringLiteral("enabled") || ran.out == QStringLiteral("enabled-runtime"))
        status.state = TimerStatus::State::Enabled;
    else if (ran.out == QStringLiteral("disabled"))
        status.state = TimerStatus::State::Disabled;
    else {
        status.state = TimerStatus::State::NotInstalled; // "not-found", or a unit file it cannot read
        status.detail = ran.out;
    }
    return status;
}

QString enableScheduleTimer() {
    const Ran ran =
        systemctl({QStringLiteral("enable"), QStringLiteral("--now"), QLatin1String(kScheduleTimer)});
    if (!ran.started)
        return QStringLiteral("systemctl could not be started");
    return ran.exitCode == 0 ? QString() : ran.out.isEmpty() ? QStringLiteral("systemctl failed") : ran.out;
}

} // namespace sqlsnap::ui
