// Space in a history folder (docs/history.md, "Space"): consecutive snapshots of one database share their
// unchanged blocks on XFS and btrfs (loop-mounted images, made here when the test runs as root), hold
// the same bytes as a snapshot taken without sharing, fall back on a file system without reflinks, and
// leave no temporary behind after a cancel, a write failure or a crash in the middle.
#include "testsupport.h"

#include "io/faults.h"

#include <sqlitesnapshot/history.h>
#include <sqlitesnapshot/snapshot.h>

#include <sqlite3.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <fcntl.h>
#include <linux/fiemap.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace sqlsnap;
using namespace testsupport;

namespace {

bool run(const QString& program, const QStringList& args) {
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    return p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

// A file system image made by mkfs.<type>, loop-mounted for the test's life. reason() says why not.
class LoopMount {
public:
    LoopMount(const QString& scratch, const QString& type) {
        const QString image = scratch + QStringLiteral("/") + type + QStringLiteral(".img");
        m_directory = scratch + QStringLiteral("/") + type;
        QDir().mkpath(m_directory);
        if (::geteuid() != 0) {
            m_reason = QStringLiteral("mounting a %1 image needs root").arg(type);
            return;
        }
        QFile file(image); // sparse: mkfs.xfs wants 300 MiB, few of which are ever written
        if (!file.open(QIODevice::WriteOnly) || !file.resize(320LL << 20)) {
            m_reason = QStringLiteral("cannot make the image");
            return;
        }
        file.close();
        if (!run(QStringLiteral("mkfs.") + type, {QStringLiteral("-q"), QStringLiteral("-f"), image})) {
            m_reason = QStringLiteral("mkfs.%1 is missing or failed").arg(type);
            return;
        }
        if (!run(QStringLiteral("mount"),
                 {QStringLiteral("-o"), QStringLiteral("loop"), image, m_directory})) {
            m_reason = QStringLiteral("cannot loop-mount a %1 image here (no loop device?)").arg(type);
            return;
        }
        m_mounted = true;
    }
    ~LoopMount() {
        if (m_mounted)
            run(QStringLiteral("umount"), {m_directory}); // -o loop: the loop device goes with it
    }
    bool ok() const { return m_mounted; }
    const QString& directory() const { return m_directory; }
    const QString& reason() const { return m_reason; }

private:
    QString m_directory, m_reason;
    bool m_mounted = false;
};

// Bytes of `path` in extents the file system reports as shared with another file (FIEMAP).
qint64 sharedBytes(const QString& path) {
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    constexpr int kExtents = 256;
    std::vector<char> buffer(sizeof(fiemap) + kExtents * sizeof(fiemap_extent));
    qint64 shared = 0;
    for (quint64 start = 0;;) {
        auto* map = reinterpret_cast<fiemap*>(buffer.data());
        std::memset(map, 0, buffer.size());
        map->fm_start = start;
        map->fm_length = FIEMAP_MAX_OFFSET - start;
        map->fm_flags = FIEMAP_FLAG_SYNC;
        map->fm_extent_count = kExtents;
        if (::ioctl(fd, FS_IOC_FIEMAP, map) != 0) {
            ::close(fd);
            return -1;
        }
        if (map->fm_mapped_extents == 0)
            break;
        bool last = false;
        for (quint32 i = 0; i < map->fm_mapped_extents; ++i) {
            const fiemap_extent& e = map->fm_extents[i];
            if (e.fe_flags & FIEMAP_EXTENT_SHARED)
                shared += qint64(e.fe_length);
            start = e.fe_logical + e.fe_length;
            last = last || (e.fe_flags & FIEMAP_EXTENT_LAST);
        }
        if (last)
            break;
    }
    ::close(fd);
    return shared;
}

QByteArray sha256Of(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&f);
    return hash.result().toHex();
}

bool exec(sqlite3* db, const QString& sql) {
    return sqlite3_exec(db, sql.toUtf8().constData(), nullptr, nullptr, nullptr) == SQLITE_OK;
}

// ~4 MiB: 1000 rows of 4000 random bytes, in `mode`; the connection stays open (a WAL source keeps
// its -wal, as a running app's does).
sqlite3* makeSource(const QString& path, const QString& mode) {
    sqlite3* db = nullptr;
    sqlite3_open(QFile::encodeName(path).constData(), &db);
    const bool ok =
        exec(db, QStringLiteral("PRAGMA journal_mode=%1; PRAGMA wal_autocheckpoint=0;").arg(mode)) &&
        exec(db,
             QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY, data BLOB);"
                            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) "
                            "INSERT INTO t SELECT i, randomblob(4000) FROM n;"));
    if (!ok) {
        sqlite3_close(db);
        return nullptr;
    }
    return db;
}

