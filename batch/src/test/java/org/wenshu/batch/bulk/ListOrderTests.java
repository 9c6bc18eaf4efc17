package org.wenshu.batch.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class ListOrderTests {

    @Test
    void aRowWaitsUntilTheRowsReadBeforeItHavePassed() throws Exception {
        ListOrder order = new ListOrder(Duration.ofSeconds(30));
        order.read(2);
        order.read(3);
        CompletableFuture<Void> third = CompletableFuture.runAsync(() -> await(order, 3));

        Thread.sleep(200);
        assertThat(third).isNotDone();

        order.pass(2);
        third.get(5, TimeUnit.SECONDS);
        order.awaitTurn(2); // a row that passed, or the first, does not wait
    }

    @Test
    void afterOneRowRanOutOfPatienceTheRowsAfterItDoNotWaitAgain() throws Exception {
        ListOrder order = new ListOrder(Duration.ofMillis(300));
        order.read(2); // read, never passes (the step's contract broken)
        order.read(3);
        order.read(4);

        long start = System.nanoTime();
        order.awaitTurn(3);
        long first = System.nanoTime() - start;
        order.pass(3);
        start = System.nanoTime();
        order.awaitTurn(4);
        long second = System.nanoTime() - start;

        assertThat(Duration.ofNanos(first)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(Duration.ofNanos(second)).isLessThan(Duration.ofMillis(300));
    }

    private static void await(ListOrder order, int row) {
        try {
            order.awaitTurn(row);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
