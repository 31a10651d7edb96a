// The value viewer (ui/preview/valueviewer.h), the real widget on the offscreen platform: the header and
// views of each storage class, JSON, the hex dump, images decoded in the background (and stale decodes
// dropped), Copy, Save, and the readings of an INTEGER as a time.
#include <common/executor.h>
#include <common/format.h>
#include <preview/hexdump.h>
#include <preview/imagepreview.h>
#include <preview/valueformat.h>
#include <preview/valueviewer.h>
#include <window/translations.h>

#include <QApplication>
#include <QBuffer>
#include <QClipboard>
#include <QElapsedTimer>
#include <QFontDatabase>
#include <QJsonDocument>
#include <QLabel>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace sqlsnap::ui;
using View = ValueViewer::View;

namespace {
QByteArray png(const QImage& image) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

// Noise does not compress: a big PNG that takes a while to decode.
QImage noise(int width, int height, QImage::Format format = QImage::Format_RGB32) {
    QImage image(width, height, format);
    QRandomGenerator random(42);
    for (int y = 0; y < height; ++y)
        random.fillRange(reinterpret_cast<quint32*>(image.scanLine(y)), image.bytesPerLine() / 4);
    return image;
}

QByteArray counting(int n) {
    QByteArray bytes(n, Qt::Uninitialized);
    for (int i = 0; i < n; ++i)
        bytes[i] = char(i);
    return bytes;
}

template <class T> T* part(const ValueViewer& viewer, const char* name) {
    T* widget = viewer.findChild<T*>(QString::fromLatin1(name));
    if (!widget)
        qFatal("no %s in the viewer", name);
    return widget;
}

QString scalarText(const ValueViewer& viewer) {
    return part<QLabel>(viewer, "valueScalar")->text();
}

QString detailsText(const ValueViewer& viewer) {
    return part<QLabel>(viewer, "valueDetails")->text();
}

// Every background task of the viewer has ended and its answer (if any) has been delivered.
void waitUntilIdle(const ValueViewer& viewer) {
    QTRY_VERIFY_WITH_TIMEOUT(!viewer.isBusy(), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(Executor::instance().activeCount(Lane::Interactive), 0, 20000);
    QTest::qWait(50); // an answer still queued arrives meanwhile
}

// Something to recognise in a screenshot: a gradient, a circle, transparency at the corners.
QImage sampleImage() {
    QImage image(640, 400, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    QLinearGradient gradient(0, 0, 640, 400);
    gradient.setColorAt(0, QColor(0x1f, 0x77, 0xb4));
    gradient.setColorAt(1, QColor(0xff, 0x7f, 0x0e));
    painter.setBrush(gradient);
    painter.setPen(Qt::NoPen);
    painter.drawRoundedRect(QRectF(0, 0, 640, 400), 60, 60);
    painter.setBrush(QColor(255, 255, 255, 200));
    painter.drawEllipse(QPointF(320, 200), 120, 120);
    return image;
}

QPalette darkPalette() {
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
    p.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
    p.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
    p.setColor(QPalette::ButtonText, QColor(0xee, 0xee, 0xee));
    p.setColor(QPalette::Button, QColor(0x3a, 0x3a, 0x3a));
    p.setColor(QPalette::Highlight, QColor(0x2a, 0x82, 0xda));
    return p;
}
} // namespace

class TestValueViewer : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        installTranslations(QLocale(QLocale::English, QLocale::UnitedStates)); // as main() does: "1 byte"
    }

