// snapshot-example SOURCE DEST: a consistent, self-contained copy of a live database, with progress.
#include <sqlitesnapshot/snapshot.h>

#include <cstdio>

namespace {
class PrintProgress : public sqlsnap::ProgressSink {
public:
    void report(const sqlsnap::Progress& p) override {
        if (p.phase != m_last)
            std::printf("phase: %s\n", qPrintable(sqlsnap::phaseName(p.phase)));
        m_last = p.phase;
    }

private:
    sqlsnap::Phase m_last = sqlsnap::Phase::Done;
};
} // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: snapshot-example SOURCE DEST\n");
        return 2;
    }
    sqlsnap::SnapshotOptions options;
    options.verify = true;
    PrintProgress progress;
    auto result = sqlsnap::takeSnapshot(QString::fromLocal8Bit(argv[1]), QString::fromLocal8Bit(argv[2]),
                                        options, &progress);
    if (!result) {
        std::fprintf(stderr, "error: %s (%s)\n", qPrintable(result.error().message),
                     sqlsnap::kindName(result.error().kind));
        return 1;
    }
    std::printf("%s: %lld pages, %d copy attempt(s), integrity %s, sha256 %s\n",
                qPrintable(result->destination), result->pages, result->copyAttempts,
                qPrintable(result->integrity.value_or(QStringLiteral("-"))), qPrintable(result->sha256));
    return 0;
}
