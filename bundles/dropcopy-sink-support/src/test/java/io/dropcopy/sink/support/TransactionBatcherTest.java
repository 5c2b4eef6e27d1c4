package io.dropcopy.sink.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The batcher's rules with an in-memory "transaction" (pure logic: no sink here). */
class TransactionBatcherTest {

    /** Items are longs: stream "s", position = the value. Commits what was added unless told to fail. */
    static final class Recorder implements TransactionBatcher.Transaction<Long> {
        final List<Long> open = new ArrayList<>();
        final List<List<Long>> committed = Collections.synchronizedList(new ArrayList<>());
        final List<Long> rolledBack = Collections.synchronizedList(new ArrayList<>());
        volatile long failOn = -1;
        volatile CountDownLatch holdCommit;
        /** Counted down by the first add: the writer has taken an item. */
        final CountDownLatch firstAdd = new CountDownLatch(1);
        /** Counted down when a commit is being held by {@link #holdCommit}. */
        volatile CountDownLatch commitHeld = new CountDownLatch(1);

        @Override
        public void add(Long item) {
            open.add(item);
            firstAdd.countDown();
        }

        @Override
        public void commit() throws Exception {
            CountDownLatch hold = holdCommit;
            if (hold != null) {
                commitHeld.countDown();
                hold.await(10, TimeUnit.SECONDS);
            }
            if (open.contains(failOn)) {
                throw new java.io.IOException("database down");
            }
            committed.add(new ArrayList<>(open));
            open.clear();
        }

        @Override
        public void rollback(Exception cause) {
            rolledBack.addAll(open);
            open.clear();
        }

        List<Long> all() {
            List<Long> out = new ArrayList<>();
            synchronized (committed) {
                committed.forEach(out::addAll);
            }
            return out;
        }
    }

    static final TransactionBatcher.Keys<Long> KEYS = new TransactionBatcher.Keys<>() {
        @Override
        public Object stream(Long item) {
            return "s";
        }

        @Override
        public long position(Long item) {
            return item;
        }
    };

    private final Map<Long, Object> outcomes = new ConcurrentHashMap<>();
    private final List<Long> completionOrder = Collections.synchronizedList(new ArrayList<>());

    private void submit(TransactionBatcher<Long> b, long item) throws InterruptedException {
        b.submit(item, failure -> {
            completionOrder.add(item);
            outcomes.put(item, failure == null ? "ok" : failure);
        });
    }

    private void awaitOutcomes(int n) {
        Awaitility.await("every item completed").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                .until(() -> outcomes.size() >= n);
        assertEquals(n, outcomes.size(), "every item completed, once");
    }

    /** Holds the next commit until the returned latch is counted down; returns once that commit has begun. */
    private static CountDownLatch holdNextCommit(Recorder tx) {
        CountDownLatch release = new CountDownLatch(1);
        tx.commitHeld = new CountDownLatch(1);
        tx.holdCommit = release;
        return release;
    }

    private static void awaitCommitHeld(Recorder tx) throws InterruptedException {
        assertTrue(tx.commitHeld.await(30, TimeUnit.SECONDS), "a commit began");
    }

    @Test
    void commitsInOrderInBatchesAndCompletesOnlyAfterTheCommit() throws Exception {
        Recorder tx = new Recorder();
        tx.holdCommit = new CountDownLatch(1);
        TransactionBatcher<Long> b = new TransactionBatcher<>("t", tx, 50, 0, 1000, KEYS);
        try {
            for (long i = 1; i <= 500; i++) {
                submit(b, i);
            }
            assertTrue(tx.commitHeld.await(10, TimeUnit.SECONDS), "the first commit began");
            assertTrue(outcomes.isEmpty(), "nothing completed while the first commit is held");
            tx.holdCommit.countDown();
            tx.holdCommit = null;
            awaitOutcomes(500);
            List<Long> expected = new ArrayList<>();
            for (long i = 1; i <= 500; i++) {
                expected.add(i);
            }
            assertEquals(expected, tx.all(), "each once, in order");
            assertEquals(expected, completionOrder, "completed in order");
            synchronized (tx.committed) {
                tx.committed.forEach(batch -> assertTrue(batch.size() <= 50, "batch of " + batch.size()));
                assertTrue(tx.committed.size() >= 10 && tx.committed.size() < 500, tx.committed.size() + " commits");
            }
            assertTrue(outcomes.values().stream().allMatch("ok"::equals));
        } finally {
            b.close();
        }
    }

