#include "clicommon.h"

#include <sqlitesnapshot/verification.h>

#include <QFileInfo>
#include <QJsonArray>

#include <cstdio>

namespace cli {
namespace {

constexpr int kDamaged = 5; // verify only: a snapshot failed its integrity check (docs/cli.md)

QJsonObject toJson(const sqlsnap::Verification& v) {
    return {{QStringLiteral("path"), v.path},
            {QStringLiteral("ok"), v.integrity.ok()},
            {QStringLiteral("integrity"), v.integrity.report},
            {QStringLiteral("sha256"), v.sha256},
            {QStringLiteral("bytes"), v.bytes},
            {QStringLiteral("checked_at"), v.checkedAt.toString(Qt::ISODateWithMs)},
            {QStringLiteral("error"), QJsonValue()}};
}

QJsonObject toJson(const QString& path, const sqlsnap::Error& error) {
    QString oneLine = error.message;
    oneLine.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return {{QStringLiteral("path"), path},
            {QStringLiteral("ok"), false},
            {QStringLiteral("error"),
             QJsonObject{{QStringLiteral("kind"), QString::fromLatin1(sqlsnap::kindName(error.kind))},
                         {QStringLiteral("message"), oneLine}}}};
}

} // namespace

int runVerify(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Check each SNAPSHOT with PRAGMA integrity_check and compute the SHA-256 of its bytes. A snapshot "
        "is\n"
        "only read (opened immutable: no lock, nothing created beside it). The result is remembered in the\n"
        "user's data folder, where the app shows it. Exit 0 when every snapshot is intact, 5 when one "
        "failed\n"
        "its integrity check, 1 when one could not be verified, 2 usage, 130 interrupted."));
    parser.addPositionalArgument(QStringLiteral("SNAPSHOT"), QStringLiteral("Snapshot files to verify."),
                                 QStringLiteral("SNAPSHOT..."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON object on stdout."));
    const QCommandLineOption noRecord(QStringLiteral("no-record"),
                                      QStringLiteral("Do not remember the results."));
    parser.addOptions({json, noRecord});
    // As many files as were given, at least one: parsed once to count them.
    QCommandLineParser counting;
    counting.addOptions({json, noRecord});
    counting.parse(args);
    const int given = int(qMax<qsizetype>(1, counting.positionalArguments().size()));
    if (int code = parseOrExit(parser, args, given, QStringLiteral("sqlite-snapshot-cli verify")); code >= 0)
        return code;

    const bool asJson = parser.isSet(json);
    bool damaged = false, failed = false;
    QJsonArray results;
    for (const QString& argument : parser.positionalArguments()) {
        const QString path = QFileInfo(argument).absoluteFilePath();
        std::optional<sqlsnap::Expected<sqlsnap::Verification>> outcome;
        runWithProgress([&](sqlsnap::ProgressSink& sink) { outcome = sqlsnap::verifySnapshot(path, &sink); },
                        true);
        if (!*outcome) {
            if (outcome->error().kind == sqlsnap::ErrorKind::Cancelled)
                return fail(outcome->error(), asJson); // the files after it are not verified either
            failed = true;
            results.append(toJson(path, outcome->error()));
            fail(outcome->error(), false);
            continue;
        }
        const sqlsnap::Verification& v = outcome->value();
        damaged = damaged || !v.integrity.ok();
        if (!parser.isSet(noRecord))
            if (auto s = sqlsnap::VerificationRecords::remember(v); !s)
                warn(QStringLiteral("the result is not remembered: %1").arg(s.error().message));
        if (asJson) {
            results.append(toJson(v));
            continue;
        }
        std::printf("%s: %s\n  %s  SHA-256 %s\n", qPrintable(path),
                    v.integrity.ok() ? "ok" : qPrintable(QStringLiteral("DAMAGED: ") + v.integrity.report),
                    qPrintable(humanBytes(v.bytes)), qPrintable(v.sha256));
    }
    if (asJson)
        printJson({{QStringLiteral("ok"), !damaged && !failed}, {QStringLiteral("snapshots"), results}});
    if (!finishOutput(!failed))
        return Failure;
    return failed ? Failure : damaged ? kDamaged : Success;
}

} // namespace cli
