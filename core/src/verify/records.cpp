// VerificationRecords: what was verified, in one JSON file in the user's data folder.
#include "sqlitesnapshot/verification.h"

#include "sqlitesnapshot/snapshot.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QSaveFile>
#include <QStandardPaths>

namespace sqlsnap {
namespace {

constexpr int kFormatVersion = 1;
constexpr qsizetype kMostRecords = 10000; // the newest; a history of hourly snapshots for a year fits

const QString kFormat = QStringLiteral("sqlite-snapshot verifications");

// 64-bit values as decimal strings: a JSON number is a double and would round nanoseconds.
QJsonObject toJson(const Verification& v) {
    return {{QStringLiteral("path"), v.path},
            {QStringLiteral("size"), QString::number(v.identity.size)},
            {QStringLiteral("mtime_ns"), QString::number(v.identity.mtimeNs)},
            {QStringLiteral("inode"), QString::number(v.identity.inode)},
            {QStringLiteral("device"), QString::number(v.identity.device)},
            {QStringLiteral("integrity"), v.integrity.report},
            {QStringLiteral("sha256"), v.sha256},
            {QStringLiteral("checked_at"), v.checkedAt.toUTC().toString(Qt::ISODateWithMs)}};
}

std::optional<Verification> fromJson(const QJsonObject& o) {
    Verification v;
    bool ok[4] = {};
    v.path = o.value(QStringLiteral("path")).toString();
    v.identity.size = o.value(QStringLiteral("size")).toString().toLongLong(&ok[0]);
    v.identity.mtimeNs = o.value(QStringLiteral("mtime_ns")).toString().toLongLong(&ok[1]);
    v.identity.inode = o.value(QStringLiteral("inode")).toString().toULongLong(&ok[2]);
    v.identity.device = o.value(QStringLiteral("device")).toString().toULongLong(&ok[3]);
    v.integrity.report = o.value(QStringLiteral("integrity")).toString();
    v.sha256 = o.value(QStringLiteral("sha256")).toString();
    v.checkedAt = QDateTime::fromString(o.value(QStringLiteral("checked_at")).toString(), Qt::ISODateWithMs);
    v.bytes = v.identity.size;
    if (v.path.isEmpty() || v.integrity.report.isEmpty() || !v.checkedAt.isValid() ||
        !(ok[0] && ok[1] && ok[2] && ok[3]))
        return std::nullopt; // a record we cannot trust is no record
    return v;
}

QList<Verification> readRecords(const QString& file) {
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QJsonObject root = QJsonDocument::fromJson(f.read(64 * 1024 * 1024)).object();
    if (root.value(QStringLiteral("format")).toString() != kFormat ||
        root.value(QStringLiteral("version")).toInt() != kFormatVersion)
        return {};
    QList<Verification> records;
    for (const QJsonValue& r : root.value(QStringLiteral("records")).toArray())
        if (auto v = fromJson(r.toObject()))
            records << *v;
    return records;
}

bool stillTheFileVerified(const Verification& v) {
    const auto now = fileIdentity(v.path);
    return now && *now == v.identity;
}

} // namespace

std::optional<Verification> verificationOf(const SnapshotResult& result) {
    if (!result.integrity || result.sha256.isEmpty())
        return std::nullopt;
    const auto identity = fileIdentity(result.destination);
    if (!identity)
        return std::nullopt;
    Verification v;
    v.path = QFileInfo(result.destination).canonicalFilePath();
    v.integrity.report = *result.integrity;
    v.sha256 = result.sha256;
    v.bytes = identity->size;
    v.identity = *identity;
    v.checkedAt = QDateTime::currentDateTimeUtc();
    return v;
}

QString VerificationRecords::defaultFile() {
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/sqlite-snapshot/verifications.json");
}

VerificationRecords VerificationRecords::load(const QString& file) {
    VerificationRecords records;
    records.m_records = readRecords(file);
    for (qsizetype i = 0; i < records.m_records.size(); ++i)
        records.m_byPath.insert(records.m_records[i].path, i);
    return records;
}

std::optional<Verification> VerificationRecords::find(const QString& path) const {
    const QString canonical = QFileInfo(path).canonicalFilePath();
    if (canonical.isEmpty())
        return std::nullopt;
    const auto at = m_byPath.constFind(canonical);
    if (at == m_byPath.cend() || !stillTheFileVerified(m_records[*at]))
        return std::nullopt;
    return m_records[*at];
}

Status VerificationRecords::remember(const Verification& verification, const QString& file) {
    const QString folder = QFileInfo(file).absolutePath();
    if (!QDir().mkpath(folder))
        return Error{ErrorKind::PermissionDenied,
                     QStringLiteral("cannot create the folder of the verification records: %1").arg(folder)};
    // The app and the CLI may both write: one read-modify-write at a time, never a lost record.
    QLockFile lock(file + QStringLiteral(".lock"));
    lock.setStaleLockTime(30000);
    if (!lock.tryLock(10000))
        return Error{ErrorKind::Locked, QStringLiteral("the verification records are locked: %1").arg(file)};

    QList<Verification> kept;
    for (const Verification& v : readRecords(file))
        if (v.path != verification.path && stillTheFileVerified(v))
            kept << v;
    kept << verification;
    if (kept.size() > kMostRecords) {
        std::stable_sort(kept.begin(), kept.end(), [](const Verification& a, const Verification& b) {
            return a.checkedAt < b.checkedAt;
        });
        kept.remove(0, kept.size() - kMostRecords);
    }
    QJsonArray array;
    for (const Verification& v : std::as_const(kept))
        array.append(toJson(v));
    const QJsonObject root{{QStringLiteral("format"), kFormat},
                           {QStringLiteral("version"), kFormatVersion},
                           {QStringLiteral("records"), array}};
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly) ||
        out.write(QJsonDocument(root).toJson(QJsonDocument::Indented)) < 0 || !out.commit())
        return Error{
            ErrorKind::IoError,
            QStringLiteral("cannot write the verification records %1: %2").arg(file, out.errorString())};
    return success();
}

} // namespace sqlsnap
