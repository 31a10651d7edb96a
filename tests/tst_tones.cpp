// The tone table (ui/common/tones.h): every tone readable on the palette's backgrounds, light or dark.
#include <common/tones.h>
#include <window/banner.h>

#include <QApplication>
#include <QLabel>
#include <QTest>

using namespace sqlsnap::ui;

namespace {
QPalette darkPalette() {
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    p.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
    p.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
    p.setColor(QPalette::Highlight, QColor(0x2a, 0x82, 0xda));
    return p;
}

QPalette lightPalette() {
    QPalette p;
    p.setColor(QPalette::Window, QColor(0xef, 0xef, 0xef));
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::WindowText, Qt::black);
    p.setColor(QPalette::Text, Qt::black);
    p.setColor(QPalette::Highlight, QColor(0x30, 0x8c, 0xc6));
    return p;
}
} // namespace

class TestTones : public QObject {
    Q_OBJECT
private slots:
    void tonesAreReadable_data() {
        QTest::addColumn<QPalette>("palette");
        QTest::newRow("dark") << darkPalette();
        QTest::newRow("light") << lightPalette();
        QPalette black = darkPalette();
        black.setColor(QPalette::Base, Qt::black);
        black.setColor(QPalette::Window, Qt::black);
        QTest::newRow("black") << black;
    }
    void tonesAreReadable() {
        QFETCH(QPalette, palette);
        const Tones& tones = Tones::of(palette);
        const QColor base = palette.color(QPalette::Base), window = palette.color(QPalette::Window);
        for (const auto& [name, colour] :
             {std::pair{"ok", tones.ok}, std::pair{"warning", tones.warning}, std::pair{"error", tones.error},
              std::pair{"muted", tones.muted}}) {
            QVERIFY2(contrastRatio(colour, base) >= 4.5 && contrastRatio(colour, window) >= 4.5,
                     qPrintable(QStringLiteral("%1 %2: %3 on base, %4 on window")
                                    .arg(QLatin1String(name), colour.name())
                                    .arg(contrastRatio(colour, base), 0, 'f', 2)
                                    .arg(contrastRatio(colour, window), 0, 'f', 2)));
        }
        // Still recognisably themselves: green, amber and red stay apart.
        QVERIFY(tones.ok.hslHueF() > 0.25 && tones.ok.hslHueF() < 0.45);
        QVERIFY(tones.error.hslHueF() < 0.05 || tones.error.hslHueF() > 0.95);
        QVERIFY(tones.warning.hslHueF() > 0.05 && tones.warning.hslHueF() < 0.17);
        QCOMPARE(toneColor(Tone::Normal, palette), palette.color(QPalette::WindowText));
        QCOMPARE(toneColor(Tone::Error, palette), tones.error);
    }

    void aReadableColourIsKept() {
        QCOMPARE(readableOn(Qt::black, {Qt::white}), QColor(Qt::black));
        QCOMPARE(contrastRatio(Qt::black, Qt::white), 21.0);
    }

    void bannerTextIsReadableOnADarkTheme() {
        Banner banner;
        banner.setPalette(darkPalette());
        banner.showMessage(Banner::Level::Error, QStringLiteral("It failed"));
        QLabel* label = banner.findChild<QLabel*>();
        QVERIFY(label);
        label->ensurePolished();
        banner.ensurePolished();
        const QColor ink = label->palette().color(QPalette::WindowText);
        const QColor background =
            mix(Tones::of(darkPalette()).error, darkPalette().color(QPalette::Window), 0.12);
        QVERIFY2(ink != darkPalette().color(QPalette::WindowText), qPrintable(ink.name())); // the style sheet's
        QVERIFY2(contrastRatio(ink, background) >= 4.5,
                 qPrintable(QStringLiteral("%1 on %2").arg(ink.name(), background.name())));
    }
};

QTEST_MAIN(TestTones)
#include "tst_tones.moc"
