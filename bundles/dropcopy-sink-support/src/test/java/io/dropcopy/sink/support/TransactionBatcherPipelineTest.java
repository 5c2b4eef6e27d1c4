package io.dropcopy.sink.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The batcher's overlapped form with an in-memory pipeline (pure logic): a batch is prepared while the one before
 * commits, committed only after it, and prepared again (without what is behind a failed item) when it fails.
 * Batches are made deterministic by a long linger: a batch is committed when it holds {@link #BATCH} items.
 */
class TransactionBatcherPipelineTest {
    static final int BATCH = 8;

    /** Items are longs: below 1000 stream "a", else "b"; position = the value. */
    static final TransactionBatcher.Keys<Long> KEYS = TransactionBatcher.Keys.of(i -> i < 1000 ? "a" : "b", i -> i);

    /** Records what was prepared, committed and rolled back; the first commit waits for the second prepare. */
    static final class Recorder implements TransactionBatcher.Pipeline<Long> {
        final List<List<Long>> prepared = Collections.synchronizedList(new ArrayList<>());
        final List<List<Long>> committed = Collections.synchronizedList(new ArrayList<>());
        final List<List<Long>> rolledBack = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch secondPrepared = new CountDownLatch(1);
        volatile boolean overlapped;
        volatile long failOn = -1;
        int backlog = 0; // always ahead: the overlap is what is under test
        long waitForSecondMs = 10_000;

        @Override
        public int overlapBacklog() {
            return backlog;
        }

        @Override
        public Object prepare(List<Long> items) {
            prepared.add(List.copyOf(items));
            if (prepared.size() == 2) {
                secondPrepared.countDown();
            }
            return List.copyOf(items);
        }

        @Override
        @SuppressWarnings("unchecked")
        public void commit(Object handle) throws Exception {
            List<Long> items = (List<Long>) handle;
            if (committed.isEmpty() && rolledBack.isEmpty()) {
                // the first batch stays in flight until the next one is prepared: the overlap
                overlapped = secondPrepared.await(waitForSecondMs, TimeUnit.MILLISECONDS);
            }
            if (items.contains(failOn)) {
                throw new IOException("database down");
            }
            committed.add(items);
        }

        @Override
        @SuppressWarnings("unchecked")
        public void rollback(Object handle, Exception cause) {
            rolledBack.add((List<Long>) handle);
        }
    }

    private final Map<Long, Object> outcomes = new ConcurrentHashMap<>();
    private final List<Long> completionOrder = Collections.synchronizedList(new ArrayList<>());

    private void submit(TransactionBatcher<Long> b, long... items) throws InterruptedException {
        for (long item : items) {
            b.submit(item, failure -> {
                completionOrder.add(item);
                outcomes.put(item, failure == null ? "ok" : failure);
            });
        }
    }

    private void awaitOutcomes(int n) {
        Awaitility.await("every item completed").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                .until(() -> outcomes.size() >= n);
        assertEquals(n, outcomes.size(), "every item completed, once");
    }

    private static List<Long> range(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            out.add(i);
        }
        return out;
    }

    @Test
    void aBatchIsPreparedWhileTheOneBeforeCommitsAndCommittedAfterIt() throws Exception {
        Recorder pipeline = new Recorder();
        TransactionBatcher<Long> b = new TransactionBatcher<>("p", pipeline, BATCH, 60_000, 100, KEYS);
        try {
            for (long i = 1; i <= 2 * BATCH; i++) {
                submit(b, i);
            }
            awaitOutcomes(2 * BATCH);
            assertTrue(pipeline.overlapped, "the second batch was prepared while the first was committing");
            assertEquals(List.of(range(1, BATCH), range(BATCH + 1, 2 * BATCH)), pipeline.committed);
            assertEquals(range(1, 2 * BATCH), completionOrder, "completed in order");
            assertTrue(outcomes.values().stream().allMatch("ok"::equals));
            assertTrue(pipeline.rolledBack.isEmpty());
        } finally {
            b.close();
        }
    }

    @Test
    void withoutABacklogTheNextBatchIsPreparedOnlyOnceTheOneBeforeCommitted() throws Exception {
        Recorder pipeline = new Recorder();
        pipeline.backlog = 4 * BATCH; // fewer wait: no overlap
        pipeline.waitForSecondMs = 500;
        TransactionBatcher<Long> b = new TransactionBatcher<>("p", pipeline, BATCH, 60_000, 100, KEYS);
        try {
            for (long i = 1; i <= 2 * BATCH; i++) {
                submit(b, i);
            }
            awaitOutcomes(2 * BATCH);
            assertFalse(pipeline.overlapped, "the second batch was prepared after the first committed");
            assertEquals(List.of(range(1, BATCH), range(BATCH + 1, 2 * BATCH)), pipeline.committed);
            assertEquals(range(1, 2 * BATCH), completionOrder, "completed in order");
        } finally {
            b.close();
        }
    }

    @Test
    void whenTheBatchInFlightFailsTheOnePreparedOnItIsPreparedAgainWithoutWhatIsBehindTheFailure() throws Exception {
        Recorder pipeline = new Recorder();
        pipeline.failOn = 3;
        TransactionBatcher<Long> b = new TransactionBatcher<>("p", pipeline, BATCH, 60_000, 100, KEYS);
        try {
            submit(b, 1, 2, 3, 4, 5, 6, 7, 8); // the first batch: fails at its commit
            submit(b, 9, 10, 1001, 11, 1002, 12, 1003, 1004); // prepared while the first is in flight
            awaitOutcomes(16);
            assertTrue(pipeline.overlapped, "the second batch was prepared while the first was committing");
            for (long i = 1; i <= 8; i++) {
                assertInstanceOf(IOException.class, outcomes.get(i), "item " + i);
            }
            for (long i = 9; i <= 12; i++) {
                // behind the hole of stream a: not written, failed, they come again after item 3
                assertInstanceOf(TransactionBatcher.EarlierFailureException.class, outcomes.get(i), "item " + i);
            }
            for (long i = 1001; i <= 1004; i++) {
                assertEquals("ok", outcomes.get(i), "item " + i + " of the other stream");
            }
            assertEquals(List.of(range(1, 8), List.of(9L, 10L, 1001L, 11L, 1002L, 12L, 1003L, 1004L)),
                    pipeline.rolledBack, "the failed batch and the one prepared on it");
            assertEquals(List.of(List.of(1001L, 1002L, 1003L, 1004L)), pipeline.committed, "prepared again, committed once");
            assertEquals(range(1, 8), completionOrder.subList(0, 8), "the failed batch completed first");

            // stream a goes back to its first failed item: taken again
            pipeline.failOn = -1;
            submit(b, 1, 2, 3, 4, 5, 6, 7, 8);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> pipeline.committed.size() == 2);
            assertEquals(range(1, 8), pipeline.committed.get(1));
        } finally {
            b.close();
        }
    }
}
