// The user's schedules and the run a timer calls (schedules.h).
#include <sqlitesnapshot/schedules.h>

#include <sqlitesnapshot/databasefiles.h>
#include <sqlitesnapshot/jsonforms.h>

#include "io/atomicoutput.h"
#include "io/posixio.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QStandardPaths>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace sqlsnap {

namespace {

constexpr std::pair<char, qint64> kUnits[] = {
    {'w', 7 * 86400}, {'d', 86400}, {'h', 3600}, {'m', 60}, {'s', 1}};

RetentionPolicy keepFrom(const QJsonObject& o) {
    return {o.value(QStringLiteral("last")).toInt(),    o.value(QStringLiteral("hourly")).toInt(),
            o.value(QStringLiteral("daily")).toInt(),   o.value(QStringLiteral("weekly")).toInt(),
            o.value(QStringLiteral("monthly")).toInt(), o.value(QStringLiteral("yearly")).toInt()};
}

HandOffOutcome handOffFrom(const QJsonObject& o) {
    HandOffOutcome h;
    h.exitCode = o.value(QStringLiteral("exit_code")).toInt(-1);
    h.message = o.value(QStringLiteral("message")).toString();
    h.stderrTail = o.value(QStringLiteral("stderr_tail")).toString();
    h.timedOut = o.value(QStringLiteral("timed_out")).toBool();
    h.elapsedMs = o.value(QStringLiteral("elapsed_ms")).toInteger();
    return h;
}

std::optional<Schedule> scheduleFrom(const QJsonObject& o) {
    Schedule s;
    s.id = o.value(QStringLiteral("id")).toString();
    s.source = o.value(QStringLiteral("source")).toString();
    s.into = o.value(QStringLiteral("into")).toString();
    const auto every = parseInterval(o.value(QStringLiteral("every")).toString());
    if (s.id.isEmpty() || s.source.isEmpty() || s.into.isEmpty() || !every)
        return std::nullopt;
    s.everySeconds = *every;
    s.keep = keepFrom(o.value(QStringLiteral("keep")).toObject());
    s.skipUnchanged = o.value(QStringLiteral("skip_unchanged")).toBool(true);
    // Files written before hand-offs existed have neither field: no program, the default timeout.
    for (const QJsonValue& arg : o.value(QStringLiteral("after_snapshot")).toArray())
        s.afterSnapshot << arg.toString();
    s.afterSnapshotTimeoutSeconds =
        o.value(QStringLiteral("after_snapshot_timeout")).toInt(kDefaultHandOffTimeoutSeconds);
    if (const QJsonObject last = o.value(QStringLiteral("last_run")).toObject(); !last.isEmpty()) {
        LastRun run;
        run.at = QDateTime::fromString(last.value(QStringLiteral("at")).toString(), Qt::ISODateWithMs);
        run.outcome = last.value(QStringLiteral("outcome")).toString();
        run.file = last.value(QStringLiteral("file")).toString();
        run.message = last.value(QStringLiteral("message")).toString();
        run.failuresInARow = last.value(QStringLiteral("failures_in_a_row")).toInt();
        if (const QJsonValue h = last.value(QStringLiteral("hand_off")); h.isObject())
            run.handOff = handOffFrom(h.toObject());
        s.last = run;
    }
    return s;
}

Expected<QList<Schedule>> readBook(const QString& path) {
    if (!io::statPath(path).exists)
        return QList<Schedule>{};
    int error = 0;
    const QByteArray bytes = io::readHead(path, 16 * 1024 * 1024, &error);
    if (error)
        return io::readError(error, path);
    QJsonParseError parse{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parse);
    if (parse.error != QJsonParseError::NoError) {
        // Where to look: a hand edit's stray comma is found by its line and column, not by a byte offset.
        const QByteArray before = bytes.left(parse.offset);
        const qsizetype line = before.count('\n') + 1;
        const qsizetype column = parse.offset - (before.lastIndexOf('\n') + 1) + 1;
        return Error{ErrorKind::InvalidArgument,
                     QStringLiteral("%1 is not valid JSON: %2 at line %3, column %4 (fix or remove it)")
                         .arg(path, parse.errorString())
                         .arg(line)
                         .arg(column)};
    }
    if (const QJsonValue version = doc.object().value(QStringLiteral("version")); version.toInt() != 1)
        return Error{ErrorKind::InvalidArgument,
                     QStringLiteral("%1 is not a schedules file this version can read (%2; fix or remove it)")
                         .arg(path, version.isUndefined() ? QStringLiteral("no \"version\"")
                                                          : QStringLiteral("version %1, this one reads 1")
                                                                .arg(version.toVariant().toString()))};
    QList<Schedule> list;
    for (const QJsonValue& v : doc.object().value(QStringLiteral("schedules")).toArray()) {
        auto s = scheduleFrom(v.toObject());
        if (!s)
            return Error{
                ErrorKind::InvalidArgument,
                QStringLiteral("%1 holds a schedule this version cannot read (fix or remove it)").arg(path)};
        list.append(*s);
    }
    return list;
}

} // namespace

