#include "fuzztargets.h"

#include <sqlitesnapshot/databasefiles.h>
#include <sqlitesnapshot/reader.h>

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

namespace fuzz {
namespace {

// One scratch folder per process: the targets run millions of times.
const QString& scratch() {
    static QTemporaryDir dir(QDir::tempPath() + QStringLiteral("/sqlsnap-fuzz-XXXXXX"));
    static const QString path = dir.path();
    return path;
}

void writeFile(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        f.write(bytes);
}

} // namespace

int databaseFiles(const uint8_t* data, size_t size) {
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    (void)sqlsnap::parseDatabaseHeader(bytes, QStringLiteral("fuzz"));
    (void)sqlsnap::parseJournalHeader(bytes);
    (void)sqlsnap::parseWalHeader(bytes);
    (void)sqlsnap::parseShmHeader(bytes);
    (void)sqlsnap::parseSuperJournalName(bytes);

    // As files: the first third is the database, the next the -wal, the rest the -journal.
    const QString db = scratch() + QStringLiteral("/fuzz.db");
    const qsizetype third = bytes.size() / 3;
    writeFile(db, bytes.left(third));
    writeFile(db + QStringLiteral("-wal"), bytes.mid(third, third));
    writeFile(db + QStringLiteral("-journal"), bytes.mid(2 * third));
    (void)sqlsnap::inspectDatabase(db);
    (void)sqlsnap::inspectDatabase(db + QStringLiteral("-wal"));
    return 0;
}

int reader(const uint8_t* data, size_t size) {
    const QString db = scratch() + QStringLiteral("/snapshot.db");
    QFile::remove(db + QStringLiteral("-journal"));
    QFile::remove(db + QStringLiteral("-wal"));
    writeFile(db, QByteArray(reinterpret_cast<const char*>(data), qsizetype(size)));
    auto opened = sqlsnap::SnapshotReader::open(db);
    if (!opened)
        return 0;
    sqlsnap::SnapshotReader& reader = **opened;
    auto tables = reader.tables();
    if (!tables)
        return 0;
    int listed = 0;
    for (const sqlsnap::TableInfo& t : *tables) {
        if (++listed > 8)
            break;
        auto schema = reader.schema(t.name);
        if (!schema)
            continue;
        for (const sqlsnap::RowFilter& filter :
             {sqlsnap::RowFilter{}, sqlsnap::RowFilter{QStringLiteral("a%_\\")}}) {
            (void)reader.rowsAt(*schema, filter, nullptr, 3, 5);
            (void)reader.countRows(*schema, filter);
            if (!schema->rowidName.isEmpty()) {
                auto page = reader.rowsAfterKey(*schema, filter, std::nullopt, 7);
                if (page && !page->keys.isEmpty())
                    (void)reader.rowsAfterKey(*schema, filter, page->keys.last(), 7);
                (void)reader.lastRows(*schema, filter, 3);
                (void)reader.rowidRange(*schema);
                auto index = reader.buildPositionIndex(*schema, filter, 4);
                if (index)
                    (void)reader.rowsAt(*schema, filter, &*index, index->rowCount - 1, 2);
            }
            int rows = 0;
            (void)reader.forEachRow(*schema, filter, {}, [&](const QVariantList&) { return ++rows < 1000; });
        }
    }
    return 0;
}

} // namespace fuzz
