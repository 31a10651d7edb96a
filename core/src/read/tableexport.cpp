#include "sqlitesnapshot/tableexport.h"

#include "sqlitesnapshot/reader.h"

#include "io/posixio.h"
#include "base/task.h"

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

// The file being written: a new file with an unpredictable name in the destination's folder, renamed
// over the destination only once complete and synced; removed on any other way out.
class TemporaryOutput {
public:
    ~TemporaryOutput() {
        if (m_fd >= 0)
            ::close(m_fd);
        if (!m_path.isEmpty())
            ::unlink(io::encodePath(m_path).constData());
    }
    Status create(const QString& folder, mode_t mode) {
        auto path = io::createUniqueFile(folder, QStringLiteral(".sqlite-snapshot-export-"));
        if (!path)
            return path.error();
        m_path = *path;
        m_fd = ::open(io::encodePath(m_path).constData(), O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
        if (m_fd < 0 || ::fchmod(m_fd, mode) != 0)
            return io::writeError(errno, QStringLiteral("cannot write"), m_path);
        return success();
    }
    Status write(const QByteArray& bytes) {
        qint64 done = 0;
        while (done < bytes.size()) {
            const ssize_t n = ::write(m_fd, bytes.constData() + done, size_t(bytes.size() - done));
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0)
                return io::writeError(errno, QStringLiteral("cannot write"), m_path);
            done += n;
        }
        m_bytes += done;
        return success();
    }
    Status publish(const QString& destination, bool overwrite) {
        if (::fsync(m_fd) != 0)
            return io::writeError(errno, QStringLiteral("cannot write"), m_path);
        ::close(m_fd);
        m_fd = -1;
        if (auto renamed = io::renameInto(m_path, destination, overwrite); !renamed)
            return renamed.error();
        m_path.clear(); // it is the destination now
        return io::fsyncDirectory(QFileInfo(destination).absolutePath());
    }
    qint64 bytes() const { return m_bytes; }

private:
    QString m_path;
    int m_fd = -1;
    qint64 m_bytes = 0;
};

} // namespace

Expected<TableExportResult> exportTable(const QString& snapshotPath, const QString& table,
                                        const QString& filterText, TableFormat format,
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

    auto opened = SnapshotReader::open(snapshotPath);
    if (!opened)
        return opened.error();
    SnapshotReader& reader = **opened;
    auto schema = reader.schema(table);
    if (!schema)
        return schema.error();
    const RowFilter filter{filterText};
    auto total = reader.countRows(*schema, filter);
    if (!total)
        return total.error();

    TemporaryOutput file;
    struct stat snapshotStat {};
    const mode_t mode = ::stat(io::encodePath(snapshotPath).constData(), &snapshotStat) == 0
                            ? mode_t(snapshotStat.st_mode & 0666)
                            : mode_t(0600); // no more readable than the snapshot it comes from
    if (auto created = file.create(dest.absolutePath(), mode); !created)
        return created.error();

    task.setPhase(Phase::ExportingRows);
    task.progress().rowsTotal = *total;
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
    auto status = reader.forEachRow(*schema, filter, [&](const QVariantList& row) {
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
            task.report();
            if (task.cancelled()) {
                cancelled = true;
                return false;
            }
        }
        return true;
    });
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
    task.progress().rowsDone = rows;
    task.report();
    task.setPhase(Phase::Publishing);
    if (auto published = file.publish(dest.absoluteFilePath(), overwrite); !published)
        return published.error();
    task.setPhase(Phase::Done);
    return TableExportResult{dest.absoluteFilePath(), rows, file.bytes()};
}

} // namespace sqlsnap
