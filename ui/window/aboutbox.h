// Help → About SQLite Snapshot: what the app does, its home page, and the versions and licences of
// the app's parts (Qt, SQLite).
#pragma once

#include <QCoreApplication>

class QWidget;

namespace sqlsnap::ui {

class AboutBox {
    Q_DECLARE_TR_FUNCTIONS(sqlsnap::ui::AboutBox)
public:
    static void show(QWidget* parent);
    static QString text(); // the box's rich text, links included
};

} // namespace sqlsnap::ui
