// The preview's row locator alone, without threads or databases: which query reads row r in each
// state, the row count each state implies, and each transition (growing -> estimated -> indexed, a
// table without rowid -> offset, a filter: growing -> indexed), with the edge cases.
#include <preview/rowlocator.h>

#include <QTest>

using namespace sqlsnap;
using namespace sqlsnap::ui;

namespace sqlsnap::ui {
// For QCOMPARE's messages (found by argument-dependent lookup).
char* toString(const PageQuery& query) {
    QByteArray text;
    if (const auto* q = std::get_if<AfterKey>(&query))
        text = q->key ? "AfterKey(" + QByteArray::number(*q->key) + ")" : QByteArray("AfterKey(start)");
    else if (const auto* q = std::get_if<FromKey>(&query))
        text = "FromKey(" + QByteArray::number(q->key) + ", skip " + QByteArray::number(q->skip) + ")";
    else if (const auto* q = std::get_if<EstimatedKey>(&query))
        text = "EstimatedKey(" + QByteArray::number(q->key) + ")";
    else if (const auto* q = std::get_if<AfterOrderKey>(&query))
        text = q->key ? "AfterOrderKey(" + q->key->value.toString().toUtf8() + ", " +
                            QByteArray::number(q->key->rowid) + ")"
                      : QByteArray("AfterOrderKey(start)");
    else if (const auto* q = std::get_if<OrderOffset>(&query))
        text = "OrderOffset(" + QByteArray::number(q->offset) + ")";
    else if (const auto* q = std::get_if<BeforeOrderEnd>(&query))
        text = "BeforeOrderEnd(" + QByteArray::number(q->fromEnd) + ", limit " +
               QByteArray::number(q->limit) + ")";
    else if (const auto* q = std::get_if<InSortedOrder>(&query))
        text = "InSortedOrder(" + QByteArray::number(q->position) + ")";
    else
        text = "AtOffset(" + QByteArray::number(std::get<AtOffset>(query).offset) + ")";
    return qstrdup(text.constData());
}
char* toString(const std::optional<PageQuery>& query) {
    return query ? toString(*query) : qstrdup("none");
}
} // namespace sqlsnap::ui

namespace {

constexpr int kPage = 10; // small pages keep the numbers readable

QList<qint64> keys(qint64 from, qint64 n, qint64 step = 1) {
    QList<qint64> k;
    for (qint64 i = 0; i < n; ++i)
        k << from + i * step;
    return k;
}

// An index over rowids from `first` with `step` between neighbours: `rows` rows.
std::shared_ptr<const PositionIndex> indexOf(qint64 first, qint64 rows, qint64 step = 1, int stride = kPage) {
    auto index = std::make_shared<PositionIndex>();
    index->stride = stride;
    index->rowCount = rows;
    for (qint64 r = 0; r < rows; r += stride)
        index->anchors << first + r * step;
    return index;
}

} // namespace

class TestRowLocator : public QObject {
    Q_OBJECT

private slots:
    void growingReadsPageAfterPageByKey() {
        RowLocator l(true, kPage);
        QCOMPARE(l.state(), RowLocator::State::Growing);
        QCOMPARE(l.rowCount(), qint64(0));
        QCOMPARE(l.countKind(), RowLocator::Count::Unknown);
        QCOMPARE(l.count(), qint64(-1));
        QVERIFY(l.canGrow());
        QCOMPARE(l.nextPage(), PageQuery(AfterKey{}));
        QCOMPARE(l.queryAt(0), std::nullopt); // nothing read yet: nothing to place

        QVERIFY(l.grow(0, keys(5, kPage), kPage, false));
        QCOMPARE(l.rowCount(), qint64(kPage));
        QCOMPARE(l.nextPage(), PageQuery(AfterKey{14}));
        QVERIFY(l.grow(kPage, keys(15, kPage), kPage, false));
        QCOMPARE(l.nextPage(), PageQuery(AfterKey{24}));
        // A page read before is found again by its first key (a cache may have dropped it).
        QCOMPARE(l.queryAt(kPage), PageQuery(FromKey{15, 0}));
        QCOMPARE(l.queryAt(kPage + 3), PageQuery(FromKey{15, 3}));
        QCOMPARE(l.queryAt(2 * kPage), std::nullopt);
        // An answer that does not continue the rows read is not growth.
        QVERIFY(!l.grow(5 * kPage, keys(100, kPage), kPage, false));
        QCOMPARE(l.rowCount(), qint64(2 * kPage));
    }

