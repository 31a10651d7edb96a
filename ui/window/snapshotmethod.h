// File → Snapshot Method: how the app makes a snapshot (the engine's OutputStrategy), chosen once and
// remembered in the settings ("snapshot/method"): Fast (publish the checkpointed staged copy: about
// the cost of one durable copy), SQLite's Backup API (page progress; any file system), or Compact
// (VACUUM INTO: the smallest file, rowids of tables without INTEGER PRIMARY KEY may change).
#pragma once

#include <sqlitesnapshot/snapshot.h>

#include <QObject>

class QActionGroup;
class QMenu;

namespace sqlsnap::ui {

class SnapshotMethod : public QObject {
    Q_OBJECT
public:
    // Fills `menu` with the three choices, the remembered one checked.
    explicit SnapshotMethod(QMenu* menu, QObject* parent = nullptr);
    OutputStrategy strategy() const { return m_strategy; }
    void setStrategy(OutputStrategy strategy); // remembered

private:
    OutputStrategy m_strategy = OutputStrategy::Publish;
    QActionGroup* m_group;
};

} // namespace sqlsnap::ui