bool Schedule::isDue(const QDateTime& now) const {
    return !last || last->at.secsTo(now) >= everySeconds;
}

std::optional<qint64> parseInterval(const QString& text) {
    static const QRegularExpression form(QStringLiteral("^([1-9][0-9]{0,6})([smhdw])$"));
    const QRegularExpressionMatch m = form.match(text.trimmed());
    if (!m.hasMatch())
        return std::nullopt;
    for (const auto& [unit, seconds] : kUnits)
        if (m.captured(2) == QLatin1Char(unit)) {
            const qint64 total = m.captured(1).toLongLong() * seconds;
            return total >= 60 ? std::optional<qint64>(total) : std::nullopt;
        }
    return std::nullopt;
}

QString intervalText(qint64 seconds) {
    for (const auto& [unit, size] : kUnits)
        if (seconds % size == 0)
            return QString::number(seconds / size) + QLatin1Char(unit);
    return QString::number(seconds) + QLatin1Char('s');
}

QString ScheduleBook::defaultPath() {
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
           QStringLiteral("/sqlite-snapshot/schedules.json");
}

Expected<ScheduleBook> ScheduleBook::open(const QString& path) {
    auto list = readBook(path);
    if (!list)
        return list.error();
    ScheduleBook book;
    book.m_path = QFileInfo(path).absoluteFilePath();
    book.m_schedules = *list;
    return book;
}

