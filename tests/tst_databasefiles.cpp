// Step 1: finding a database's files and reading their headers, without an SQLite connection.
#include "io/faults.h"
#include "testsupport.h"

#include <sqlitesnapshot/databasefiles.h>

#include <QFile>
#include <QTest>

using namespace sqlsnap;
using namespace testsupport;

class TestDatabaseFiles : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }

private slots:
    void walCompanionsFoundByExactName() {
        const QString db = path(QStringLiteral("hist[1].sqlite"));
        Helper holder({QStringLiteral("hold"), db, QStringLiteral("wal")});
        QVERIFY(holder.ready());
        QVERIFY(writeFile(path(QStringLiteral("hist[1].sqlite-backup")), "not a companion"));
        auto set = inspectDatabase(db);
        QVERIFY2(set.ok(), set.ok() ? "" : qPrintable(set.error().message));
        QCOMPARE(set->databasePath, db);
        QVERIFY(set->header.isWal());
        QCOMPARE(set->header.pageSize, 4096u);
        QVERIFY(set->find(FileKind::Wal));
        QVERIFY(set->wal && set->wal->validMagic);
        QVERIFY(!set->find(FileKind::Shm)); // exclusive locking keeps the index in memory
        QVERIFY(set->walWithoutShm());
        for (const FileEntry& f : set->files)
            QVERIFY(!f.path.endsWith(QStringLiteral("-backup")));
        QCOMPARE(set->lock, LockState::Exclusive);
        QCOMPARE(set->files.first().kind, FileKind::Database);
        QVERIFY(set->files.first().size > 0);
        QVERIFY(set->files.first().modified.isValid());
    }

    void companionPathMapsToDatabase_data() {
        QTest::addColumn<QString>("suffix");
        QTest::newRow("wal") << QStringLiteral("-wal");
        QTest::newRow("shm") << QStringLiteral("-shm");
        QTest::newRow("journal") << QStringLiteral("-journal");
    }
    void companionPathMapsToDatabase() {
        QFETCH(QString, suffix);
        const QString db = path(QStringLiteral("map.db"));
        QVERIFY(runDbtool({QStringLiteral("make"), db, QStringLiteral("rollback"), QStringLiteral("10")}));
        QVERIFY(writeFile(db + suffix, QByteArray(64, '\0')));
        QCOMPARE(databasePathFor(db + suffix), db);
        auto set = inspectDatabase(db + suffix);
        QVERIFY(set.ok());
        QCOMPARE(set->databasePath, db);
        QFile::remove(db + suffix);
    }

    void realDatabaseNamedLikeACompanionStaysItself() {
        const QString base = path(QStringLiteral("odd.db"));
        QVERIFY(runDbtool({QStringLiteral("make"), base, QStringLiteral("rollback"), QStringLiteral("1")}));
        QVERIFY(runDbtool({QStringLiteral("make"), base + QStringLiteral("-wal"), QStringLiteral("rollback"),
                           QStringLiteral("1")}));
        QCOMPARE(databasePathFor(base + QStringLiteral("-wal")), base + QStringLiteral("-wal"));
    }

    void headerFacts() {
        const QString db = path(QStringLiteral("facts.db"));
        QVERIFY(runDbtool({QStringLiteral("make"), db, QStringLiteral("rollback"), QStringLiteral("500")}));
        auto set = inspectDatabase(db);
        QVERIFY(set.ok());
        const DatabaseHeader& h = set->header;
        QVERIFY(!h.isWal());
        QCOMPARE(h.textEncoding, 1u);
        QVERIFY(h.pageCountValid);
        QCOMPARE(qint64(h.pageCount) * h.pageSize, set->files.first().size);
        QCOMPARE(set->lock, LockState::None);
    }

    void hotJournalAndSuperJournalName() {
        // A journal whose tail names a super-journal: header magic, then name, length, checksum, magic.
        const QString db = path(QStringLiteral("multi.db"));
        QVERIFY(runDbtool({QStringLiteral("make"), db, QStringLiteral("rollback"), QStringLiteral("1")}));
        const QByteArray magic = QByteArray::fromHex("d9d505f920a163d7");
        const QByteArray name = path(QStringLiteral("multi.db-mj0123")).toUtf8();
        QByteArray journal = magic + QByteArray(20, '\0');
        journal.resize(512, '\0');
        QByteArray tail(4, '\0');
        quint32 sum = 0;
        for (char c : name)
            sum += quint8(c);
        auto be = [](quint32 v) {
            QByteArray b(4, '\0');
            for (int i = 0; i < 4; ++i)
                b[i] = char(v >> (24 - 8 * i));
            return b;
        };
        journal += tail + name + be(quint32(name.size())) + be(sum) + magic;
        QVERIFY(writeFile(db + QStringLiteral("-journal"), journal));
        QVERIFY(writeFile(QString::fromUtf8(name), "super"));
        auto set = inspectDatabase(db);
        QVERIFY(set.ok());
        QVERIFY(set->hasHotJournal());
        QCOMPARE(set->superJournalPath, QString::fromUtf8(name));
        QVERIFY(set->superJournalExists);
        QVERIFY(set->find(FileKind::SuperJournal));
        QFile::remove(db + QStringLiteral("-journal"));
    }

    void badInput_data() {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("empty file");
        QTest::newRow("text") << QByteArray("hello, I am not a database\n")
                              << QStringLiteral("no SQLite header");
        QTest::newRow("short") << QByteArray("SQLite format 3\0\x10\0", 19) << QStringLiteral("shorter than");
        QByteArray badPage("SQLite format 3\0", 16);
        badPage += QByteArray::fromHex("0300") + QByteArray(82, '\x01');
        QTest::newRow("page size") << badPage << QStringLiteral("invalid page size");
    }
    void badInput() {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        const QString file = path(QStringLiteral("bad.db"));
        QVERIFY(writeFile(file, content));
        auto set = inspectDatabase(file);
        QVERIFY(!set.ok());
        QCOMPARE(set.error().kind, ErrorKind::NotADatabase);
        QVERIFY2(set.error().message.startsWith(QStringLiteral("not an SQLite database: ")),
                 qPrintable(set.error().message));
        QVERIFY2(set.error().message.contains(expected), qPrintable(set.error().message));
        QVERIFY(!set.error().message.contains(QLatin1Char('\n')));
    }

    void missingAndDirectory() {
        auto missing = inspectDatabase(path(QStringLiteral("nope.db")));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().kind, ErrorKind::SourceMissing);
        auto dir = inspectDatabase(m_dir.path());
        QVERIFY(!dir.ok());
        QCOMPARE(dir.error().kind, ErrorKind::NotADatabase);
        QVERIFY(dir.error().message.contains(QStringLiteral("directory")));
    }

    // The caller's cancellation stops the inspection: before it begins, and between its files.
    void cancelledTokenStopsTheInspection() {
        const QString db = path(QStringLiteral("cancel.db"));
        QVERIFY(runDbtool({QStringLiteral("make"), db, QStringLiteral("rollback"), QStringLiteral("10")}));
        QVERIFY(writeFile(db + QStringLiteral("-journal"), QByteArray(64, '\0')));
        CancelToken token;
        QVERIFY(inspectDatabase(db, token).ok());
        token.cancel();
        auto before = inspectDatabase(db, token);
        QVERIFY(!before.ok());
        QCOMPARE(before.error().kind, ErrorKind::Cancelled);

        // Cancelled while the database itself is opened: the companions are never read.
        CancelToken during;
        io::faults::inject({io::faults::Call::OpenRead, QStringLiteral("/cancel.db"), 0, 1, 0, 0,
                            [during] { during.cancel(); }});
        auto between = inspectDatabase(db, during);
        const int opened = io::faults::injectedCount();
        io::faults::clear();
        QCOMPARE(opened, 1);
        QVERIFY(!between.ok());
        QCOMPARE(between.error().kind, ErrorKind::Cancelled);
        QCOMPARE(between.error().message, QStringLiteral("cancelled"));
    }
};

QTEST_GUILESS_MAIN(TestDatabaseFiles)
#include "tst_databasefiles.moc"
