#include "testsupport.h"

#include "io/faults.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTest>

#include <sqlite3.h>

#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <sys/stat.h>

namespace testsupport {

QString dbtoolPath() {
    return QStringLiteral(SQLSNAP_DBTOOL);
}
QString cliPath() {
    // SQLSNAP_TEST_CLI runs the CLI tests against another build (to see a new test fail on an old one).
    const QString other = qEnvironmentVariable("SQLSNAP_TEST_CLI");
    return other.isEmpty() ? QStringLiteral(SQLSNAP_CLI) : other;
}

QStringList CliRun::errLines() const {
    return QString::fromUtf8(err).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

QJsonObject CliRun::json() const {
    return QJsonDocument::fromJson(out).object();
}

CliRun cli(const QStringList& args, const CliOptions& options) {
    QProcess p;
    if (!options.workingDirectory.isEmpty())
        p.setWorkingDirectory(options.workingDirectory);
    QStringList command = options.prefix + QStringList{cliPath()};
    if (!options.shell.isEmpty())
        command = QStringList{QStringLiteral("bash"), QStringLiteral("-c"), options.shell} + command;
    p.start(command.first(), command.mid(1) + args);
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        return {-2, p.readAllStandardOutput(), "timed out"};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

void expectOneError(const CliRun& r, int code, const QString& contains) {
    QVERIFY2(r.exitCode == code,
             qPrintable(QStringLiteral("exit %1, stderr: %2").arg(r.exitCode).arg(QString::fromUtf8(r.err))));
    const QStringList lines = r.errLines();
    QVERIFY2(lines.size() == 1, r.err.constData());
    QVERIFY2(lines.first().startsWith(QStringLiteral("error: ")), qPrintable(lines.first()));
    QVERIFY2(lines.first().contains(contains, Qt::CaseInsensitive), qPrintable(lines.first()));
    QVERIFY2(!r.err.contains(".sqlite-snapshot-"), r.err.constData());
}

bool runDbtool(const QStringList& args) {
    QProcess p;
    p.start(dbtoolPath(), args);
    if (!p.waitForFinished(120000) || p.exitCode() != 0) {
        qWarning() << "dbtool" << args << "failed:" << p.readAllStandardError();
        return false;
    }
    return true;
}

Helper::Helper(const QStringList& args) : m_process(std::make_unique<QProcess>()) {
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    m_process->start(dbtoolPath(), args);
    if (!m_process->waitForStarted(10000))
        return;
    QByteArray out;
    while (!out.contains("ready\n")) {
        if (!m_process->waitForReadyRead(60000))
            return;
        out += m_process->readAllStandardOutput();
    }
    m_ready = true;
}

Helper::~Helper() {
    if (m_process->state() != QProcess::NotRunning) {
        m_process->closeWriteChannel();
        if (!m_process->waitForFinished(10000))
            kill();
    }
}

QString Helper::finish() {
    m_process->closeWriteChannel();
    m_process->waitForFinished(60000);
    return QString::fromUtf8(m_process->readAllStandardOutput()).trimmed();
}

void Helper::kill() {
    ::kill(pid_t(m_process->processId()), SIGKILL);
    m_process->waitForFinished(10000);
}

QString BankState::problem() const {
    if (integrity != QStringLiteral("ok"))
        return QStringLiteral("integrity_check: ") + integrity;
    if (journalMode != QStringLiteral("delete"))
        return QStringLiteral("journal_mode is ") + journalMode;
    if (total != 100000)
        return QStringLiteral("total is %1, not 100000 (torn snapshot)").arg(total);
    // A writer may trim the oldest rows (dbtool writer --trim-log): what is left must be contiguous.
    if (logRows != (logRows == 0 ? 0 : maxSeq - minSeq + 1))
        return QStringLiteral("log has %1 rows for seq %2..%3 (gap: torn snapshot)")
            .arg(logRows)
            .arg(minSeq)
            .arg(maxSeq);
    return {};
}

BankState readBank(const QString& path) {
    BankState s;
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        s.integrity = QStringLiteral("cannot open: ") + QString::fromUtf8(sqlite3_errmsg(db));
        sqlite3_close(db);
        return s;
    }
    auto text = [db](const char* sql) {
        sqlite3_stmt* stmt = nullptr;
        QStringList rows;
        if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK)
            return QStringLiteral("error: ") + QString::fromUtf8(sqlite3_errmsg(db));
        int rc;
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
            rows << QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
        if (rc != SQLITE_DONE)
            rows << QStringLiteral("error: ") + QString::fromUtf8(sqlite3_errmsg(db));
        sqlite3_finalize(stmt);
        return rows.join(QStringLiteral("; "));
    };
    s.integrity = text("PRAGMA integrity_check");
    s.journalMode = text("PRAGMA journal_mode");
    s.total = text("SELECT sum(balance) FROM accounts").toLongLong();
    s.logRows = text("SELECT count(*) FROM log").toLongLong();
    s.maxSeq = text("SELECT coalesce(max(seq), 0) FROM log").toLongLong();
    s.minSeq = text("SELECT coalesce(min(seq), 0) FROM log").toLongLong();
    s.account1 = text("SELECT balance FROM accounts WHERE id = 1").toLongLong();
    sqlite3_close(db);
    return s;
}

QString freshFolder(const QTemporaryDir& parent, const QString& name) {
    static std::atomic<int> counter{0};
    const QString dir = parent.filePath(QStringLiteral("%1-%2").arg(name).arg(++counter));
    QDir().mkpath(dir);
    return dir;
}

bool execSql(const QString& path, const QString& sql) {
    sqlite3* db = nullptr;
    char* message = nullptr;
    const bool ok = sqlite3_open(path.toUtf8().constData(), &db) == SQLITE_OK &&
                    sqlite3_exec(db, sql.toUtf8().constData(), nullptr, nullptr, &message) == SQLITE_OK;
    if (!ok)
        qWarning("execSql %s: %s", qPrintable(path), message ? message : sqlite3_errmsg(db));
    sqlite3_free(message);
    sqlite3_close(db);
    return ok;
}

ScratchMount::ScratchMount(const QString& directory, const QString& options) : m_directory(directory) {
    QProcess mount;
    mount.start(QStringLiteral("mount"), {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                                          options, QStringLiteral("tmpfs"), directory});
    m_mounted =
        mount.waitForFinished(10000) && mount.exitStatus() == QProcess::NormalExit && mount.exitCode() == 0;
}

ScratchMount::~ScratchMount() {
    if (m_mounted)
        QProcess::execute(QStringLiteral("umount"), {m_directory});
}

QString queryText(const QString& path, const QString& sql) {
    sqlite3* db = nullptr;
    QString result;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(db, sql.toUtf8().constData(), -1, &stmt, nullptr) == SQLITE_OK &&
            sqlite3_step(stmt) == SQLITE_ROW)
            result = QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
        else
            result = QStringLiteral("error: ") + QString::fromUtf8(sqlite3_errmsg(db));
        sqlite3_finalize(stmt);
    } else {
        result = QStringLiteral("cannot open: ") + QString::fromUtf8(sqlite3_errmsg(db));
    }
    sqlite3_close(db);
    return result;
}

