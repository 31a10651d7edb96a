// The selected source: its files (with what each one means), its header facts and notes.
#pragma once

#include "sources/sourcelistmodel.h"

#include <QWidget>

class QFormLayout;
class QLabel;
class QStackedWidget;
class QGridLayout;

namespace sqlsnap::ui {

class SourceDetailsView : public QWidget {
    Q_OBJECT
public:
    explicit SourceDetailsView(QWidget* parent = nullptr);
    // Shows `source`, or the empty state when null (`haveSources`: whether the list has any).
    void show(const SourceListModel::Source* source, bool haveSources);

private:
    QStackedWidget* m_stack;
    QLabel* m_emptyHint;
    QLabel* m_title;
    QLabel* m_path;
    QLabel* m_error;
    QWidget* m_filesBox;
    QGridLayout* m_files;
    QLabel* m_notes;
    QWidget* m_factsBox;
    QFormLayout* m_facts;
};

} // namespace sqlsnap::ui