    @Test
    void aFailedTransactionFailsAllItsItemsAndNothingBehindItIsCommittedUntilTheStreamGoesBack() throws Exception {
        Recorder tx = new Recorder();
        tx.failOn = 4;
        CountDownLatch release = holdNextCommit(tx);
        TransactionBatcher<Long> b = new TransactionBatcher<>("t", tx, 5, 0, 1000, KEYS);
        try {
            submit(b, 1); // committed alone, held while 2..9 queue up behind it
            awaitCommitHeld(tx);
            for (long i = 2; i <= 9; i++) {
                submit(b, i); // batch 2..6 fails (4); 7..9 are behind the hole
            }
            tx.holdCommit = null;
            release.countDown();
            awaitOutcomes(9);
            assertSame("ok", outcomes.get(1L));
            for (long i = 2; i <= 6; i++) {
                assertInstanceOf(java.io.IOException.class, outcomes.get(i), "item " + i);
            }
            for (long i = 7; i <= 9; i++) {
                assertInstanceOf(TransactionBatcher.EarlierFailureException.class, outcomes.get(i), "item " + i);
            }
            assertEquals(List.of(1L), tx.all(), "nothing committed after the failed batch");
            assertEquals(List.of(2L, 3L, 4L, 5L, 6L), tx.rolledBack);
            // a later item is still refused; the caller going back (2) clears the hole
            outcomes.clear();
            tx.failOn = -1;
            submit(b, 10);
            awaitOutcomes(1);
            assertInstanceOf(TransactionBatcher.EarlierFailureException.class, outcomes.get(10L));
            outcomes.clear();
            for (long i = 2; i <= 10; i++) {
                submit(b, i);
            }
            awaitOutcomes(9);
            assertTrue(outcomes.values().stream().allMatch("ok"::equals), outcomes.toString());
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L), tx.all());
        } finally {
            b.close();
        }
    }

    @Test
    void aLoneItemIsCommittedAtOnceWithoutWaitingForCompany() throws Exception {
        Recorder tx = new Recorder();
        TransactionBatcher<Long> b = new TransactionBatcher<>("t", tx, 500, 0, 1000, null);
        try {
            submit(b, 1); // nothing follows it: neither a full batch nor a second item ever comes
            awaitOutcomes(1);
            assertEquals(List.of(List.of(1L)), tx.committed, "committed alone");
            assertSame("ok", outcomes.get(1L));
        } finally {
            b.close();
        }
    }

    @Test
    void whatQueuesUpDuringACommitIsTheNextBatchUpToItsLimit() throws Exception {
        Recorder tx = new Recorder();
        CountDownLatch release = holdNextCommit(tx);
        TransactionBatcher<Long> b = new TransactionBatcher<>("t", tx, 3, 0, 1000, null);
        try {
            submit(b, 1);
            awaitCommitHeld(tx); // the commit of 1 is in progress
            for (long i = 2; i <= 8; i++) {
                submit(b, i);
            }
            assertTrue(outcomes.isEmpty(), "nothing completed before its commit");
            tx.holdCommit = null;
            release.countDown();
            awaitOutcomes(8);
            assertEquals(List.of(List.of(1L), List.of(2L, 3L, 4L), List.of(5L, 6L, 7L), List.of(8L)), tx.committed,
                    "the first alone, then what waited, in batches of at most 3");
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), completionOrder);
        } finally {
            b.close();
        }
    }

    @Test
    void theQueueIsBoundedTheCallerWaitsForRoomAndNothingIsDropped() throws Exception {
        Recorder tx = new Recorder();
        CountDownLatch release = holdNextCommit(tx);
        TransactionBatcher<Long> b = new TransactionBatcher<>("t", tx, 10, 0, 2, null);
        try {
            submit(b, 1);
            awaitCommitHeld(tx);
            submit(b, 2);
            submit(b, 3); // the queue (2) is full now
            Thread caller = new Thread(() -> {
                try {
                    submit(b, 4);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "caller");
            caller.start();
            Awaitility.await("the caller waits for room").atMost(Duration.ofSeconds(30))
                    .until(() -> caller.getState() == Thread.State.TIMED_WAITING);
            assertEquals(2, b.queued());
            tx.holdCommit = null;
            release.countDown();
            caller.join(30_000);
            awaitOutcomes(4);
            assertEquals(List.of(1L, 2L, 3L, 4L), tx.all());
        } finally {
            b.close();
        }
    }

    @Test
    void anExplicitLingerWaitsForCompanyAndCloseWritesWhatIsQueued() throws Exception {
        Recorder tx = new Recorder();
        // a linger far longer than the test: the batch ends because it is full (2), not because the linger ran out
        TransactionBatcher<Long> b = new TransactionBatcher<>("t", tx, 2, 60_000, 1000, null);
        submit(b, 1);
        // the writer has taken the first item and is lingering for company when the second comes
        assertTrue(tx.firstAdd.await(10, TimeUnit.SECONDS), "the writer took the first item");
        submit(b, 2);
        b.close(10_000);
        awaitOutcomes(2);
        assertEquals(List.of(List.of(1L, 2L)), tx.committed, "one transaction: the writer lingered for the second");
        assertNull(tx.open.isEmpty() ? null : tx.open);
        boolean refused = false;
        try {
            submit(b, 3);
        } catch (IllegalStateException e) {
            refused = true;
        }
        assertTrue(refused, "closed: refuses");
        assertFalse(outcomes.containsKey(3L));
        assertSame("ok", outcomes.get(1L));
    }
}
