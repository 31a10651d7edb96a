// The one executor (ui/common/executor.h) and the one job type (ui/jobs/job.h), without a window: lanes,
// cancellation, who answers and who does not, and the throttled progress of a job.
#include <common/executor.h>
#include <common/threadpriority.h>
#include <compare/comparisonthread.h>
#include <jobs/job.h>
#include <jobs/joblistmodel.h>
#include <preview/readerthread.h>

#include <QApplication>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTest>

#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <thread>

using namespace sqlsnap;
using namespace sqlsnap::ui;

namespace {
// Blocks its pool thread until its token is cancelled.
int waitUntilCancelled(const CancelToken& token) {
    while (!token.isCancelled())
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    return 1;
}

// A job whose function runs until it is cancelled, reporting progress all the while.
JobSpec endlessJob(std::atomic<int>* reports = nullptr) {
    JobSpec spec;
    spec.kind = JobKind::Snapshot;
    spec.title = QStringLiteral("Endless");
    spec.run = [reports](ProgressSink& sink) -> Expected<JobResult> {
        Progress p;
        p.phase = Phase::Copying;
        p.bytesTotal = 1000000000;
        while (!sink.isCancelled()) {
            ++p.bytesDone;
            sink.report(p);
            if (reports)
                ++*reports;
        }
        return Error{ErrorKind::Cancelled, QStringLiteral("cancelled")};
    };
    return spec;
}
} // namespace

class TestExecutor : public QObject {
    Q_OBJECT
    Executor& executor = Executor::instance();

private slots:
    void init() { executor.setThreadCount(Lane::Long, 2); }

    void interactiveWorkRunsWhileLongWorkFillsItsLane() {
        QObject context;
        QList<Task> busy;
        for (int i = 0; i < 3; ++i) // two run, one waits
            busy << executor.run(Lane::Long, &context, waitUntilCancelled, [](int) {});
        QTRY_COMPARE(executor.activeCount(Lane::Long), 2);
        bool answered = false;
        executor.run(
            Lane::Interactive, &context, [](const CancelToken&) { return 42; },
            [&](int value) { answered = value == 42; });
        QTRY_VERIFY(answered);
        QCOMPARE(executor.activeCount(Lane::Long), 2);
        for (const Task& t : busy)
            QVERIFY(!t.isFinished());
        for (const Task& t : busy)
            t.cancel();
        for (const Task& t : busy)
            t.waitForFinished();
    }

    // Each worker runs below the GUI thread (the test's main thread stands for it), at its role's level:
    // long work lowest, the readers a view waits for in between, interactive work not lowered at all.
    void workersRunBelowTheGuiThreadsPriority() {
        const int gui = ::getpriority(PRIO_PROCESS, 0);
        QVERIFY(gui + niceValueOf(ThreadRole::Background) <=
                19); // else the kernel clamps and this proves nothing
        QObject context;
        const auto niceOn = [&](Lane lane) {
            std::optional<int> nice;
            executor.run(
                lane, &context, [](const CancelToken&) { return ::getpriority(PRIO_PROCESS, 0); },
                [&](int value) { nice = value; });
            return QTest::qWaitFor([&] { return nice.has_value(); }, 5000) ? *nice : -100;
        };
        QCOMPARE(niceOn(Lane::Long), gui + niceValueOf(ThreadRole::Background));
        QCOMPARE(niceOn(Lane::Interactive), gui);
        QCOMPARE(::getpriority(PRIO_PROCESS, 0), gui); // the GUI thread itself is left alone

        std::atomic<int> readerNice = -100;
        {
            ReaderThread reader;
            reader.post(QStringLiteral("nice"), CancelToken(),
                        [&](SnapshotReader*, const CancelToken&) -> Status {
                            readerNice = ::getpriority(PRIO_PROCESS, 0);
                            return success();
                        });
            QTRY_VERIFY(readerNice != -100);
        }
        QCOMPARE(readerNice.load(), gui + niceValueOf(ThreadRole::Reader));

        std::atomic<int> comparisonNice = -100;
        {
            ComparisonThread comparison(QStringLiteral("/nonexistent/a.sqlite"),
                                        QStringLiteral("/nonexistent/b.sqlite"));
            comparison.post(CancelToken(), [&](DatabaseComparison*, const Error*, const CancelToken&) {
                comparisonNice = ::getpriority(PRIO_PROCESS, 0);
            });
            QTRY_VERIFY(comparisonNice != -100);
        }
        QCOMPARE(comparisonNice.load(), gui + niceValueOf(ThreadRole::Reader));
        QVERIFY(niceValueOf(ThreadRole::Reader) > 0 &&
                niceValueOf(ThreadRole::Reader) < niceValueOf(ThreadRole::Background));
    }

