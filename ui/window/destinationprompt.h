// Where a Snapshot To… or an export writes: asks for a file (starting in the folder used last), refuses
// in place — in the banner — a path that is one of the source's own files, and confirms replacing an
// existing file (which is replaced only once the new one is complete).
#pragma once

#include <QObject>
#include <QString>

#include <functional>
#include <optional>

class QWidget;

namespace sqlsnap::ui {

class Banner;

class DestinationPrompt : public QObject {
    Q_OBJECT
public:
    DestinationPrompt(QWidget* window, Banner* banner);

    struct Destination {
        QString path;
        bool overwrite = false; // it exists, and the user agreed to replace it
    };
    // Empty: do not start (the user declined, or the path was refused).
    std::optional<Destination> ask(const QString& title, const QString& source, const QString& suggestedName,
                                   const QString& nameFilters);

    QString lastFolder() const { return m_lastFolder; }
    void load(); // the folder used last, from the settings
    void save() const;

    // Asks for a file to write (native dialog by default); tests replace it. Empty: the user declined.
    std::function<QString(const QString& title, const QString& suggestedPath, const QString& nameFilters)>
        chooseSaveFile;
    // Asks whether an existing file may be replaced (a message box by default); tests replace it.
    std::function<bool(const QString& path)> confirmReplace;

private:
    Banner* m_banner;
    QString m_lastFolder;
};

} // namespace sqlsnap::ui
