// The whole snapshot at a glance: its facts (page size, encoding, versions, free pages, file size) and
// every object (tables, views, indexes, triggers, virtual and shadow tables) with its SQL and, once
// dbstat has counted them, the space it takes. It shows what it is given; PreviewWidget reads it.
#pragma once

#include <sqlitesnapshot/structure.h>

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace sqlsnap::ui {

class StructureView : public QWidget {
    Q_OBJECT
public:
    explicit StructureView(QWidget* parent = nullptr);

    void showStructure(const DatabaseStructure& structure);
    // Sizes arrive later (a scan of every page); an error says why there are none.
    void showSizes(const QList<ObjectSize>& sizes);
    void showSizesError(const QString& message);
    void showError(const QString& message);

    QTreeWidget* objectTree() const { return m_objects; }
    QPlainTextEdit* sqlView() const { return m_sql; }
    QLabel* factsLabel() const { return m_facts; }

signals:
    // A table or view was double-clicked (or Enter pressed on it): show its rows.
    void openTableRequested(const QString& name);

private:
    void onCurrentChanged(QTreeWidgetItem* item);

    QLabel* m_facts;
    QTreeWidget* m_objects;
    QPlainTextEdit* m_sql;
    qint64 m_fileBytes = 0;
};

} // namespace sqlsnap::ui