// Files and folders in `folder` besides the record and the snapshots: temporaries left behind.
QStringList leftovers(const QString& folder) {
    waitForBackgroundRemovals();
    QStringList found;
    for (const QString& name : folderEntries(folder))
        if (name != QLatin1String(HistoryFolder::kRecordName) && !parseSnapshotFileName(name))
            found << name;
    return found;
}

} // namespace

class TestHistorySpace : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    std::unique_ptr<LoopMount> m_xfs, m_btrfs;

    static QString freshName() {
        static int n = 0;
        return QStringLiteral("history-%1").arg(++n);
    }
    LoopMount* mountFor(const QString& type) {
        return type == QStringLiteral("xfs") ? m_xfs.get() : m_btrfs.get();
    }

    // Two snapshots into `history` with a change of ~1 % of the rows between; returns the second.
    static std::optional<IntoResult> twoSnapshots(sqlite3* db, const QString& source, const QString& history,
                                                  const SnapshotOptions& options, QString* firstPath) {
        auto first = snapshotInto(source, history, options, false);
        if (!first || !first->snapshot)
            return std::nullopt;
        *firstPath = first->snapshot->destination;
        if (!exec(db, QStringLiteral("UPDATE t SET data = randomblob(4000) WHERE id % 100 = 7")))
            return std::nullopt;
        auto second = snapshotInto(source, history, options, false);
        if (!second || !second->snapshot)
            return std::nullopt;
        return *second;
    }

