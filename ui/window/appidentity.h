// The app's identity: its reverse-DNS id, names and version, all set in the top CMakeLists.txt.
#pragma once

#include <QString>

namespace sqlsnap::ui {

// "org.sqlitesnapshot.SqliteSnapshot": the desktop file, metainfo and icon are named after it.
QString applicationId();
QString applicationVersion();

// Sets the organisation and application names from the id (so QSettings and AppDataLocation live in
// "org.sqlitesnapshot/SqliteSnapshot"), the display name, the version and the desktop file name (which
// Wayland compositors use to find the icon). Call once, right after the QApplication is made.
void applyApplicationIdentity();

} // namespace sqlsnap::ui
