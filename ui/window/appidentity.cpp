#include "window/appidentity.h"

#include <QGuiApplication>
#include <QStringList>

#include <algorithm>

namespace sqlsnap::ui {

QString applicationId() {
    return QStringLiteral(SQLSNAP_APP_ID);
}

QString applicationVersion() {
    return QStringLiteral(SQLSNAP_VERSION);
}

void applyApplicationIdentity() {
    const QString id = applicationId();
    const qsizetype lastDot = id.lastIndexOf(QLatin1Char('.'));
    QGuiApplication::setOrganizationName(id.left(lastDot));
    QStringList domain = id.left(lastDot).split(QLatin1Char('.'));
    std::reverse(domain.begin(), domain.end()); // "sqlitesnapshot.org", which macOS settings use
    QGuiApplication::setOrganizationDomain(domain.join(QLatin1Char('.')));
    QGuiApplication::setApplicationName(id.mid(lastDot + 1));
    QGuiApplication::setApplicationDisplayName(QStringLiteral(SQLSNAP_DISPLAY_NAME));
    QGuiApplication::setApplicationVersion(applicationVersion());
    QGuiApplication::setDesktopFileName(id);
}

} // namespace sqlsnap::ui
