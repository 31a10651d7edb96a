// The pages that show one value and the tabs that choose among them, for ValueViewer (which decides what
// goes in them, and when). A page keeps what it was given until it is given something else or cleared.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QWidget>

#include <optional>

class QLabel;
class QPlainTextEdit;
class QStackedWidget;
class QTabBar;
class QToolButton;

namespace sqlsnap::ui {

class HexDumpModel;
class HexDumpView;
class ImageView;

class ValueViews : public QWidget {
    Q_OBJECT
public:
    // None: no cell selected (the Scalar page shows a hint). Scalar: "Value", the page of NULL, INTEGER,
    // REAL, an empty TEXT or BLOB, and of a value still being read.
    enum class View { None, Scalar, Text, Json, Hex, Image };
    Q_ENUM(View)

    explicit ValueViews(QWidget* parent = nullptr);

    // The views offered, in tab order (the tabs show when there are two or more), and the one shown.
    void setViews(const QList<View>& views, View current);
    void addViews(const QList<View>& views); // at the end, unless offered already; the current one stays
    void removeView(View view);              // if it was shown, the first one left is
    void setCurrentView(View view);          // ignored unless offered
    QList<View> views() const { return m_views; }
    View currentView() const { return m_current; }

    // What a view leaves out, said under it while it is shown ("The view shows the first …").
    void setNote(View view, const QString& text);
    void clearNotes();

    // The pages. The Scalar page's text is italic and muted for what is not a value ("NULL", "empty
    // text"); `details` go below it, one a line.
    void setScalar(const QString& text, bool muted, const QString& details = {});
    // The Text or JSON page's text, and the hex dump's bytes: each page is filled when it is first
    // shown, so a value pays the GUI thread only for the page in front (~10–20 ms for a full text
    // page, ~12 ms for the 2 M rows of a 16 MiB BLOB's hex).
    void setText(View view, const QString& text);
    void setHexBytes(const QByteArray& bytes);
    qsizetype hexBytes() const; // how many bytes the hex dump has (or will have when shown)
    QPlainTextEdit* textPage() const { return m_text; }
    QPlainTextEdit* jsonPage() const { return m_json; }
    HexDumpModel* hexModel() const { return m_hexModel; }
    ImageView* imageView() const { return m_image; }
    void setImageInfo(const QString& text);
    // Empties the text, JSON, hex and image pages (a big BLOB's bytes go with them).
    void clearPages();

signals:
    void message(const QString& text); // from a page ("Copied 3 rows of the hex dump.")

protected:
    void changeEvent(QEvent* event) override;

private:
    void createPages();
    void showPage(View view);
    void fillPage(View view);
    void updateFonts();
    void applyTones();

    QList<View> m_views;
    View m_current = View::None;
    QHash<View, QString> m_notes;
    QHash<View, QString> m_unfilledText; // set, and not yet on its page
    std::optional<QByteArray> m_unfilledHex;

    QTabBar* m_tabs = nullptr;
    QToolButton* m_monospace = nullptr;
    QStackedWidget* m_pages = nullptr;
    QWidget* m_scalarPage = nullptr;
    QLabel* m_scalarValue = nullptr;
    QLabel* m_scalarDetails = nullptr;
    bool m_scalarMuted = false;
    QPlainTextEdit* m_text = nullptr;
    QPlainTextEdit* m_json = nullptr;
    HexDumpModel* m_hexModel = nullptr;
    HexDumpView* m_hex = nullptr;
    QWidget* m_imagePage = nullptr;
    ImageView* m_image = nullptr;
    QLabel* m_imageInfo = nullptr;
    QLabel* m_note = nullptr;
};

} // namespace sqlsnap::ui