    void growingEndsAtTheLastPage() {
        RowLocator l(true, kPage);
        QVERIFY(l.grow(0, keys(1, kPage), kPage, false));
        QVERIFY(l.grow(kPage, keys(11, 4), 4, true));
        QCOMPARE(l.rowCount(), qint64(kPage + 4));
        QVERIFY(!l.canGrow());
        QVERIFY(!l.grow(kPage + 4, {}, 0, true));
        // A short page is the last even if it did not say so: pages stay aligned.
        RowLocator s(true, kPage);
        QVERIFY(s.grow(0, keys(1, 3), 3, false));
        QVERIFY(!s.canGrow());
    }

    void anEmptyTable() {
        RowLocator l(true, kPage);
        QVERIFY(l.grow(0, {}, 0, true));
        QCOMPARE(l.rowCount(), qint64(0));
        QVERIFY(!l.canGrow());
        // An empty table has no rowid range (no estimate); its index says 0 rows.
        QVERIFY(!l.countArrived(0, indexOf(1, 0)));
        QCOMPARE(l.state(), RowLocator::State::Indexed);
        QCOMPARE(l.rowCount(), qint64(0));
        QCOMPARE(l.countKind(), RowLocator::Count::Exact);
        QCOMPARE(l.queryAt(0), std::nullopt);
    }

    void theEstimatePlacesEveryRowByRowid() {
        RowLocator l(true, kPage);
        QVERIFY(l.grow(0, keys(101, kPage), kPage, false));
        l.estimateArrived(101, 1000000);
        QCOMPARE(l.state(), RowLocator::State::Estimated);
        QCOMPARE(l.rowCount(), qint64(1000000));
        QCOMPARE(l.countKind(), RowLocator::Count::Estimated);
        QCOMPARE(l.count(), qint64(1000000));
        QVERIFY(!l.canGrow());
        QCOMPARE(l.queryAt(0), PageQuery(FromKey{101, 0})); // read already: its true key
        QCOMPARE(l.queryAt(kPage), PageQuery(EstimatedKey{101 + kPage}));
        QCOMPARE(l.queryAt(999990), PageQuery(EstimatedKey{101 + 999990})); // the end, at once
        QCOMPARE(l.queryAt(1000000), std::nullopt);
        // Growth answers still on their way are pages at their place now, not growth.
        QVERIFY(!l.grow(kPage, keys(111, kPage), kPage, false));
    }

    void aDenseEstimateIsConfirmedByTheIndex() {
        RowLocator l(true, kPage);
        QVERIFY(l.grow(0, keys(1, kPage), kPage, false));
        l.estimateArrived(1, 95);
        const int placement = l.placement();
        QVERIFY(!l.countArrived(95, indexOf(1, 95))); // nothing moved: pages read stay
        QCOMPARE(l.placement(), placement);
        QCOMPARE(l.state(), RowLocator::State::Indexed);
        QCOMPARE(l.rowCount(), qint64(95));
        QCOMPARE(l.queryAt(90), PageQuery(FromKey{91, 0}));
        QCOMPARE(l.queryAt(94), PageQuery(FromKey{91, 4}));
        QCOMPARE(l.queryAt(95), std::nullopt); // the last page ends the table
    }

