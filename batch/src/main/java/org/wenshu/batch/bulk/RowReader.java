package org.wenshu.batch.bulk;

import java.util.Iterator;

import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Reads the rows of the recipient list for the issue step. Restartable: the count of rows read is saved at each
 * chunk commit and a restart reads past them again (the list is bounded, re-reading is cheap).
 */
class RowReader extends AbstractItemCountingItemStreamItemReader<RecipientTable.Row> {

    private final BulkIssueInput input;
    private Iterator<RecipientTable.Row> rows;

    RowReader(BulkIssueInput input) {
        this.input = input;
        setName("bulk.rows");
    }

    @Override
    protected void doOpen() {
        rows = input.table().rows().iterator();
    }

    @Override
    protected RecipientTable.Row doRead() {
        return rows.hasNext() ? rows.next() : null;
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