    void aCancelledRequestNeverAnswers() {
        QObject context;
        QList<Task> busy;
        for (int i = 0; i < 2; ++i)
            busy << executor.run(Lane::Long, &context, waitUntilCancelled, [](int) {});
        QTRY_COMPARE(executor.activeCount(Lane::Long), 2);
        // Queued behind them, cancelled before it starts: its work is skipped, nobody is told.
        std::atomic<bool> ran{false};
        bool answered = false;
        Task queued = executor.run(
            Lane::Long, &context,
            [&](const CancelToken&) {
                ran = true;
                return 0;
            },
            [&](int) { answered = true; });
        queued.cancel();
        // Done, but cancelled before its answer is handled (the GUI thread was busy): dropped.
        Task late = executor.run(
            Lane::Interactive, &context, [](const CancelToken&) { return 1; }, [&](int) { answered = true; });
        late.waitForFinished();
        late.cancel();
        for (const Task& t : busy)
            t.cancel();
        queued.waitForFinished();
        QTest::qWait(50);
        QVERIFY(!ran);
        QVERIFY(!answered);
        QVERIFY(queued.isCancelled());
    }

    void answerAlwaysArrivesEvenWhenCancelled() {
        QObject context;
        int answer = 0;
        CancelToken token;
        token.cancel();
        executor.run(
            Lane::Long, &context, [](const CancelToken& t) { return t.isCancelled() ? 2 : 3; },
            [&](int v) { answer = v; }, Executor::Answer::Always, token);
        QTRY_COMPARE(answer, 2); // the work ran with its (cancelled) token, and said so
    }

    void noAnswerReachesADestroyedContext() {
        bool answered = false;
        Task task;
        {
            QObject context;
            task = executor.run(
                Lane::Interactive, &context, [](const CancelToken&) { return 1; },
                [&](int) { answered = true; }, Executor::Answer::Always);
            task.waitForFinished();
        }
        QTest::qWait(50);
        QVERIFY(!answered);
    }

    void theSinkCarriesTheTasksToken() {
        QObject context;
        std::atomic<bool> sameToken{false};
        Task task = executor.run(
            Lane::Long, &context,
            [&](const CancelToken& token) {
                TaskSink sink(token);
                while (!sink.isCancelled())
                    std::this_thread::sleep_for(std::chrono::milliseconds(1));
                sameToken = sink.cancelToken() && sink.cancelToken()->isCancelled();
                return 0;
            },
            [](int) {}, Executor::Answer::Always);
        task.cancel();
        task.waitForFinished();
        QVERIFY(sameToken);
    }

    void jobProgressIsThrottledAndCancelEndsIt() {
        std::atomic<int> reports{0};
        Job job(endlessJob(&reports));
        int wakes = 0;
        connect(&job, &Job::progressChanged, this, [&] { ++wakes; });
        QSignalSpy finished(&job, &Job::finished);
        job.start();
        QTRY_VERIFY(job.progress().bytesDone > 0);
        QTest::qWait(100);
        job.cancel();
        QVERIFY(finished.wait(5000));
        QCOMPARE(job.state(), Job::State::Cancelled);
        // One wake per delivery, the latest progress only: far fewer wakes than reports.
        QVERIFY2(wakes < reports / 10,
                 qPrintable(QStringLiteral("%1 wakes, %2 reports").arg(wakes).arg(int(reports))));
    }

    void aJobCancelledBeforeItStartsSaysSo() {
        QObject context;
        QList<Task> busy;
        for (int i = 0; i < 2; ++i)
            busy << executor.run(Lane::Long, &context, waitUntilCancelled, [](int) {});
        QTRY_COMPARE(executor.activeCount(Lane::Long), 2);
        bool ran = false;
        JobSpec spec = endlessJob();
        spec.run = [&ran](ProgressSink&) -> Expected<JobResult> {
            ran = true;
            return Error{ErrorKind::IoError, QStringLiteral("should not run")};
        };
        Job job(spec);
        QSignalSpy finished(&job, &Job::finished);
        job.start();
        job.cancel();
        for (const Task& t : busy)
            t.cancel();
        QVERIFY(finished.wait(5000));
        QCOMPARE(job.state(), Job::State::Cancelled);
        QVERIFY(!ran);
        QVERIFY(JobListModel::statusOf(job).startsWith(QStringLiteral("Cancelled")));
    }

    void aJobOffersTheRerunsOfItsSpec() {
        JobSpec spec = endlessJob();
        spec.run = [](ProgressSink&) -> Expected<JobResult> {
            return Error{ErrorKind::ChangedTooOften, QStringLiteral("kept changing")};
        };
        spec.rerun = [](const Error& error, Rerun how) -> std::optional<JobSpec> {
            if (error.kind != ErrorKind::ChangedTooOften || how != Rerun::Unverified)
                return std::nullopt;
            JobSpec again;
            again.title = QStringLiteral("again");
            return again;
        };
        Job job(spec);
        QSignalSpy finished(&job, &Job::finished);
        job.start();
        QVERIFY(finished.wait(5000));
        QCOMPARE(job.state(), Job::State::Failed);
        QVERIFY(!job.rerunSpec(Rerun::BriefReadLock));
        QCOMPARE(job.rerunSpec(Rerun::Unverified)->title, QStringLiteral("again"));
    }
};

QTEST_MAIN(TestExecutor)
#include "tst_executor.moc"