    void storageClasses_data() {
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<QString>("summary");
        QTest::addColumn<QList<View>>("views");
        QTest::addColumn<QString>("shown"); // the scalar's text, or the text view's
        QTest::newRow("NULL") << QVariant() << QStringLiteral("NULL") << QList<View>{View::Scalar}
                              << QStringLiteral("NULL");
        QTest::newRow("INTEGER") << QVariant(qint64(-42)) << QStringLiteral("INTEGER")
                                 << QList<View>{View::Scalar} << QStringLiteral("-42");
        QTest::newRow("REAL whole") << QVariant(3.0) << QStringLiteral("REAL") << QList<View>{View::Scalar}
                                    << QStringLiteral("3.0");
        QTest::newRow("REAL 17 digits") << QVariant(0.1) << QStringLiteral("REAL")
                                        << QList<View>{View::Scalar} << QStringLiteral("0.10000000000000001");
        QTest::newRow("TEXT") << QVariant(QStringLiteral("h\u00e9llo \U0001F600"))
                              << QStringLiteral("TEXT · 7 characters · 11 bytes in UTF-8")
                              << QList<View>{View::Text} << QStringLiteral("h\u00e9llo \U0001F600");
        QTest::newRow("empty TEXT") << QVariant(QString(QLatin1String("")))
                                    << QStringLiteral("TEXT · 0 characters · 0 bytes in UTF-8")
                                    << QList<View>{View::Scalar} << QStringLiteral("empty text");
        QTest::newRow("null QString is TEXT")
            << QVariant(QString()) << QStringLiteral("TEXT · 0 characters · 0 bytes in UTF-8")
            << QList<View>{View::Scalar} << QStringLiteral("empty text");
        QTest::newRow("BLOB") << QVariant(counting(40)) << QStringLiteral("BLOB · 40 bytes")
                              << QList<View>{View::Hex} << QString();
        QTest::newRow("empty BLOB") << QVariant(QByteArray()) << QStringLiteral("BLOB · 0 bytes")
                                    << QList<View>{View::Scalar} << QStringLiteral("empty blob");
        QTest::newRow("BLOB of UTF-8 text")
            << QVariant(QByteArrayLiteral("plain words\n")) << QStringLiteral("BLOB · 12 bytes")
            << QList<View>{View::Hex, View::Text} << QString();
    }
    void storageClasses() {
        QFETCH(QVariant, value);
        QFETCH(QString, summary);
        QFETCH(QList<View>, views);
        QFETCH(QString, shown);
        ValueViewer viewer;
        viewer.showValue(value, QStringLiteral("payload"), QStringLiteral("ANY"));
        QCOMPARE(viewer.summaryText(), summary);
        QCOMPARE(part<QLabel>(viewer, "valueSummary")->text(), summary);
        QCOMPARE(part<QLabel>(viewer, "valueDeclaredType")->text(), QStringLiteral("declared ANY"));
        QCOMPARE(viewer.views(), views);
        QCOMPARE(viewer.currentView(), views.first());
        QCOMPARE(part<QTabBar>(viewer, "valueViews")->count(), views.size());
        if (viewer.currentView() == View::Scalar)
            QCOMPARE(scalarText(viewer), shown);
        if (viewer.currentView() == View::Text)
            QCOMPARE(part<QPlainTextEdit>(viewer, "valueText")->toPlainText(), shown);
        const bool null = !value.isValid();
        QCOMPARE(part<QPushButton>(viewer, "valueCopy")->isEnabled(), !null);
        QCOMPARE(part<QPushButton>(viewer, "valueSave")->isEnabled(), !null);
    }

    void nullIsNotEmptyText() {
        ValueViewer viewer;
        viewer.showValue(QVariant(), QStringLiteral("a"));
        const QString null = scalarText(viewer);
        viewer.showValue(QString(QLatin1String("")), QStringLiteral("a"));
        QCOMPARE(null, QStringLiteral("NULL"));
        QCOMPARE(scalarText(viewer), QStringLiteral("empty text"));
        QCOMPARE(viewer.summaryText(), QStringLiteral("TEXT · 0 characters · 0 bytes in UTF-8"));
    }

    void clearShowsNothing() {
        ValueViewer viewer;
        viewer.showValue(QStringLiteral("x"), QStringLiteral("a"));
        viewer.clear();
        QCOMPARE(viewer.currentView(), View::None);
        QVERIFY(viewer.views().isEmpty());
        QVERIFY(viewer.summaryText().isEmpty());
        QVERIFY(!part<QPushButton>(viewer, "valueCopy")->isEnabled());
        QVERIFY(!part<QPushButton>(viewer, "valueSave")->isEnabled());
    }

