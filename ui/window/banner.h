// A message across the top of the window, in place of a modal box: text, an optional action, a close
// button. A newer message replaces the older one.
#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace sqlsnap::ui {

class Banner : public QFrame {
    Q_OBJECT
public:
    enum class Level { Info, Error };
    explicit Banner(QWidget* parent = nullptr);
    void showMessage(Level level, const QString& text);
    QString text() const;

private:
    QLabel* m_text;
    QPushButton* m_close;
};

} // namespace sqlsnap::ui
