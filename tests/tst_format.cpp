// The app's wording of numbers and times: one duration format everywhere, and a copy's attempt shown
// only once a retry happens.
#include <common/format.h>
#include <window/translations.h>

#include <QTest>

using namespace sqlsnap;
using namespace sqlsnap::ui;

class TestFormat : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { installTranslations(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void oneDurationFormat_data() {
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QString>("text");
        QTest::newRow("under a second") << qint64(277) << "277 ms";
        QTest::newRow("seconds, one decimal") << qint64(4249) << "4.2 s";
        QTest::newRow("just under a minute") << qint64(59949) << "59.9 s";
        QTest::newRow("a minute, rounded") << qint64(59999) << "1 min 00 s";
        QTest::newRow("minutes") << qint64(125000) << "2 min 05 s";
        QTest::newRow("hours") << qint64(3840000) << "1 h 04 min";
    }
    void oneDurationFormat() {
        QFETCH(qint64, ms);
        QFETCH(QString, text);
        QCOMPARE(durationText(ms), text);
    }

    void theAttemptIsShownOnlyOnceARetryHappens() {
        Progress p;
        p.phase = Phase::Copying;
        p.maxAttempts = 101;
        p.attempt = 1;
        QCOMPARE(phaseText(p), QStringLiteral("Copying"));
        p.attempt = 2;
        QCOMPARE(phaseText(p), QStringLiteral("Copying again (attempt 2 of 101)"));
    }
};

QTEST_MAIN(TestFormat)
#include "tst_format.moc"
