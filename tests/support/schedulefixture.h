// For the schedule views' tests (tst_scheduleview: the Schedules window and the file it shares with the
// CLI; tst_keepsnapshots: the Keep Snapshots… dialog): the environment both run in (the CLI and the app
// find one schedules file through $XDG_CONFIG_HOME; no systemd user session), and waits for the views'
// answers from the executor.
#pragma once

#include "testsupport.h"
#include "widgetsupport.h"

#include <jobs/job.h>
#include <jobs/jobspecs.h>
#include <schedules/keepsnapshotsdialog.h>
#include <schedules/scheduleactions.h>
#include <schedules/scheduleswindow.h>
#include <schedules/scheduletext.h>
#include <snapshots/snapshotlistmodel.h>
#include <sources/sourcelistmodel.h>
#include <window/mainwindow.h>
#include <window/translations.h>

#include <sqlitesnapshot/schedules.h>

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStackedLayout>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <unistd.h>

namespace testsupport {

using sqlsnap::ScheduleBook;
using sqlsnap::ui::KeepSnapshotsDialog;
using sqlsnap::ui::MainWindow;
using sqlsnap::ui::SchedulesWindow;

// Saves what the dialog looks like where SQLSNAP_SCREENSHOTS names a folder (docs/screenshots).
inline void shoot(QWidget* w, const QString& name, QSize size) {
    QVERIFY(testsupport::saveScreenshot(w, name, size));
}

// The dialog reads and writes the book off the GUI thread: these wait for its answer.
inline bool readDone(KeepSnapshotsDialog* d) {
    return QTest::qWaitFor([d] { return !d->isBusy(); }, 10000);
}
inline bool saveAndWait(KeepSnapshotsDialog* d) {
    QSignalSpy answered(d, &KeepSnapshotsDialog::saveFinished);
    if (!d->save())
        return false;
    if (answered.isEmpty() && !answered.wait(10000))
        return false;
    return answered.first().first().toBool();
}
inline bool loaded(SchedulesWindow* w) {
    return QTest::qWaitFor([w] { return !w->isLoading(); }, 10000);
}

// Whether `child` lies wholly inside `top` (nothing of it cut off by the window's edge).
inline bool inside(QWidget* child, QWidget* top) {
    const QRect r(child->mapTo(top, QPoint(0, 0)), child->size());
    return top->rect().contains(r);
}

// The members and set-up both test classes share.
class ScheduleFixture {
protected:
    QTemporaryDir m_tmp;
    QString m_config;
    CliOptions m_env;

    QJsonArray cliSchedules() {
        const CliRun list =
            cli({QStringLiteral("schedule"), QStringLiteral("list"), QStringLiteral("--json")}, m_env);
        return list.json().value(QStringLiteral("schedules")).toArray();
    }

    void selectSource(MainWindow& w, const QString& path) {
        w.addSources({path});
        QTRY_COMPARE(w.sources()->rowCount(), 1);
        w.sourceView()->setCurrentIndex(w.sources()->index(0));
        QTRY_COMPARE(w.selectedSourcePaths(), QStringList{path});
    }

    // initTestCase and init of both test classes.
    void setUpOnce() {
        // The app and the CLI both find the file through $XDG_CONFIG_HOME; no systemd user session here.
        m_config = m_tmp.filePath(QStringLiteral("cfg"));
        qputenv("XDG_CONFIG_HOME", m_config.toLocal8Bit());
        qputenv("XDG_RUNTIME_DIR", m_tmp.filePath(QStringLiteral("noruntime")).toLocal8Bit());
        m_env.shell = QStringLiteral("XDG_CONFIG_HOME='%1' XDG_RUNTIME_DIR='%2/noruntime' exec \"$0\" \"$@\"")
                          .arg(m_config, m_tmp.path());
        QApplication::setOrganizationName(QStringLiteral("SQLite Snapshot Tests"));
        sqlsnap::ui::installTranslations(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void setUp() { QFile::remove(ScheduleBook::defaultPath()); }
};

} // namespace testsupport
