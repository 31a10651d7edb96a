// The right-hand tabs: the selected database's details first (never closed), then one preview per
// opened snapshot (closable, also with Ctrl+W), each opened once.
#pragma once

#include <QPointer>
#include <QTabWidget>

namespace sqlsnap::ui {

class PreviewWidget;

class PreviewTabs : public QTabWidget {
    Q_OBJECT
public:
    PreviewTabs(QWidget* details, QWidget* parent = nullptr);
    // Brings the snapshot's preview forward, opening it first if need be.
    PreviewWidget* open(const QString& snapshotPath);
    PreviewWidget* currentPreview() const; // null on the details tab
    // Closes the snapshot's preview, if one is open (before the snapshot is deleted).
    void closePreview(const QString& snapshotPath);
    // A new Compare tab of `before` and `after`, brought forward (each comparison gets its own).
    class CompareTab* openCompare(const QString& before, const QString& after);
    static constexpr int kMaxPreviews = 8;

signals:
    void previewCreated(sqlsnap::ui::PreviewWidget* preview);

private:
    QList<QPointer<QWidget>> m_opened; // previews, in the order they were opened (null: closed)
};

} // namespace sqlsnap::ui