    void gapsMakeTheEstimateWrongAndTheIndexMovesRows() {
        // Rowids 1, 3, 5, …: 50 rows over a span of 99.
        RowLocator l(true, kPage);
        QVERIFY(l.grow(0, keys(1, kPage, 2), kPage, false));
        l.estimateArrived(1, 99);
        QCOMPARE(l.rowCount(), qint64(99));
        QCOMPARE(l.queryAt(40), PageQuery(EstimatedKey{41})); // a real row, but not row 40
        const int placement = l.placement();
        // A count smaller than the estimate: rows move and the count shrinks.
        QVERIFY(l.countArrived(50, indexOf(1, 50, 2)));
        QCOMPARE(l.placement(), placement + 1);
        QCOMPARE(l.rowCount(), qint64(50));
        QCOMPARE(l.count(), qint64(50));
        QCOMPARE(l.queryAt(40), PageQuery(FromKey{81, 0})); // row 40 is rowid 81
        QCOMPARE(l.queryAt(49), PageQuery(FromKey{81, 9}));
        QCOMPARE(l.queryAt(50), std::nullopt);
        // Later arrivals change nothing.
        l.estimateArrived(1, 99);
        QVERIFY(!l.countArrived(7));
        QCOMPARE(l.rowCount(), qint64(50));
        QCOMPARE(l.state(), RowLocator::State::Indexed);
    }

    void anIndexWithAnotherStrideSkipsFromItsAnchors() {
        RowLocator l(true, kPage);
        QVERIFY(l.grow(0, keys(1, kPage), kPage, false));
        QVERIFY(!l.countArrived(1000, indexOf(1, 1000, 1, 64))); // growing -> indexed: nothing moves
        QCOMPARE(l.queryAt(200), PageQuery(FromKey{193, 200 - 192}));
        QCOMPARE(l.queryAt(999), PageQuery(FromKey{961, 999 - 960}));
    }

    void aFilterGoesFromGrowingToIndexed() {
        // A filtered request gets no estimate (the rowid span says nothing about matching rows).
        RowLocator l(true, kPage);
        QVERIFY(l.grow(0, keys(7, kPage, 100), kPage, false));
        QCOMPARE(l.nextPage(), PageQuery(AfterKey{907}));
        QVERIFY(!l.countArrived(25, indexOf(7, 25, 100)));
        QCOMPARE(l.state(), RowLocator::State::Indexed);
        QCOMPARE(l.rowCount(), qint64(25));
        QCOMPARE(l.queryAt(20), PageQuery(FromKey{2007, 0}));
    }

    void anEstimateThatAddsNothingOnlySetsTheCount() {
        RowLocator l(true, kPage);
        QVERIFY(l.grow(0, keys(1, 6), 6, true)); // the whole table in the first page
        l.estimateArrived(1, 6);
        QCOMPARE(l.state(), RowLocator::State::Growing);
        QCOMPARE(l.rowCount(), qint64(6));
        QCOMPARE(l.countKind(), RowLocator::Count::Estimated);
        QCOMPARE(l.queryAt(5), PageQuery(FromKey{1, 5}));
    }

    void sortedGrowsByOrderKeyThenCountsThenOrders() {
        RowLocator l(true, 200, true);
        QVERIFY(l.sorted());
        QCOMPARE(l.nextPage(), PageQuery(AfterOrderKey{}));
        QVERIFY(l.grow(0, keys(500, 200), 200, false, OrderKey{QStringLiteral("m"), 699}));
        QCOMPARE(l.nextPage(), PageQuery(AfterOrderKey{OrderKey{QStringLiteral("m"), 699}}));
        QCOMPARE(l.queryAt(150), std::optional<PageQuery>(OrderOffset{150})); // read before: by offset
        // The exact count: the end is read backwards, the middle waits for the order.
        QVERIFY(!l.countArrived(10'000'000));
        QCOMPARE(l.state(), RowLocator::State::Counted);
        QCOMPARE(l.rowCount(), qint64(10'000'000));
        QCOMPARE(l.queryAt(9'999'800), std::optional<PageQuery>(BeforeOrderEnd{0, 200}));
        QCOMPARE(l.queryAt(9'999'600), std::optional<PageQuery>(BeforeOrderEnd{200, 200}));
        QCOMPARE(l.queryAt(5'000'000), std::optional<PageQuery>());
        QCOMPARE(l.queryAt(200), std::optional<PageQuery>(AfterOrderKey{OrderKey{QStringLiteral("m"), 699}}));
        QVERIFY(l.waitsForOrder());
        // Rows keep their places when the order arrives: same ORDER BY, ties settled by rowid.
        const int placement = l.placement();
        QVERIFY(!l.orderArrived(10'000'000));
        QCOMPARE(l.placement(), placement);
        QCOMPARE(l.state(), RowLocator::State::Ordered);
        QVERIFY(!l.waitsForOrder());
        QCOMPARE(l.queryAt(5'000'000), std::optional<PageQuery>(InSortedOrder{5'000'000}));
        QCOMPARE(l.queryAt(10'000'000), std::optional<PageQuery>());
    }