    void jsonIsPrettyByDefaultRawOneClickAway() {
        ValueViewer viewer;
        viewer.show();
        const QString raw = QStringLiteral(
            "{\"b\":1,  \"a\":[1,2,{}],\"big\":12345678901234567890,\"s\":\"x,{\\\"y\\\":[]}\"}");
        viewer.showValue(raw, QStringLiteral("doc"));
        QCOMPARE(viewer.views(), (QList<View>{View::Json, View::Text}));
        QCOMPARE(viewer.currentView(), View::Json);
        const QString pretty = part<QPlainTextEdit>(viewer, "valueJson")->toPlainText();
        // The value's own text re-indented: key order, the big integer's digits and the string kept.
        QCOMPARE(pretty, QStringLiteral("{\n"
                                        "    \"b\": 1,\n"
                                        "    \"a\": [\n"
                                        "        1,\n"
                                        "        2,\n"
                                        "        {}\n"
                                        "    ],\n"
                                        "    \"big\": 12345678901234567890,\n"
                                        "    \"s\": \"x,{\\\"y\\\":[]}\"\n"
                                        "}"));
        // One click on the tab bar's "Text" tab: the raw text, as stored.
        auto* tabs = part<QTabBar>(viewer, "valueViews");
        QCOMPARE(tabs->tabText(1), QStringLiteral("Text"));
        QTest::mouseClick(tabs, Qt::LeftButton, {}, tabs->tabRect(1).center());
        QCOMPARE(viewer.currentView(), View::Text);
        QCOMPARE(part<QPlainTextEdit>(viewer, "valueText")->toPlainText(), raw);
    }

    void jsonIndentedAsQJsonDocumentDoes() {
        // Where QJsonDocument loses nothing (sorted keys, small numbers), the two print alike.
        const QByteArray json = R"({"a": [1, 2.5, {"b": null, "c": true}], "d": "é", "e": {"f": []}})";
        const auto pretty = value::prettyJson(json);
        QVERIFY(pretty);
        const QString qt = QString::fromUtf8(QJsonDocument::fromJson(json).toJson(QJsonDocument::Indented));
        QCOMPARE(*pretty, qt.trimmed().replace(QStringLiteral("[\n        ]"), QStringLiteral("[]")));
        QVERIFY(!value::prettyJson("42"));
        QVERIFY(!value::prettyJson("{\"a\": }"));
        QVERIFY(!value::prettyJson("[1, 2] trailing"));
    }

