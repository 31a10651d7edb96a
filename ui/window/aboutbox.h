// Help → About SQLite Snapshot: what the app does, and the versions of the app, Qt and SQLite.
#pragma once

#include <QCoreApplication>

class QWidget;

namespace sqlsnap::ui {

class AboutBox {
    Q_DECLARE_TR_FUNCTIONS(sqlsnap::ui::AboutBox)
public:
    static void show(QWidget* parent);
};

} // namespace sqlsnap::ui