QByteArray fileBytes(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QMap<QString, QByteArray> folderBytes(const QString& dir) {
    QMap<QString, QByteArray> bytes;
    for (const QString& name : QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::System)) {
        QFile f(dir + QLatin1Char('/') + name);
        if (f.open(QIODevice::ReadOnly))
            bytes.insert(name, f.readAll());
    }
    return bytes;
}

QStringList folderEntries(const QString& dir) {
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
}

MtimeToucher::MtimeToucher(const QString& path) : m_path(QFile::encodeName(path)) {
    m_thread = std::thread([this] {
        for (long ns = 1; !m_stop; ++ns) {
            timespec times[2] = {{0, UTIME_OMIT}, {1700000000, ns % 1000000000}};
            ::utimensat(AT_FDCWD, m_path.constData(), times, 0);
            std::this_thread::sleep_for(std::chrono::microseconds(50));
        }
    });
}

MtimeToucher::~MtimeToucher() {
    m_stop = true;
    m_thread.join();
}

void touchOnEveryCopy(const QString& path) {
    namespace faults = sqlsnap::io::faults;
    const QString absolute = QFileInfo(path).absoluteFilePath();
    const QByteArray name = QFile::encodeName(absolute);
    const auto touch = [name] {
        static std::atomic<long> tick{1};
        const timespec times[2] = {{0, UTIME_OMIT}, {1600000000, tick++ % 1000000000}};
        ::utimensat(AT_FDCWD, name.constData(), times, 0);
    };
    // copy_file_range, and the read/write loop it falls back to where the file system lacks it.
    for (faults::Call call : {faults::Call::CopyFileRange, faults::Call::Read})
        faults::inject({call, absolute, 0, -1, 0, 0, touch});
}

QByteArray header(const QString& path, int length) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.read(length);
}

bool writeFile(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

bool canRunAsNobody() {
    return !QStandardPaths::findExecutable(QStringLiteral("setpriv")).isEmpty();
}

QString runTestAsNobody(const QString& function, const QString& home, const QProcessEnvironment& extra) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString& key : extra.keys())
        env.insert(key, extra.value(key));
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home);
    QProcess self;
    self.setProcessEnvironment(env);
    self.setProcessChannelMode(QProcess::MergedChannels);
    self.start(QStringLiteral("setpriv"), {QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                                           QStringLiteral("--clear-groups"), QStringLiteral("--"),
                                           QCoreApplication::applicationFilePath(), function});
    if (!self.waitForFinished(60000)) {
        self.kill();
        self.waitForFinished();
        return QStringLiteral("%1 as nobody did not end within 60 s").arg(function);
    }
    if (self.exitStatus() == QProcess::NormalExit && self.exitCode() == 0)
        return {};
    return QString::fromLocal8Bit(self.readAll());
}

} // namespace testsupport
