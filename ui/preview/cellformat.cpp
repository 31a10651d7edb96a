#include "preview/cellformat.h"

#include "common/format.h"

#include <QColor>
#include <QFont>

namespace sqlsnap::ui {
namespace {

constexpr int kElideAt = 200;       // characters of text shown in a cell
constexpr int kTooltipChars = 2000; // characters of text in its tooltip

} // namespace

QString blobSummary(const QByteArray& blob, int previewBytes) {
    const QByteArray head = blob.left(previewBytes).toHex(' ').toUpper();
    return QStringLiteral("BLOB %1  %2%3")
        .arg(humanSize(blob.size()), QString::fromLatin1(head),
             blob.size() > previewBytes ? QStringLiteral(" …") : QString());
}

QString cellText(const QVariant& v) {
    if (!v.isValid())
        return QStringLiteral("NULL");
    switch (v.typeId()) {
    case QMetaType::QByteArray:
        return blobSummary(v.toByteArray(), 8);
    case QMetaType::Double: {
        // A REAL keeps a decimal point (405.0, not 405), so it never reads as an INTEGER.
        QString text = QString::number(v.toDouble(), 'g', 15);
        if (!text.contains(QLatin1Char('.')) && !text.contains(QLatin1Char('e')) &&
            !text.contains(QLatin1Char('n')))
            text += QStringLiteral(".0");
        return text;
    }
    case QMetaType::QString: {
        QString text = v.toString();
        const bool long_ = text.size() > kElideAt;
        text.truncate(kElideAt);
        text.replace(QLatin1Char('\n'), QChar(0x21B5)).replace(QLatin1Char('\t'), QLatin1Char(' '));
        return long_ ? text + QChar(0x2026) : text;
    }
    default:
        return v.toString();
    }
}

QVariant cellData(const QVariant& value, int role) {
    switch (role) {
    case Qt::DisplayRole:
        return cellText(value);
    case Qt::ToolTipRole:
        if (value.typeId() == QMetaType::QByteArray)
            return blobSummary(value.toByteArray(), 64);
        if (value.typeId() == QMetaType::QString && value.toString().size() > kElideAt)
            return value.toString().left(kTooltipChars);
        return {};
    case Qt::ForegroundRole:
        if (!value.isValid() || value.typeId() == QMetaType::QByteArray)
            return QColor(Qt::gray);
        return {};
    case Qt::FontRole:
        if (!value.isValid()) {
            QFont italic;
            italic.setItalic(true);
            return italic;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (value.typeId() == QMetaType::LongLong || value.typeId() == QMetaType::Double)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    default:
        return {};
    }
}

} // namespace sqlsnap::ui
