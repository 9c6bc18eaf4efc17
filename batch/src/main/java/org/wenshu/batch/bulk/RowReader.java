package org.wenshu.batch.bulk;

import java.util.Iterator;

import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Reads the rows of the recipient list for the issue step. Restartable: the count of rows read is saved at each
 * chunk commit and a restart reads past them again (the list is bounded, re-reading is cheap).
 */
class RowReader extends AbstractItemCountingItemStreamItemReader<RecipientTable.Row> {

    private final BulkIssueInput input;
    private final ListOrder order;
    private Iterator<RecipientTable.Row> rows;

    /** @param order where each row read is entered, so that rows take their numbers in list order */
    RowReader(BulkIssueInput input, ListOrder order) {
        this.input = input;
        this.order = order;
        setName("bulk.rows");
    }

    @Override
    protected void doOpen() {
        rows = input.table().rows().iterator();
    }

    @Override
    protected RecipientTable.Row doRead() {
        if (!rows.hasNext()) {
            return null;
        }
        RecipientTable.Row row = rows.next();
        order.read(row.number());
        return row;
    }

    /** On restart: past the rows a committed chunk read, without entering them in the list order (none will pass). */
    @Override
    protected void jumpToItem(int itemIndex) {
        for (int i = 0; i < itemIndex && rows.hasNext(); i++) {
            rows.next();
        }
    }

    @Override
    public void update(org.springframework.batch.infrastructure.item.ExecutionContext context) {
        super.update(context);
        // The reader also counts its final, empty read.
        context.putLong("wenshu.done", Math.min(getCurrentItemCount(), input.table().rows().size()));
    }

    @Override
    protected void doClose() {
        rows = null;
    }
}