Status ScheduleBook::update(const std::function<Status(QList<Schedule>&)>& change) {
    const QString folder = QFileInfo(m_path).absolutePath();
    if (!QDir().mkpath(folder))
        return io::writeError(EACCES, QStringLiteral("cannot create"), folder);
    const int fd = ::open(io::encodePath(folder).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return io::readError(errno, folder);
    while (::flock(fd, LOCK_EX) != 0 && errno == EINTR) {
    }
    const auto unlock = qScopeGuard([fd] { ::close(fd); });
    auto list = readBook(m_path); // another run may have changed it since
    if (!list)
        return list.error();
    if (Status changed = change(*list); !changed)
        return changed;
    QJsonArray array;
    for (const Schedule& s : *list)
        array.append(scheduleJson(s));
    auto output = io::AtomicOutput::create(folder, QStringLiteral("schedules.json"), true);
    if (!output)
        return output.error();
    if (Status w = output->write(
            QJsonDocument(QJsonObject{{QStringLiteral("version"), 1}, {QStringLiteral("schedules"), array}})
                .toJson());
        !w)
        return w;
    if (Status p = output->publish(m_path, 0600, true); !p)
        return p;
    m_schedules = *list;
    return success();
}

namespace {
// Absolute, clean paths ("hist/" and "hist" are one folder: the duplicate check compares them), and a
// source that can be a database: a folder or a FIFO would fail every run after the schedule was added.
Status normalise(Schedule& schedule) {
    schedule.source = QDir::cleanPath(QFileInfo(schedule.source).absoluteFilePath());
    schedule.into = QDir::cleanPath(QFileInfo(schedule.into).absoluteFilePath());
    const io::FileStat source = io::statPath(schedule.source);
    if (source.exists && !source.regular)
        return Error{ErrorKind::InvalidArgument, QStringLiteral("%1 is %2, not a database file")
                                                     .arg(schedule.source, io::fileTypeName(source.mode))};
    if (source.exists && source.size > 0 && !startsWithSqliteHeader(schedule.source))
        return Error{ErrorKind::NotADatabase,
                     QStringLiteral("%1 is not an SQLite database").arg(schedule.source)};
    return success();
}
} // namespace

Expected<Schedule> ScheduleBook::add(Schedule schedule) {
    if (Status usable = normalise(schedule); !usable)
        return usable.error();
    Schedule added;
    Status s = update([&](QList<Schedule>& list) -> Status {
        QSet<QString> ids;
        for (const Schedule& other : list) {
            if (other.source == schedule.source && other.into == schedule.into)
                return Error{ErrorKind::InvalidArgument,
                             QStringLiteral("%1 is already scheduled into %2 (%3)")
                                 .arg(schedule.source, schedule.into, other.id)};
            ids.insert(other.id);
        }
        const QString base = QFileInfo(schedule.source).fileName();
        int n = 1;
        while (ids.contains(base + QLatin1Char('-') + QString::number(n)))
            ++n;
        schedule.id = base + QLatin1Char('-') + QString::number(n);
        schedule.last.reset();
        list.append(schedule);
        added = schedule;
        return success();
    });
    if (!s)
        return s.error();
    return added;
}

Expected<QList<Schedule>> ScheduleBook::remove(const QString& idOrSource) {
    QList<Schedule> removed;
    const QString asPath = QFileInfo(idOrSource).absoluteFilePath();
    Status s = update([&](QList<Schedule>& list) -> Status {
        for (const Schedule& other : list)
            if (other.id == idOrSource || other.source == asPath)
                removed << other;
        if (removed.isEmpty())
            return Error{ErrorKind::InvalidArgument,
                         QStringLiteral("no schedule is named %1").arg(idOrSource)};
        list.removeIf([&](const Schedule& o) { return o.id == idOrSource || o.source == asPath; });
        return success();
    });
    if (!s)
        return s.error();
    return removed;
}

Expected<Schedule> ScheduleBook::replace(Schedule schedule) {
    if (Status usable = normalise(schedule); !usable)
        return usable.error();
    Status s = update([&](QList<Schedule>& list) -> Status {
        Schedule* target = nullptr;
        for (Schedule& other : list) {
            if (other.id == schedule.id)
                target = &other;
            else if (other.source == schedule.source && other.into == schedule.into)
                return Error{ErrorKind::InvalidArgument,
                             QStringLiteral("%1 is already scheduled into %2 (%3)")
                                 .arg(schedule.source, schedule.into, other.id)};
        }
        if (!target)
            return Error{ErrorKind::InvalidArgument,
                         QStringLiteral("no schedule is named %1").arg(schedule.id)};
        // A run of another source or into another folder says nothing about this one.
        if (target->source == schedule.source && target->into == schedule.into)
            schedule.last = target->last;
        else
            schedule.last.reset();
        *target = schedule;
        return success();
    });
    if (!s)
        return s.error();
    return schedule;
}

Status ScheduleBook::recordRun(const QString& id, const LastRun& run) {
    return update([&](QList<Schedule>& list) -> Status {
        for (Schedule& s : list)
            if (s.id == id)
                s.last = run;
        return success(); // removed meanwhile: nothing to record
    });
}

Expected<ScheduleRunReport> runSchedule(ScheduleBook& book, const Schedule& schedule, const QDateTime& now,
                                        ProgressSink* sink) {
    if (sink && sink->isCancelled())
        return Error{ErrorKind::Cancelled, QStringLiteral("cancelled")};
    ScheduleRunReport report{schedule, LastRun{}, {}};
    report.run.at = now.toUTC();
    auto taken =
        snapshotInto(schedule.source, schedule.into, SnapshotOptions{}, schedule.skipUnchanged, sink);
    if (!taken) {
        if (taken.error().kind == ErrorKind::Cancelled)
            return taken.error();
        report.run.outcome = QStringLiteral("failed");
        report.run.message = taken.error().message;
        report.run.failuresInARow = (schedule.last ? schedule.last->failuresInARow : 0) + 1;
    } else {
        report.run.outcome = taken->skipped ? QStringLiteral("unchanged") : QStringLiteral("snapshot");
        report.run.file = taken->skipped ? taken->unchangedSince : taken->snapshot->destination;
        report.run.message = taken->recordProblem;
        if (!schedule.keep.isEmpty()) {
            if (auto pruned = pruneHistory(schedule.into, schedule.keep, false); pruned)
                report.pruned = *pruned;
            else
                report.run.message = QStringLiteral("pruning failed: %1").arg(pruned.error().message);
        }
        if (!taken->skipped && !schedule.afterSnapshot.isEmpty()) {
            auto handOff = runHandOff(schedule.afterSnapshot,
                                      {taken->snapshot->destination,
                                       taken->snapshot->source,
                                       taken->snapshot->sha256,
                                       {},
                                       schedule.id},
                                      schedule.afterSnapshotTimeoutSeconds, CancelToken::following(sink));
            if (!handOff) { // cancelled: the snapshot was taken all the same, and the book says so
                report.run.handOff = HandOffOutcome{-1, QStringLiteral("cancelled"), {}, false, 0};
                (void)book.recordRun(schedule.id, report.run);
                return handOff.error();
            }
            report.run.handOff = *handOff;
        }
    }
    if (Status recorded = book.recordRun(schedule.id, report.run); !recorded)
        return recorded.error();
    return report;
}

Expected<QList<ScheduleRunReport>>
runDueSchedules(ScheduleBook& book, const QDateTime& now,
                const std::function<void(const ScheduleRunReport&)>& onEach, ProgressSink* sink) {
    QList<ScheduleRunReport> reports;
    const QList<Schedule> due = [&] {
        QList<Schedule> list;
        for (const Schedule& s : book.schedules())
            if (s.isDue(now))
                list << s;
        return list;
    }();
    for (const Schedule& schedule : due) {
        auto report = runSchedule(book, schedule, now, sink);
        if (!report)
            return report.error();
        if (onEach)
            onEach(*report);
        reports << *report;
    }
    return reports;
}

} // namespace sqlsnap
