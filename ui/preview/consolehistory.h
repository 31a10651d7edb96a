// The SQL console's history, per user: the last kMaxEntries distinct statements, most recent first, in
// QSettings under "console/history" (shared by every console; read when a console is made, written on
// each add()). GUI thread.
#pragma once

#include <QStringList>

namespace sqlsnap::ui {

class ConsoleHistory {
public:
    static constexpr int kMaxEntries = 100;
    static constexpr const char* kSettingsKey = "console/history";

    ConsoleHistory(); // loads the settings
    // `sql` (trimmed; blank is ignored) becomes the most recent; an equal older entry goes. Resets the walk.
    void add(const QString& sql);
    const QStringList& entries() const { return m_entries; }

    // Walks the history from the most recent (older()) back towards the draft (newer()). `draft` is the
    // editor's text when the walk starts, given back when newer() steps past the most recent entry.
    // Each returns false when there is nowhere to go.
    bool older(const QString& current, QString* text);
    bool newer(QString* text);
    void resetWalk() { m_index = -1; }

private:
    QStringList m_entries;
    int m_index = -1; // the entry shown, -1: the draft
    QString m_draft;
};

} // namespace sqlsnap::ui
