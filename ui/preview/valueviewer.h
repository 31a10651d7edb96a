// A side panel that shows one cell's value whole and read-only: the preview puts it beside its grid
// and calls showValue() for the grid's current cell.
//
// USE
//   viewer->showValue(model->data(index, TableDataModel::RawValueRole), columnName, declaredType);
//   viewer->clear(); // no cell selected
//   A value is what RawValueRole gives: an invalid QVariant is SQL NULL, qint64 INTEGER, double REAL,
//   QString TEXT, QByteArray BLOB.
//
// WHAT IT SHOWS
//   A header: the column (and its declared type), the storage class and the size (characters and
//   UTF-8 bytes of a TEXT, bytes of a BLOB). Then one or more views, a tab each:
//   NULL, INTEGER, REAL  "Value": NULL (distinct from "empty text"), a REAL with 17 significant digits,
//                        an INTEGER with each plausible reading as a time (value::timeReadings()).
//   TEXT                 "JSON" (re-indented, chosen by default) when it is a JSON object or array,
//                        and "Text" (wrapped; the Monospace button switches the font).
//   BLOB                 "Hex" (a HexDumpModel, rows made as they are painted), "Image" (chosen by
//                        default) when a Qt image reader recognises it, "Text" and "JSON" when it is
//                        UTF-8 text.
//   Copy puts the value on the clipboard (TEXT as text, BLOB as hex, a number as its text) and Save to
//   File… writes its exact bytes (TEXT in UTF-8, a BLOB raw) through QSaveFile.
//
// CONTRACT (the GUI thread never waits)
// - showValue() and clear() return at once. Only the view in front is filled (ValueViews), the others
//   when their tab is chosen; the costliest is a 16 MiB BLOB's hex view (the 2 M rows of a side panel:
//   ~7 ms, bench --only valueviewer).
// - Off the GUI thread (Executor, Lane::Interactive): an image's decode, always; the analysis of a
//   TEXT or BLOB over value::kInlineAnalysisBytes (sizes, JSON, UTF-8: a TEXT says "Reading the
//   value…" until then, a BLOB gets its Text and JSON tabs then); Copy of a value over 1 MiB; and every
//   Save to File… (QSaveFile's commit syncs to disk, which can take long on a busy disk).
// - showValue() and clear() cancel the previous value's analysis and decode: their answers never
//   arrive, so a decode that finishes after the selection moved never shows its picture. A Copy or a
//   Save already started finishes with the value it was started for.
// - Text views show at most value::kShownChars characters in value::kShownLines lines and
//   value::kShownLineChars of a line, the hex dump at most HexDumpModel::kMaxRows rows (32 MiB at 16
//   bytes a row); a note under the view says when it is cut. Copy and Save always take the whole value.
#pragma once

#include "common/executor.h"
#include "preview/valueformat.h"
#include "preview/valueviews.h"

#include <QVariant>
#include <QWidget>

#include <functional>
#include <optional>

class QLabel;
class QPushButton;
class QSplitter;

namespace sqlsnap::ui {

class ElidedLabel;
struct DecodedImage;

class ValueViewer : public QWidget {
    Q_OBJECT
public:
    // None: no cell selected. Scalar: the "Value" view of NULL, INTEGER, REAL, an empty TEXT or BLOB
    // and of a value still being read. See ValueViews.
    using View = ValueViews::View;

    explicit ValueViewer(QWidget* parent = nullptr);
    ~ValueViewer() override;

    // Shows `value` of `column`, whose declared type is `declaredType` (may be empty), in its default
    // view. Returns at once (see the contract above).
    void showValue(const QVariant& value, const QString& column, const QString& declaredType = {});
    // Nothing selected: a hint instead of a value; Copy and Save are disabled.
    void clear();

    QVariant value() const { return m_value; }
    QString column() const { return m_column; }
    // The header's line about the value: "TEXT · 12 characters · 14 bytes in UTF-8", "BLOB · 40 bytes".
    QString summaryText() const;
    // The views the value offers, in tab order, and the one shown.
    QList<View> views() const { return m_views->views(); }
    View currentView() const { return m_views->currentView(); }
    void setCurrentView(View view) { m_views->setCurrentView(view); } // ignored unless offered
    // An analysis or an image decode of the current value is still running.
    bool isBusy() const { return m_analysing || m_decoding; }

public slots:
    void copyToClipboard();
    // Writes the value's bytes to `path` in the background; saveFinished() tells how it went.
    void saveToFile(const QString& path);
    // Save to File…: asks where, then saveToFile().
    void chooseFileAndSave();

signals:
    void copied(); // the clipboard has the value (a big one after a background conversion)
    void saveFinished(const QString& path, const QString& error); // error empty: written whole

protected:
    void changeEvent(QEvent* event) override;

private:
    void createHeader();
    void createButtons();
    void cancelWork();
    void showNumber(const QVariant& value, value::StorageClass storageClass);
    void showText(const QVariant& value);
    void showBlob(const QByteArray& bytes);
    void analyseInBackground();
    void applyAnalysis(const value::Analysis& analysis);
    void applyImage(const DecodedImage& image);
    void setStatus(const QString& text, bool error = false);
    void updateSummary();
    QString suggestedFileName() const;

    QVariant m_value;
    QString m_column;
    bool m_shown = false; // a value, not the "nothing selected" hint
    value::StorageClass m_class = value::StorageClass::Null;
    std::optional<value::TextSize> m_textSize; // TEXT, once analysed
    bool m_analysing = false, m_decoding = false;
    QByteArray m_imageFormat;

    ElidedLabel* m_columnLabel = nullptr;
    QLabel* m_declared = nullptr;
    QLabel* m_summary = nullptr;
    ValueViews* m_views = nullptr;
    QLabel* m_status = nullptr;
    bool m_statusIsError = false;
    QPushButton* m_copy = nullptr;
    QPushButton* m_save = nullptr;

    Task m_analysis, m_decode, m_copyTask; // cancelled by the next value (m_copyTask: the next Copy)
    QString m_lastFolder;                  // where the last Save to File… went
};

// `grid` and `viewer` side by side, the grid with most of the room. `toggle` (checkable) shows or hides
// the viewer, remembered in the one setting every grid shares (preview/valuePanel); `toggled` runs after
// each change. Parented to `parent`. Used by the data page and the SQL console alike.
QSplitter* placeBesideGrid(QWidget* grid, ValueViewer* viewer, QPushButton* toggle, QWidget* parent,
                           std::function<void()> toggled);
// The remembered setting (shown unless turned off).
bool valuePanelWanted();

} // namespace sqlsnap::ui
