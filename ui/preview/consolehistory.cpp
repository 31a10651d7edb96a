#include "preview/consolehistory.h"

#include <QSettings>

namespace sqlsnap::ui {

ConsoleHistory::ConsoleHistory() {
    m_entries = QSettings().value(QLatin1String(kSettingsKey)).toStringList();
}

void ConsoleHistory::add(const QString& sql) {
    const QString entry = sql.trimmed();
    m_index = -1;
    if (entry.isEmpty())
        return;
    // Another console may have added since: start from what the settings hold now.
    QSettings settings;
    m_entries = settings.value(QLatin1String(kSettingsKey)).toStringList();
    m_entries.removeAll(entry);
    m_entries.prepend(entry);
    while (m_entries.size() > kMaxEntries)
        m_entries.removeLast();
    settings.setValue(QLatin1String(kSettingsKey), m_entries);
}

bool ConsoleHistory::older(const QString& current, QString* text) {
    if (m_index + 1 >= m_entries.size())
        return false;
    if (m_index == -1)
        m_draft = current;
    *text = m_entries[++m_index];
    return true;
}

bool ConsoleHistory::newer(QString* text) {
    if (m_index < 0)
        return false;
    --m_index;
    *text = m_index < 0 ? m_draft : m_entries[m_index];
    return true;
}

} // namespace sqlsnap::ui
