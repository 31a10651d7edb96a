// The grid's column header with a filter box under each column (as DB Browser has): what a user types
// there is a ColumnFilter (see reader.h for the operators). The boxes follow the sections as they are
// resized, moved or scrolled. Escape in a box clears it; a box whose text cannot be used (a regular
// expression that does not compile) says why in its tooltip and is shown as an error.
#pragma once

#include <sqlitesnapshot/reader.h>

#include <QHeaderView>

class QLineEdit;

namespace sqlsnap::ui {

class FilterHeader : public QHeaderView {
    Q_OBJECT
public:
    explicit FilterHeader(QWidget* parent = nullptr);

    // The filters typed, by column name (the model's header text), empty boxes left out.
    QList<ColumnFilter> columnFilters() const;
    // Empties every box (a new table); emits filtersChanged() if any had text.
    void clearFilters();
    QLineEdit* editor(int section) const;
    // Whether every box's text can be used (see checkColumnFilter).
    bool filtersValid() const;
    // Why a box's text cannot be used, naming its column ("Filter on name: …"); empty when all can.
    QString filterProblem() const;
    // Types `text` into `section`'s box (Filter by This Value); filtersChanged() follows.
    void setColumnFilterText(int section, const QString& text);

    QSize sizeHint() const override;

signals:
    void filtersChanged();

protected:
    void updateGeometries() override;
    bool event(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void followScrollBarOf(QObject* view);
    void syncEditors(); // one box per section, no more
    void placeEditors();
    void onEdited(QLineEdit* box);
    int editorHeight() const;

    QList<QLineEdit*> m_editors;
    QMetaObject::Connection m_scrollConnection;
};

} // namespace sqlsnap::ui
