#include "handoffoptions.h"

#include "clicommon.h"

#include <sqlitesnapshot/jsonforms.h>

#include <QJsonObject>
#include <QRegularExpression>

namespace cli {

HandOffOptions::HandOffOptions()
    : then(QStringLiteral("then"),
           QStringLiteral("After each new snapshot, run PROGRAM: started directly, never through a shell (a "
                          "bare name is looked up in PATH), and told about the snapshot in SQLITE_SNAPSHOT_* "
                          "environment variables."),
           QStringLiteral("PROGRAM")),
      thenArg(QStringLiteral("then-arg"),
              QStringLiteral("One argument for PROGRAM, passed as it is (repeat it, in order)."),
              QStringLiteral("ARG")),
      thenTimeout(QStringLiteral("then-timeout"),
                  QStringLiteral("Stop PROGRAM after SECONDS (default %1).")
                      .arg(sqlsnap::kDefaultHandOffTimeoutSeconds),
                  QStringLiteral("SECONDS")) {}

int HandOffOptions::read(const QCommandLineParser& parser, QStringList* argv, int* timeoutSeconds) const {
    argv->clear();
    *timeoutSeconds = sqlsnap::kDefaultHandOffTimeoutSeconds;
    if (!parser.isSet(then)) {
        for (const QCommandLineOption* o : {&thenArg, &thenTimeout})
            if (parser.isSet(*o))
                return usageError(QStringLiteral("--%1 applies only with --then").arg(o->names().first()));
        return -1;
    }
    const auto program = sqlsnap::resolveHandOffProgram(parser.value(then));
    if (!program)
        return usageError(QStringLiteral("--then: %1").arg(program.error().message));
    if (parser.isSet(thenTimeout)) {
        bool ok = false;
        *timeoutSeconds = parser.value(thenTimeout).toInt(&ok);
        if (!ok || *timeoutSeconds < 1 || *timeoutSeconds > 7 * 86400)
            return usageError(QStringLiteral("--then-timeout takes seconds from 1 to 604800, not '%1'")
                                  .arg(parser.value(thenTimeout)));
    }
    *argv = QStringList{*program} + parser.values(thenArg);
    return -1;
}

QJsonValue handOffJson(const std::optional<sqlsnap::HandOffOutcome>& h) {
    if (!h)
        return QJsonValue(QJsonValue::Null);
    return sqlsnap::handOffJson(*h);
}

QString handOffText(const sqlsnap::HandOffOutcome& h) {
    if (h.ok())
        return QStringLiteral("handed off (exit 0, %1 s)").arg(double(h.elapsedMs) / 1000.0, 0, 'f', 1);
    return QStringLiteral("hand-off failed: %1").arg(h.message);
}

QString argvText(const QStringList& argv) {
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_./:=@%+,-]+$"));
    QStringList shown;
    for (const QString& a : argv)
        shown << (plain.match(a).hasMatch()
                      ? a
                      : QLatin1Char('\'') + QString(a).replace(QLatin1Char('\''), QStringLiteral("'\\''")) +
                            QLatin1Char('\''));
    return shown.join(QLatin1Char(' '));
}

} // namespace cli