    void aShortSortedTableEndsInOnePartialPage() {
        RowLocator l(true, 200, true);
        QVERIFY(l.grow(0, keys(1, 200), 200, false, OrderKey{qint64(5), 200}));
        QVERIFY(!l.countArrived(250));
        // Rows 200..249 are the last 50: read backwards from the very end.
        QCOMPARE(l.queryAt(200), std::optional<PageQuery>(BeforeOrderEnd{0, 50}));
    }

    void aSortedViewIsReadByOffsetAndMovesWhenOrdered() {
        RowLocator l(false, 200, true);
        QCOMPARE(l.nextPage(), PageQuery(OrderOffset{0}));
        QVERIFY(l.grow(0, {}, 200, false));
        QCOMPARE(l.nextPage(), PageQuery(OrderOffset{200}));
        const int placement = l.placement();
        QVERIFY(l.orderArrived(1000)); // ties in a view have no rowid: the order may place them anew
        QCOMPARE(l.placement(), placement + 1);
        QCOMPARE(l.rowCount(), qint64(1000));
    }

    void aTableWithoutRowidIsReadByOffset() {
        RowLocator l(false, kPage);
        QCOMPARE(l.nextPage(), PageQuery(AtOffset{0}));
        QVERIFY(l.grow(0, {}, kPage, false));
        QCOMPARE(l.nextPage(), PageQuery(AtOffset{kPage}));
        QCOMPARE(l.queryAt(3), PageQuery(AtOffset{3}));
        l.estimateArrived(1, 1000); // never asked for, and ignored
        QCOMPARE(l.state(), RowLocator::State::Growing);
        QCOMPARE(l.countKind(), RowLocator::Count::Unknown);
        QVERIFY(!l.countArrived(12345));
        QCOMPARE(l.state(), RowLocator::State::Offset);
        QCOMPARE(l.rowCount(), qint64(12345));
        QCOMPARE(l.countKind(), RowLocator::Count::Exact);
        QVERIFY(!l.canGrow());
        QCOMPARE(l.queryAt(12340), PageQuery(AtOffset{12340}));
        QCOMPARE(l.queryAt(12345), std::nullopt);
    }

    void aCountWithoutIndexReadsARowidTableByOffset() {
        RowLocator l(true, kPage);
        QVERIFY(l.grow(0, keys(1, kPage), kPage, false));
        QVERIFY(!l.countArrived(30));
        QCOMPARE(l.state(), RowLocator::State::Offset);
        QCOMPARE(l.queryAt(20), PageQuery(AtOffset{20}));
    }

    void aCopyIsTheNextStateUntilAssigned() {
        // The model asks a copy what a transition would do before it tells the view.
        RowLocator l(true, kPage);
        QVERIFY(l.grow(0, keys(1, kPage), kPage, false));
        RowLocator next = l;
        next.estimateArrived(1, 500);
        QCOMPARE(l.rowCount(), qint64(kPage));
        QCOMPARE(next.rowCount(), qint64(500));
        QVERIFY(next.grow(0, {}, 0, true) == false);
        QVERIFY(l.grow(kPage, keys(11, kPage), kPage, false)); // the original grows on its own
        QCOMPARE(next.queryAt(kPage), PageQuery(EstimatedKey{11}));
    }
};

QTEST_GUILESS_MAIN(TestRowLocator)
#include "tst_rowlocator.moc"