    void hexRowsOfA40ByteBlob() {
        HexDumpModel model;
        model.setBytes(counting(40));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.rowText(0),
                 QStringLiteral("0000  00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f  ................"));
        QCOMPARE(model.rowText(2), QStringLiteral("0020  20 21 22 23 24 25 26 27") +
                                       QString(25, QLatin1Char(' ')) + QStringLiteral("   !\"#$%&'"));
        QCOMPARE(model.data(model.index(2), Qt::DisplayRole).toString(), model.rowText(2));
        model.setBytesPerRow(8);
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.rowText(4), QStringLiteral("0020  20 21 22 23 24 25 26 27   !\"#$%&'"));

        // The viewer's own hex view shows the same rows.
        ValueViewer viewer;
        viewer.resize(800, 400); // wide enough for 16 bytes a row
        viewer.show();
        viewer.showValue(counting(40), QStringLiteral("b"));
        QVERIFY(QTest::qWaitForWindowExposed(&viewer));
        auto* view = part<HexDumpView>(viewer, "valueHex");
        QCOMPARE(view->model()->rowCount(), 3);
        QCOMPARE(view->model()->index(0, 0).data().toString(),
                 QStringLiteral("0000  00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f  ................"));
    }

    void hexOf16MiBIsLazy() {
        const QByteArray big(16 << 20, '\x5a');
        HexDumpModel model;
        model.setBytes(big);
        QCOMPARE(model.rowCount(), 1 << 20);
        QCOMPARE(
            model.rowText((1 << 20) - 1),
            QStringLiteral("fffff0  5a 5a 5a 5a 5a 5a 5a 5a  5a 5a 5a 5a 5a 5a 5a 5a  ZZZZZZZZZZZZZZZZ"));
        // In the viewer at a side panel's width: 8 bytes a row, shown at once (the bench measures the
        // stall; here only that nothing builds all 2 M rows: that would take seconds).
        ValueViewer viewer;
        viewer.resize(320, 500);
        viewer.show();
        QVERIFY(QTest::qWaitForWindowExposed(&viewer));
        QElapsedTimer clock;
        clock.start();
        viewer.showValue(big, QStringLiteral("b"));
        QCoreApplication::processEvents();
        QVERIFY2(clock.elapsed() < 1000, qPrintable(QString::number(clock.elapsed())));
        auto* view = part<HexDumpView>(viewer, "valueHex");
        QCOMPARE(view->model()->rowCount(), 2 << 20);
        QCOMPARE(view->model()->index(0, 0).data().toString(),
                 QStringLiteral("000000  5a 5a 5a 5a 5a 5a 5a 5a  ZZZZZZZZ"));
        QCOMPARE(viewer.summaryText(),
                 QStringLiteral("BLOB · %1 bytes (%2)").arg(groupedNumber(16 << 20), humanSize(16 << 20)));
        waitUntilIdle(viewer);
    }

    void imageDecodedInTheBackground() {
        QImage image(7, 5, QImage::Format_ARGB32);
        image.fill(QColor(200, 30, 30, 128));
        ValueViewer viewer;
        viewer.resize(320, 500);
        viewer.show();
        viewer.showValue(png(image), QStringLiteral("icon"));
        QCOMPARE(viewer.views(), (QList<View>{View::Hex, View::Image}));
        QCOMPARE(viewer.currentView(), View::Image);
        auto* view = part<ImageView>(viewer, "valueImage");
        QTRY_VERIFY(view->hasImage());
        QCOMPARE(view->originalSize(), QSize(7, 5));
        QCOMPARE(part<QLabel>(viewer, "valueImageInfo")->text(), QStringLiteral("7 × 5 pixels · PNG"));
        QCOMPARE(view->image().pixelColor(3, 2), image.pixelColor(3, 2));
        QVERIFY(!viewer.isBusy());
    }

    void notAnImageAfterAll() {
        ValueViewer viewer;
        viewer.showValue(QByteArray("\x89PNG\r\n\x1a\n", 8) + QByteArray(100, '\x01'), QStringLiteral("b"));
        QCOMPARE(viewer.currentView(), View::Image);
        QTRY_COMPARE(viewer.views(), QList<View>{View::Hex});
        QCOMPARE(viewer.currentView(), View::Hex);
        QVERIFY(part<QLabel>(viewer, "valueNote")->text().contains(QStringLiteral("could not be read")));
    }

    void staleDecodeNeverShows() {
        const QByteArray big = png(noise(1800, 1800)); // ~13 MB: a decode of a good part of a second
        const QByteArray small = png(QImage(3, 2, QImage::Format_RGB32));
        ValueViewer viewer;
        viewer.resize(320, 500);
        viewer.show();
        // Another image: only its picture shows, also after the first decode ends.
        viewer.showValue(big, QStringLiteral("first"));
        viewer.showValue(small, QStringLiteral("second"));
        auto* view = part<ImageView>(viewer, "valueImage");
        QTRY_VERIFY(view->hasImage());
        waitUntilIdle(viewer);
        QCOMPARE(view->originalSize(), QSize(3, 2));
        QCOMPARE(part<QLabel>(viewer, "valueImageInfo")->text(), QStringLiteral("3 × 2 pixels · PNG"));
        QCOMPARE(viewer.column(), QStringLiteral("second"));
        // Text instead: no picture comes back.
        viewer.showValue(big, QStringLiteral("first"));
        viewer.showValue(QStringLiteral("now text"), QStringLiteral("third"));
        waitUntilIdle(viewer);
        QCOMPARE(viewer.currentView(), View::Text);
        QCOMPARE(viewer.views(), QList<View>{View::Text});
        QVERIFY(!view->hasImage());
        QCOMPARE(part<QPlainTextEdit>(viewer, "valueText")->toPlainText(), QStringLiteral("now text"));
    }

    void copy_data() {
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("text") << QVariant(QStringLiteral("a\tb\n\"c\"")) << QStringLiteral("a\tb\n\"c\"");
        QTest::newRow("blob") << QVariant(QByteArray("\x00\xff\x10", 3)) << QStringLiteral("00ff10");
        QTest::newRow("integer") << QVariant(qint64(1700000000000000)) << QStringLiteral("1700000000000000");
        QTest::newRow("real") << QVariant(0.1) << QStringLiteral("0.10000000000000001");
        const QByteArray big = counting(3 << 20); // over 1 MiB: converted in the background
        QTest::newRow("big blob") << QVariant(big) << QString::fromLatin1(big.toHex());
    }
    void copy() {
        QFETCH(QVariant, value);
        QFETCH(QString, expected);
        QApplication::clipboard()->setText(QStringLiteral("before"));
        ValueViewer viewer;
        viewer.showValue(value, QStringLiteral("c"));
        QSignalSpy copied(&viewer, &ValueViewer::copied);
        QTest::mouseClick(part<QPushButton>(viewer, "valueCopy"), Qt::LeftButton);
        QTRY_COMPARE(copied.count(), 1);
        QCOMPARE(QApplication::clipboard()->text(), expected);
    }

    void saveWritesTheExactBytes_data() {
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<QByteArray>("expected");
        const QString text = QStringLiteral("caf\u00e9\nline two \U0001F600");
        QTest::newRow("text") << QVariant(text) << text.toUtf8();
        QByteArray random(1 << 20, Qt::Uninitialized);
        QRandomGenerator(7).fillRange(reinterpret_cast<quint32*>(random.data()), random.size() / 4);
        QTest::newRow("blob") << QVariant(random) << random;
        QTest::newRow("real") << QVariant(2.5) << QByteArray("2.5");
    }
    void saveWritesTheExactBytes() {
        QFETCH(QVariant, value);
        QFETCH(QByteArray, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("value.bin"));
        ValueViewer viewer;
        viewer.showValue(value, QStringLiteral("v"));
        QSignalSpy finished(&viewer, &ValueViewer::saveFinished);
        viewer.saveToFile(path);
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finished.first().at(0).toString(), path);
        QCOMPARE(finished.first().at(1).toString(), QString());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), expected);
        QVERIFY(part<QLabel>(viewer, "valueStatus")->text().startsWith(QStringLiteral("Saved ")));
    }

    void saveReportsAFailure() {
        ValueViewer viewer;
        viewer.showValue(QStringLiteral("x"), QStringLiteral("v"));
        QSignalSpy finished(&viewer, &ValueViewer::saveFinished);
        viewer.saveToFile(QStringLiteral("/nonexistent-folder/value.txt"));
        QTRY_COMPARE(finished.count(), 1);
        QVERIFY(!finished.first().at(1).toString().isEmpty());
        QVERIFY(part<QLabel>(viewer, "valueStatus")->text().startsWith(QStringLiteral("Could not save")));
    }

    void timeReadings_data() {
        QTest::addColumn<qint64>("n");
        QTest::addColumn<QString>("iso");     // empty: no reading
        QTest::addColumn<QString>("meaning"); // a word of the interpretation
        QTest::newRow("PRTime") << qint64(1700000000000000) << QStringLiteral("2023-11-14T22:13:20Z")
                                << QStringLiteral("microseconds, as Firefox’s PRTime");
        QTest::newRow("seconds") << qint64(1700000000) << QStringLiteral("2023-11-14T22:13:20Z")
                                 << QStringLiteral("Unix time in seconds");
        QTest::newRow("milliseconds") << qint64(1700000000123) << QStringLiteral("2023-11-14T22:13:20.123Z")
                                      << QStringLiteral("milliseconds");
        QTest::newRow("WebKit") << qint64(13344473600000001) << QStringLiteral("2023-11-14T22:13:20.000001Z")
                                << QStringLiteral("WebKit/Chrome");
        QTest::newRow("small") << qint64(42) << QString() << QString();
        QTest::newRow("negative") << qint64(-1700000000) << QString() << QString();
        QTest::newRow("before 1990") << qint64(631151999) << QString() << QString();
        QTest::newRow("1990") << qint64(631152000) << QStringLiteral("1990-01-01T00:00:00Z")
                              << QStringLiteral("seconds");
        QTest::newRow("max") << std::numeric_limits<qint64>::max() << QString() << QString();
        QTest::newRow("min") << std::numeric_limits<qint64>::min() << QString() << QString();
    }
    void timeReadings() {
        QFETCH(qint64, n);
        QFETCH(QString, iso);
        QFETCH(QString, meaning);
        const QList<value::TimeReading> readings = value::timeReadings(n);
        ValueViewer viewer;
        viewer.showValue(n, QStringLiteral("visit_date"));
        if (iso.isEmpty()) {
            QVERIFY(readings.isEmpty());
            QVERIFY(!detailsText(viewer).contains(QStringLiteral("as a time")));
            return;
        }
        QCOMPARE(readings.size(), 1);
        QCOMPARE(readings.first().iso, iso);
        QVERIFY2(readings.first().meaning.contains(meaning), qPrintable(readings.first().meaning));
        QVERIFY2(detailsText(viewer).contains(QStringLiteral("as a time: ") + iso),
                 qPrintable(detailsText(viewer)));
    }

    void bigTextIsReadInTheBackground() {
        // A JSON array of 30,000 numbers (~190 KB): over the inline limit.
        QStringList numbers;
        for (int i = 0; i < 30000; ++i)
            numbers << QString::number(i * 7);
        const QString json = QLatin1Char('[') + numbers.join(QLatin1Char(',')) + QLatin1Char(']');
        ValueViewer viewer;
        viewer.showValue(json, QStringLiteral("doc"));
        QCOMPARE(scalarText(viewer), QStringLiteral("Reading the value…"));
        QCOMPARE(viewer.summaryText(), QStringLiteral("TEXT · …"));
        QTRY_COMPARE(viewer.currentView(), View::Json);
        QCOMPARE(viewer.summaryText(),
                 QStringLiteral("TEXT · %1 characters · %1 bytes in UTF-8").arg(groupedNumber(json.size())));
        QVERIFY(part<QPlainTextEdit>(viewer, "valueJson")
                    ->toPlainText()
                    .startsWith(QStringLiteral("[\n    0,\n    7,\n")));
        // The raw text is one line of ~190,000 characters: the view shows its first 32 Ki, and says so.
        viewer.setCurrentView(View::Text);
        QCOMPARE(part<QPlainTextEdit>(viewer, "valueText")->toPlainText().size(), value::kShownLineChars);
        QVERIFY(part<QLabel>(viewer, "valueNote")->isVisibleTo(&viewer));
        QVERIFY(part<QLabel>(viewer, "valueNote")->text().contains(groupedNumber(json.size())));
    }

    void shownLengthKeepsTheGuiThreadShort() {
        using value::shownLength;
        QCOMPARE(shownLength(QStringLiteral("abc\ndef"), 100, 100, 100), 7);
        QCOMPARE(shownLength(QStringLiteral("abcdef"), 4, 100, 100), 4);
        QCOMPARE(shownLength(QStringLiteral("a\nb\nc\nd"), 100, 2, 100), 3);   // "a\nb"
        QCOMPARE(shownLength(QStringLiteral("ab\nabcdef"), 100, 100, 3), 6);   // a line cut at 3
        QCOMPARE(shownLength(QStringLiteral("a\U0001F600b"), 2, 100, 100), 1); // not half an emoji
    }

    void blobTextAndJsonViews() {
        ValueViewer viewer;
        viewer.showValue(QByteArray(R"({"k": [true]})"), QStringLiteral("b"));
        QCOMPARE(viewer.views(), (QList<View>{View::Hex, View::Text, View::Json}));
        QCOMPARE(viewer.currentView(), View::Hex);
        QVERIFY(!value::isUtf8Text(QByteArray(16, '\0')));
        QVERIFY(!value::isUtf8Text(QByteArray("\xff\xfe")));
        QVERIFY(value::isUtf8Text(QByteArray("tab\tand \xc3\xa9")));
    }

    void monospaceAndAccessibleNames() {
        ValueViewer viewer;
        viewer.showValue(QStringLiteral("some words"), QStringLiteral("t"));
        auto* text = part<QPlainTextEdit>(viewer, "valueText");
        auto* monospace = part<QToolButton>(viewer, "valueMonospace");
        QVERIFY(!monospace->isHidden());
        // (fontconfig calls Noto Sans Mono not fixed-pitch: the family tells.)
        const QString fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont).family();
        QCOMPARE_NE(text->font().family(), fixed);
        monospace->click();
        QCOMPARE(text->font().family(), fixed);
        monospace->click();
        QCOMPARE_NE(text->font().family(), fixed);
        viewer.showValue(qint64(1), QStringLiteral("n"));
        QVERIFY(monospace->isHidden()); // only for the Text view
        for (const char* name :
             {"valueText", "valueJson", "valueHex", "valueImage", "valueScalar", "valueViews"})
            QVERIFY2(!viewer.findChild<QWidget*>(QString::fromLatin1(name))->accessibleName().isEmpty(),
                     name);
    }

    // With SQLSNAP_SCREENSHOT_DIR set, writes what the panel looks like at 320×500 there.
    void screenshots() {
        const QString dir = qEnvironmentVariable("SQLSNAP_SCREENSHOT_DIR");
        const QByteArray picture = png(sampleImage());
        const QPalette original = QApplication::palette();
        const auto restore = qScopeGuard([&] { QApplication::setPalette(original); });
        for (const bool dark : {false, true}) {
            // A dark theme is the application's palette: the tones are worked out from it.
            QApplication::setPalette(dark ? darkPalette() : original);
            ValueViewer viewer;
            viewer.resize(320, 500);
            viewer.show();
            QVERIFY(QTest::qWaitForWindowExposed(&viewer));
            const QString suffix = dark ? QStringLiteral("-dark") : QString();
            viewer.showValue(
                QStringLiteral(
                    R"({"id":1700000000000000,"title":"Example Domain","tags":["a","b"],"visits":{"count":3,"last":null}})"),
                QStringLiteral("meta_json"), QStringLiteral("TEXT"));
            QCoreApplication::processEvents(); // the layout, as the event loop would
            QImage shot = viewer.grab().toImage();
            QVERIFY(!shot.isNull());
            if (!dir.isEmpty())
                QVERIFY(shot.save(dir + QStringLiteral("/valueviewer-json%1.png").arg(suffix)));
            viewer.showValue(picture, QStringLiteral("favicon"), QStringLiteral("BLOB"));
            QTRY_VERIFY(part<ImageView>(viewer, "valueImage")->hasImage());
            QCoreApplication::processEvents();
            shot = viewer.grab().toImage();
            if (!dir.isEmpty())
                QVERIFY(shot.save(dir + QStringLiteral("/valueviewer-image%1.png").arg(suffix)));
            viewer.showValue(qint64(13344473600000000), QStringLiteral("last_visit_time"),
                             QStringLiteral("INTEGER"));
            QCoreApplication::processEvents();
            shot = viewer.grab().toImage();
            if (!dir.isEmpty())
                QVERIFY(shot.save(dir + QStringLiteral("/valueviewer-integer%1.png").arg(suffix)));
            viewer.showValue(counting(300), QStringLiteral("data"), QStringLiteral("BLOB"));
            QCoreApplication::processEvents();
            shot = viewer.grab().toImage();
            if (!dir.isEmpty())
                QVERIFY(shot.save(dir + QStringLiteral("/valueviewer-hex%1.png").arg(suffix)));
            // The narrowest side panel: 250 px.
            viewer.resize(250, 500);
            QCoreApplication::processEvents();
            QCoreApplication::processEvents();
            shot = viewer.grab().toImage();
            if (!dir.isEmpty())
                QVERIFY(shot.save(dir + QStringLiteral("/valueviewer-hex-250%1.png").arg(suffix)));
            viewer.showValue(QStringLiteral("A long line of plain text, as a note or a URL would be: "
                                            "https://example.org/a/rather/long/path?with=query&and=more"),
                             QStringLiteral("note"), QStringLiteral("TEXT"));
            QCoreApplication::processEvents();
            shot = viewer.grab().toImage();
            if (!dir.isEmpty())
                QVERIFY(shot.save(dir + QStringLiteral("/valueviewer-text-250%1.png").arg(suffix)));
        }
    }
};

QTEST_MAIN(TestValueViewer)
#include "tst_valueviewer.moc"
