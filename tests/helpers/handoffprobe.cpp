// A hand-off program for tst_handoff: writes what it was given — its arguments, the SQLITE_SNAPSHOT_*
// variables, its working folder, what its stdin/stdout are, which descriptors it holds, whether it
// leads its own process group — as one JSON object into the file named by its first argument, then
// writes its second argument to stderr, sleeps its third (seconds) and exits with its fourth.
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>

#include <cstdio>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char** argv) {
    QJsonObject o;
    QJsonArray args;
    for (int i = 0; i < argc; ++i)
        args.append(QString::fromUtf8(argv[i]));
    o.insert(QStringLiteral("argv"), args);
    QJsonObject env;
    const QProcessEnvironment system = QProcessEnvironment::systemEnvironment();
    for (const QString& name : system.keys())
        if (name.startsWith(QLatin1String("SQLITE_SNAPSHOT_")))
            env.insert(name, system.value(name));
    o.insert(QStringLiteral("env"), env);
    o.insert(QStringLiteral("cwd"), QDir::currentPath());
    char byte;
    o.insert(QStringLiteral("stdin_eof"), ::read(0, &byte, 1) == 0);
    struct stat out {
    }, null{};
    o.insert(QStringLiteral("stdout_is_null"), fstat(1, &out) == 0 && stat("/dev/null", &null) == 0 &&
                                                   out.st_rdev == null.st_rdev && S_ISCHR(out.st_mode));
    QJsonArray fds; // what it holds beyond 0, 1, 2 (the listing's own descriptor, gone by now, aside)
    const QStringList open = QDir(QStringLiteral("/proc/self/fd"))
                                 .entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot);
    for (const QString& fd : open) {
        const QString target = QFileInfo(QStringLiteral("/proc/self/fd/") + fd).symLinkTarget();
        if (fd.toInt() > 2 && !target.isEmpty() && !target.endsWith(QLatin1String("/fd")))
            fds.append(fd + QLatin1Char('=') + target);
    }
    o.insert(QStringLiteral("other_fds"), fds);
    o.insert(QStringLiteral("own_process_group"), ::getpgrp() == ::getpid());
    o.insert(QStringLiteral("pid"), qint64(::getpid()));
    if (argc > 1) {
        QFile file(QString::fromUtf8(argv[1]));
        if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(o).toJson()) < 0)
            return 100;
    }
    if (argc > 2)
        std::fprintf(stderr, "%s\n", argv[2]);
    if (argc > 3)
        ::sleep(unsigned(atoi(argv[3])));
    return argc > 4 ? atoi(argv[4]) : 0;
}
