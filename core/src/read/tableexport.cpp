#include "sqlitesnapshot/tableexport.h"

#include "sqlitesnapshot/reader.h"

#include "base/task.h"
#include "io/atomicoutput.h"

#include <QDir>
#include <QFileInfo>

#include <cerrno>
#include <cmath>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sqlsnap {
namespace {

constexpr qint64 kFlushBytes = 256 * 1024;
constexpr qint64 kRowsPerReport = 1000;

QByteArray csvField(const QVariant& v) {
    if (!v.isValid())
        return {};
    QByteArray text;
    switch (v.typeId()) {
    case QMetaType::QByteArray:
        return v.toByteArray().toHex();
    case QMetaType::Double:
        text = QByteArray::number(v.toDouble(), 'g', 17);
        break;
    default:
        text = v.toString().toUtf8();
    }
    if (text.contains(',') || text.contains('"') || text.contains('\n') || text.contains('\r'))
        return '"' + text.replace('"', "\"\"") + '"';
    return text;
}

QByteArray jsonString(const QString& s) {
    QByteArray out;
    out.reserve(s.size() + 2);
    out += '"';
    for (QChar c : s) {
        const char16_t u = c.unicode();
        if (u == '"' || u == '\\') {
            out += '\\';
            out += char(u);
        } else if (u == '\n') {
            out += "\\n";
        } else if (u == '\r') {
            out += "\\r";
        } else if (u == '\t') {
            out += "\\t";
        } else if (u < 0x20) {
            out += QByteArray("\\u00") + QByteArray::number(u, 16).rightJustified(2, '0');
        } else {
            out += QString(c).toUtf8();
        }
    }
    out += '"';
    return out;
}

QByteArray jsonValue(const QVariant& v) {
    if (!v.isValid())
        return "null";
    switch (v.typeId()) {
    case QMetaType::LongLong:
        return QByteArray::number(v.toLongLong());
    case QMetaType::Double: {
        const double d = v.toDouble();
        if (std::isinf(d))
            return d > 0 ? "\"Infinity\"" : "\"-Infinity\"";
        if (std::isnan(d))
            return "null";
        return QByteArray::number(d, 'g', 17);
    }
    case QMetaType::QByteArray:
        return '"' + v.toByteArray().toBase64() + '"';
    default:
        return jsonString(v.toString());
    }
}

} // namespace

namespace {

Expected<TableExportResult> runExportTable(const QString& snapshotPath, const QString& table,
                                           const RowFilter& filter, const RowOrder& order, TableFormat format,
                                           const QString& destination, bool overwrite, ProgressSink* sink) {
    Task task(sink);
    task.setPhase(Phase::Inspecting);
    const QFileInfo dest(destination);
    if (!dest.absoluteDir().exists())
        return Error{ErrorKind::DestinationDirectoryMissing,
                     QStringLiteral("destination folder does not exist: %1").arg(dest.absolutePath())};
    if (dest.exists() && !overwrite)
        return Error{ErrorKind::DestinationExists, QStringLiteral("destination exists: %1").arg(destination)};
    if (dest.exists() && QFileInfo(snapshotPath).canonicalFilePath() == dest.canonicalFilePath())
        return Error{ErrorKind::DestinationAliasesSource,
                     QStringLiteral("the destination is the snapshot itself: %1").arg(destination)};

    // The caller's cancellation reaches every reader call, inside SQLite's scan too: a filter that
    // matches nothing in 10 M rows still stops at once.
    const CancelToken cancel = CancelToken::following(sink);
    auto opened = SnapshotReader::open(snapshotPath);
    if (!opened)
        return opened.error();
    SnapshotReader& reader = **opened;
    auto schema = reader.schema(table, cancel);
    if (!schema)
        return schema.error();
    // One scan: the total is an estimate that costs nothing (the rowid span, an upper bound, for an
    // unfiltered rowid table), never a second full scan. Unknown (0) otherwise.
    qint64 estimate = 0;
    if (filter.isEmpty()) {
        auto range = reader.rowidRange(*schema, cancel);
        if (!range)
            return range.error();
        if (*range)
            estimate = (*range)->span();
    }

    struct stat snapshotStat {};
    const mode_t mode = ::stat(io::encodePath(snapshotPath).constData(), &snapshotStat) == 0
                            ? mode_t(snapshotStat.st_mode & 0666)
                            : mode_t(0600); // no more readable than the snapshot it comes from
    io::sweepAbandonedStaging(dest.absolutePath());
    auto created = io::AtomicOutput::create(dest.absolutePath(), QStringLiteral("export"), true);
    if (!created)
        return created.error();
    io::AtomicOutput& file = *created;

    task.setPhase(Phase::ExportingRows);
    task.progress().rowsTotal = estimate;
    QStringList names;
    for (const ColumnInfo& c : schema->table.columns)
        names << c.name;
    QList<QByteArray> jsonKeys;
    QByteArray buffer;
    if (format == TableFormat::Csv) {
        QList<QByteArray> header;
        for (const QString& n : names)
            header << csvField(n);
        buffer = header.join(',') + "\r\n";
    } else {
        for (const QString& n : names)
            jsonKeys << jsonString(n) + ": ";
        buffer = "[";
    }

    qint64 rows = 0;
    std::optional<Error> writeFailure;
    bool cancelled = false;
    auto status = reader.forEachRow(
        *schema, filter, order,
        [&](const QVariantList& row) {
            if (format == TableFormat::Csv) {
                for (int c = 0; c < row.size(); ++c) {
                    if (c > 0)
                        buffer += ',';
                    buffer += csvField(row[c]);
                }
                buffer += "\r\n";
            } else {
                buffer += rows == 0 ? "\n  {" : ",\n  {";
                for (int c = 0; c < row.size(); ++c) {
                    if (c > 0)
                        buffer += ", ";
                    buffer += jsonKeys.value(c);
                    buffer += jsonValue(row[c]);
                }
                buffer += '}';
            }
            ++rows;
            if (buffer.size() >= kFlushBytes) {
                if (auto written = file.write(buffer); !written) {
                    writeFailure = written.error();
                    return false;
                }
                buffer.clear();
            }
            if (rows % kRowsPerReport == 0) {
                task.progress().rowsDone = rows;
                task.progress().rowsTotal = qMax(estimate, rows);
                task.report();
                if (task.cancelled()) {
                    cancelled = true;
                    return false;
                }
            }
            return true;
        },
        cancel);
    if (!status)
        return status.error();
    if (writeFailure)
        return *writeFailure;
    if (cancelled)
        return Task::cancelledError();
    if (format == TableFormat::Json)
        buffer += rows == 0 ? "]\n" : "\n]\n";
    if (auto written = file.write(buffer); !written)
        return written.error();
    task.progress().rowsDone = task.progress().rowsTotal = rows;
    task.report();
    task.setPhase(Phase::Publishing);
    const qint64 bytes = file.bytes();
    if (auto published = file.publish(dest.absoluteFilePath(), mode, overwrite); !published)
        return published.error();
    task.setPhase(Phase::Done);
    return TableExportResult{dest.absoluteFilePath(), rows, bytes};
}

} // namespace

Expected<TableExportResult> exportTable(const QString& snapshotPath, const QString& table,
                                        const RowFilter& filter, const RowOrder& order, TableFormat format,
                                        const QString& destination, bool overwrite, ProgressSink* sink) {
    return io::withoutStagingPaths(
        runExportTable(snapshotPath, table, filter, order, format, destination, overwrite, sink));
}

} // namespace sqlsnap
