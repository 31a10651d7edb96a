// The snapshot's tables and views, each with its row count; virtual tables show their module, and the
// shadow tables they keep their data in are folded under them. An entry that cannot be read says why.
//
// The list is read, then each table counted, one job after another on the reader thread it is given,
// all under one CancelToken: the caller cancels it to stop them (closing the preview does). Counts
// come after the first rows of the chosen table and never hold them up.
#pragma once

#include "preview/readerthread.h"

#include <QTreeWidget>

namespace sqlsnap::ui {

class TableList : public QTreeWidget {
    Q_OBJECT
public:
    explicit TableList(QWidget* parent = nullptr);

    // Lists the tables `reader` (already opened) finds, then counts them, every job under `token`.
    void list(ReaderThread& reader, const CancelToken& token);
    void selectTable(const QString& name);

signals:
    void listed(); // the entries are in, the first one current (when there is one)
    void failed(const QString& message);
    void tableChosen(const QString& name);

private:
    void onListed(const QList<TableInfo>& tables);
    void countNext();
    void onCounted(const QString& name, const Expected<qint64>& count);
    void addItems(const QList<TableInfo>& tables);
    QTreeWidgetItem* itemOf(const QString& name) const;

    ReaderThread* m_reader = nullptr;
    CancelToken m_token;
    QStringList m_uncounted; // listed, and their count not asked for yet
};

} // namespace sqlsnap::ui
