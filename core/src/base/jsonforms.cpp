#include <sqlitesnapshot/jsonforms.h>

#include <sqlitesnapshot/meaning.h>

#include <QJsonArray>

namespace sqlsnap {

namespace {
QJsonValue textOrNull(const QString& text) {
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}
} // namespace

QJsonObject errorJson(const Error& error) {
    return {{QStringLiteral("error"),
             QJsonObject{{QStringLiteral("kind"), QString::fromLatin1(kindName(error.kind))},
                         {QStringLiteral("message"), error.message}}}};
}

QJsonObject snapshotResultJson(const SnapshotResult& r) {
    QJsonArray companions;
    for (const CopiedFile& f : r.companions)
        companions.append(QJsonObject{{QStringLiteral("path"), f.path},
                                      {QStringLiteral("kind"), fileKindName(f.kind)},
                                      {QStringLiteral("size"), f.size}});
    return {
        {QStringLiteral("source"), r.source},
        {QStringLiteral("destination"), r.destination},
        {QStringLiteral("companions"), companions},
        {QStringLiteral("copy_attempts"), r.copyAttempts},
        {QStringLiteral("consistent_copy"), r.consistentCopy},
        {QStringLiteral("pages"), r.pages},
        {QStringLiteral("page_size"), r.pageSize},
        {QStringLiteral("bytes"), r.bytes},
        {QStringLiteral("integrity"), r.integrity ? QJsonValue(*r.integrity) : QJsonValue()},
        {QStringLiteral("sha256"), textOrNull(r.sha256)},
        {QStringLiteral("elapsed_ms"), r.elapsedMs},
        {QStringLiteral("strategy"), strategyName(r.strategy)},
        {QStringLiteral("shares_storage_with"), textOrNull(r.sharesStorageWith)},
        {QStringLiteral("bytes_rewritten"), r.bytesRewritten},
    };
}

QJsonObject databaseFilesJson(const DatabaseFiles& set) {
    const DatabaseHeader& h = set.header;
    QJsonArray files;
    for (const FileEntry& f : set.files)
        files.append(QJsonObject{{QStringLiteral("path"), f.path},
                                 {QStringLiteral("kind"), fileKindName(f.kind)},
                                 {QStringLiteral("size"), f.size},
                                 {QStringLiteral("modified"), f.modified.toUTC().toString(Qt::ISODateWithMs)},
                                 {QStringLiteral("meaning"), explainFile(set, f)}});
    return {{QStringLiteral("database"), set.databasePath},
            {QStringLiteral("files"), files},
            {QStringLiteral("journal_mode"), h.journalFormat()},
            {QStringLiteral("page_size"), qint64(h.pageSize)},
            {QStringLiteral("page_count"), h.pageCountValid ? QJsonValue(qint64(h.pageCount)) : QJsonValue()},
            {QStringLiteral("text_encoding"), h.textEncodingName()},
            {QStringLiteral("user_version"), qint64(h.userVersion)},
            {QStringLiteral("application_id"), qint64(h.applicationId)},
            {QStringLiteral("change_counter"), qint64(h.changeCounter)},
            {QStringLiteral("sqlite_version"), qint64(h.sqliteVersion)},
            {QStringLiteral("hot_journal"), set.hasHotJournal()},
            {QStringLiteral("lock"), lockStateName(set.lock)},
            {QStringLiteral("super_journal"), textOrNull(set.superJournalPath)},
            {QStringLiteral("header_may_be_stale"), set.headerMayBeStale()},
            {QStringLiteral("notes"), QJsonArray::fromStringList(set.notes)}};
}

QJsonObject tablesJson(const QString& database, const QList<TableInfo>& tables) {
    QJsonArray list;
    for (const TableInfo& t : tables) {
        QJsonArray columns;
        for (const ColumnInfo& c : t.columns)
            columns.append(QJsonObject{{QStringLiteral("name"), c.name},
                                       {QStringLiteral("type"), c.type},
                                       {QStringLiteral("primary_key"), c.primaryKey},
                                       {QStringLiteral("not_null"), c.notNull},
                                       {QStringLiteral("hidden"), c.hidden}});
        list.append(
            QJsonObject{{QStringLiteral("name"), t.name},
                        {QStringLiteral("type"), t.type},
                        {QStringLiteral("module"), textOrNull(t.module)},
                        {QStringLiteral("shadow_of"), textOrNull(t.shadowOf)},
                        {QStringLiteral("rows"), t.rowCount >= 0 ? QJsonValue(t.rowCount) : QJsonValue()},
                        {QStringLiteral("without_rowid"), t.withoutRowid},
                        {QStringLiteral("strict"), t.strict},
                        {QStringLiteral("columns"), columns},
                        {QStringLiteral("error"), textOrNull(t.error)}});
    }
    return {{QStringLiteral("database"), database}, {QStringLiteral("tables"), list}};
}

QJsonObject retentionJson(const RetentionPolicy& k) {
    QJsonObject o;
    const std::pair<const char*, int> fields[] = {{"last", k.last},       {"hourly", k.hourly},
                                                  {"daily", k.daily},     {"weekly", k.weekly},
                                                  {"monthly", k.monthly}, {"yearly", k.yearly}};
    for (const auto& [name, value] : fields)
        if (value > 0)
            o.insert(QLatin1String(name), value);
    return o;
}

QJsonObject handOffJson(const HandOffOutcome& h) {
    return {{QStringLiteral("exit_code"), h.exitCode},
            {QStringLiteral("message"), h.message},
            {QStringLiteral("stderr_tail"), h.stderrTail},
            {QStringLiteral("timed_out"), h.timedOut},
            {QStringLiteral("elapsed_ms"), h.elapsedMs}};
}

QJsonObject scheduleJson(const Schedule& s) {
    QJsonObject o{{QStringLiteral("id"), s.id},
                  {QStringLiteral("source"), s.source},
                  {QStringLiteral("into"), s.into},
                  {QStringLiteral("every"), intervalText(s.everySeconds)},
                  {QStringLiteral("keep"), retentionJson(s.keep)},
                  {QStringLiteral("skip_unchanged"), s.skipUnchanged}};
    if (!s.afterSnapshot.isEmpty()) {
        o.insert(QStringLiteral("after_snapshot"), QJsonArray::fromStringList(s.afterSnapshot));
        o.insert(QStringLiteral("after_snapshot_timeout"), s.afterSnapshotTimeoutSeconds);
    }
    if (s.last) {
        QJsonObject last{{QStringLiteral("at"), s.last->at.toUTC().toString(Qt::ISODateWithMs)},
                         {QStringLiteral("outcome"), s.last->outcome},
                         {QStringLiteral("file"), s.last->file},
                         {QStringLiteral("message"), s.last->message},
                         {QStringLiteral("failures_in_a_row"), s.last->failuresInARow}};
        if (s.last->handOff)
            last.insert(QStringLiteral("hand_off"), handOffJson(*s.last->handOff));
        o.insert(QStringLiteral("last_run"), last);
    }
    return o;
}

} // namespace sqlsnap
