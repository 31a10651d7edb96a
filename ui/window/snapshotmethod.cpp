#include "window/snapshotmethod.h"

#include <QActionGroup>
#include <QMenu>
#include <QSettings>

namespace sqlsnap::ui {
namespace {
const QString kKey = QStringLiteral("snapshot/method");
}

SnapshotMethod::SnapshotMethod(QMenu* menu, QObject* parent)
    : QObject(parent), m_group(new QActionGroup(this)) {
    m_strategy = strategyFromName(QSettings().value(kKey).toString()).value_or(OutputStrategy::Publish);
    const struct {
        OutputStrategy strategy;
        QString text, tip;
    } choices[] = {
        {OutputStrategy::Publish, tr("&Fast"),
         tr("Publish the checkpointed copy: about the cost of one durable copy of the files")},
        {OutputStrategy::Backup, tr("SQLite &Backup API"),
         tr("Copy page by page with SQLite's backup API: progress in pages, and any destination file "
            "system")},
        {OutputStrategy::Compact, tr("&Compact"),
         tr("VACUUM INTO: the smallest file, without free pages (rowids of tables without an INTEGER PRIMARY "
            "KEY may change)")},
    };
    for (const auto& c : choices) {
        QAction* action = menu->addAction(c.text);
        action->setToolTip(c.tip);
        action->setStatusTip(c.tip);
        action->setCheckable(true);
        action->setChecked(c.strategy == m_strategy);
        action->setData(strategyName(c.strategy));
        m_group->addAction(action);
        connect(action, &QAction::triggered, this, [this, s = c.strategy] { setStrategy(s); });
    }
    menu->setToolTipsVisible(true);
}

void SnapshotMethod::setStrategy(OutputStrategy strategy) {
    m_strategy = strategy;
    QSettings().setValue(kKey, strategyName(strategy));
    for (QAction* a : m_group->actions())
        a->setChecked(a->data().toString() == strategyName(strategy));
}

} // namespace sqlsnap::ui