private slots:
    void initTestCase() {
        QVERIFY(m_tmp.isValid());
        m_xfs = std::make_unique<LoopMount>(m_tmp.path(), QStringLiteral("xfs"));
        m_btrfs = std::make_unique<LoopMount>(m_tmp.path(), QStringLiteral("btrfs"));
    }
    void cleanupTestCase() {
        m_xfs.reset();
        m_btrfs.reset();
    }
    void cleanup() { io::faults::clear(); }

    void consecutiveSnapshotsShareBlocks_data() {
        QTest::addColumn<QString>("fs");
        QTest::addColumn<QString>("mode");
        QTest::addColumn<bool>("backup"); // the backup strategy instead of publish
        QTest::newRow("xfs, rollback source") << QStringLiteral("xfs") << QStringLiteral("delete") << false;
        QTest::newRow("xfs, WAL source") << QStringLiteral("xfs") << QStringLiteral("wal") << false;
        QTest::newRow("xfs, backup") << QStringLiteral("xfs") << QStringLiteral("wal") << true;
        QTest::newRow("btrfs, rollback source")
            << QStringLiteral("btrfs") << QStringLiteral("delete") << false;
        QTest::newRow("btrfs, WAL source") << QStringLiteral("btrfs") << QStringLiteral("wal") << false;
    }
    void consecutiveSnapshotsShareBlocks() {
        QFETCH(QString, fs);
        QFETCH(QString, mode);
        QFETCH(bool, backup);
        LoopMount* mount = mountFor(fs);
        if (!mount->ok())
            QSKIP(qPrintable(mount->reason()));
        // The source on the ordinary file system, as an app's database is; the history on the image.
        const QString source = freshFolder(m_tmp, QStringLiteral("src")) + QStringLiteral("/app.db");
        const QString history = mount->directory() + QStringLiteral("/") + freshName();
        QVERIFY(QDir().mkpath(history));
        sqlite3* db = makeSource(source, mode);
        QVERIFY(db);
        SnapshotOptions options;
        options.strategy = backup ? OutputStrategy::Backup : OutputStrategy::Publish;
        options.verify = true;
        options.stagingDirectory = history; // backup stages on the image too: its staged copy then goes
        QString firstPath;
        const auto second = twoSnapshots(db, source, history, options, &firstPath);
        QVERIFY(second);
        const SnapshotResult& taken = *second->snapshot;

        // Shared: the clone of the first with ~1 % of its blocks rewritten (pages of 4 KiB; a row's
        // 4000 bytes, its overflow pages and the b-tree pages above them).
        QCOMPARE(taken.sharesStorageWith, firstPath);
        QVERIFY2(taken.bytesRewritten > 0 && taken.bytesRewritten < taken.bytes / 5,
                 qPrintable(
                     QStringLiteral("%1 of %2 bytes rewritten").arg(taken.bytesRewritten).arg(taken.bytes)));
        const qint64 shared = sharedBytes(taken.destination);
        QVERIFY2(shared >= taken.bytes * 3 / 4,
                 qPrintable(QStringLiteral("%1 of %2 bytes in shared extents").arg(shared).arg(taken.bytes)));
        QVERIFY(sharedBytes(firstPath) >= taken.bytes * 3 / 4);

        // The same bytes as the path without sharing publishes, of the same committed state.
        SnapshotOptions plain = options;
        const QString alone = freshFolder(m_tmp, QStringLiteral("plain")) + QStringLiteral("/alone.sqlite");
        auto reference = takeSnapshot(source, alone, plain);
        QVERIFY(reference);
        QVERIFY(reference->sharesStorageWith.isEmpty());
        QCOMPARE(sha256Of(taken.destination), sha256Of(alone));
        QCOMPARE(taken.sha256, reference->sha256);
        QCOMPARE(taken.integrity.value_or(QString()), QStringLiteral("ok"));
        QCOMPARE(queryText(taken.destination, QStringLiteral("PRAGMA journal_mode")),
                 QStringLiteral("delete"));
        QCOMPARE(header(taken.destination, 20).mid(18, 2), QByteArray("\x01\x01", 2));
        QCOMPARE(QFileInfo(taken.destination).permissions(), QFileInfo(source).permissions());
        // The first snapshot is untouched by the second's writes (copy-on-write).
        QCOMPARE(queryText(firstPath, QStringLiteral("PRAGMA integrity_check")), QStringLiteral("ok"));
        QCOMPARE(queryText(firstPath, QStringLiteral("SELECT count(*) FROM t")), QStringLiteral("1000"));
        QVERIFY(queryText(firstPath, QStringLiteral("SELECT hex(data) FROM t WHERE id = 7")) !=
                queryText(taken.destination, QStringLiteral("SELECT hex(data) FROM t WHERE id = 7")));
        // A smaller database than the previous snapshot: the clone is cut to its size.
        QVERIFY(exec(db, QStringLiteral("DELETE FROM t WHERE id > 500; VACUUM")));
        auto third = snapshotInto(source, history, options, false);
        QVERIFY(third && third->snapshot);
        QCOMPARE(third->snapshot->sharesStorageWith, taken.destination);
        QVERIFY(third->snapshot->bytes < taken.bytes * 2 / 3);
        QVERIFY(QFile::remove(alone));
        QVERIFY(takeSnapshot(source, alone, plain));
        QCOMPARE(sha256Of(third->snapshot->destination), sha256Of(alone));
        QCOMPARE(leftovers(history), QStringList());
        sqlite3_close(db);
    }

    // ext4 or tmpfs (where the system's temporary folder is): FICLONE fails, the snapshot is the
    // ordinary one.
    void fallsBackWithoutReflinks() {
        const QString dir = freshFolder(m_tmp, QStringLiteral("plainfs"));
        const QString source = dir + QStringLiteral("/app.db");
        const QString history = dir + QStringLiteral("/history");
        QVERIFY(QDir().mkpath(history));
        sqlite3* db = makeSource(source, QStringLiteral("wal"));
        QVERIFY(db);
        // Where the system's folder happens to be XFS or btrfs, the clone would succeed: say so.
        QProcess probe;
        probe.start(QStringLiteral("stat"),
                    {QStringLiteral("-f"), QStringLiteral("-c"), QStringLiteral("%T"), dir});
        probe.waitForFinished();
        const QString type = QString::fromLatin1(probe.readAllStandardOutput()).trimmed();
        if (type == QStringLiteral("xfs") || type == QStringLiteral("btrfs"))
            QSKIP(qPrintable(QStringLiteral("the temporary folder is on %1, which has reflinks").arg(type)));
        SnapshotOptions options;
        options.verify = true;
        QString firstPath;
        const auto second = twoSnapshots(db, source, history, options, &firstPath);
        QVERIFY(second);
        QVERIFY(second->snapshot->sharesStorageWith.isEmpty());
        QCOMPARE(second->snapshot->bytesRewritten, 0);
        QCOMPARE(second->snapshot->integrity.value_or(QString()), QStringLiteral("ok"));
        const QString alone = dir + QStringLiteral("/alone.sqlite");
        QVERIFY(takeSnapshot(source, alone, options));
        QCOMPARE(sha256Of(second->snapshot->destination), sha256Of(alone));
        QCOMPARE(leftovers(history), QStringList());
        sqlite3_close(db);
    }

    // A cancel while the clone is rewritten: Cancelled, no new file, no temporary, the first snapshot
    // as it was. A write that fails there (a full disk) only costs the sharing: the snapshot is taken.
    void cancelOrWriteFailureMidway_data() {
        QTest::addColumn<bool>("cancel");
        QTest::newRow("cancel") << true;
        QTest::newRow("write fails") << false;
    }
    void cancelOrWriteFailureMidway() {
        QFETCH(bool, cancel);
        if (!m_xfs->ok())
            QSKIP(qPrintable(m_xfs->reason()));
        const QString source = freshFolder(m_tmp, QStringLiteral("src")) + QStringLiteral("/app.db");
        const QString history = m_xfs->directory() + QStringLiteral("/") + freshName();
        QVERIFY(QDir().mkpath(history));
        sqlite3* db = makeSource(source, QStringLiteral("delete"));
        QVERIFY(db);
        auto first = snapshotInto(source, history, {}, false);
        QVERIFY(first && first->snapshot);
        const QByteArray firstSha = sha256Of(first->snapshot->destination);
        QVERIFY(exec(db, QStringLiteral("UPDATE t SET data = randomblob(4000) WHERE id % 10 = 3")));
        CancelFlag flag;
        io::faults::Fault fault;
        fault.call = io::faults::Call::Write;
        fault.pathContains = QStringLiteral("/shared.db");
        fault.skip = 1; // the clone is partly rewritten already
        if (cancel)
            fault.action = [&] { flag.cancel(); };
        else
            fault.error = ENOSPC;
        io::faults::inject(fault);
        auto second = snapshotInto(source, history, {}, false, &flag);
        QCOMPARE(io::faults::injectedCount(), 1);
        io::faults::clear();
        if (cancel) {
            QVERIFY(!second);
            QCOMPARE(second.error().kind, ErrorKind::Cancelled);
            QCOMPARE(HistoryFolder::open(history)->entries().size(), 1);
        } else {
            QVERIFY2(second, qPrintable(second ? QString() : second.error().message));
            QVERIFY(second->snapshot->sharesStorageWith.isEmpty());
            const QString alone =
                freshFolder(m_tmp, QStringLiteral("plain")) + QStringLiteral("/alone.sqlite");
            QVERIFY(takeSnapshot(source, alone, {}));
            QCOMPARE(sha256Of(second->snapshot->destination), sha256Of(alone));
        }
        QCOMPARE(sha256Of(first->snapshot->destination), firstSha);
        QCOMPARE(leftovers(history), QStringList());
        sqlite3_close(db);
    }

    // A process killed while it rewrites the clone leaves its locked staging folder (the staged copy and
    // shared.db in it): the next run in the folder proves it abandoned and removes it.
    void crashMidwayIsSweptByTheNextRun() {
        if (!m_xfs->ok())
            QSKIP(qPrintable(m_xfs->reason()));
        const QString source = freshFolder(m_tmp, QStringLiteral("src")) + QStringLiteral("/app.db");
        const QString history = m_xfs->directory() + QStringLiteral("/") + freshName();
        QVERIFY(QDir().mkpath(history));
        sqlite3* db = makeSource(source, QStringLiteral("delete"));
        QVERIFY(db);
        QVERIFY(snapshotInto(source, history, {}, false));
        QVERIFY(exec(db, QStringLiteral("UPDATE t SET data = randomblob(4000) WHERE id % 10 = 3")));
        const pid_t child = ::fork();
        QVERIFY(child >= 0);
        if (child == 0) { // killed by itself in the middle of the rewrite, as kill -9 or a power cut would
            io::faults::Fault fault;
            fault.call = io::faults::Call::Write;
            fault.pathContains = QStringLiteral("/shared.db");
            fault.skip = 1;
            fault.action = [] { ::raise(SIGKILL); };
            io::faults::inject(fault);
            (void)snapshotInto(source, history, {}, false);
            ::_exit(0);
        }
        int status = 0;
        QCOMPARE(::waitpid(child, &status, 0), child);
        QVERIFY(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
        const QStringList left = leftovers(history);
        QCOMPARE(left.size(), 1);
        QVERIFY(left[0].startsWith(QLatin1String(".sqlite-snapshot-")));
        QVERIFY(QFileInfo::exists(history + QLatin1Char('/') + left[0] + QStringLiteral("/shared.db")));
        auto next = snapshotInto(source, history, {}, false);
        QVERIFY(next && next->snapshot);
        QCOMPARE(leftovers(history), QStringList());
        QCOMPARE(queryText(next->snapshot->destination, QStringLiteral("PRAGMA integrity_check")),
                 QStringLiteral("ok"));
        sqlite3_close(db);
    }
};

QTEST_GUILESS_MAIN(TestHistorySpace)
#include "tst_historyspace.moc"
