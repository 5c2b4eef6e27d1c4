package io.dropcopy.session.internal;

import static io.dropcopy.testsupport.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.session.api.SessionStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Deferred delivery over real TCP against the simulator: a sink that commits in batches (every 20 ms), an in-flight
 * window, and the checkpoint in the session's file store. A session stopped at once while the sink holds uncommitted
 * events (not a kill: QuickFIX/J still logs out; only the commits are cut short, as in a crash), then a new one on the
 * same store, delivers again exactly what was not committed; a failed commit makes the session log on again from the
 * checkpoint and nothing is lost.
 */
class DeferredDeliveryTest extends SessionTestSupport {
    private static final int ORDERS = 300; // 900 events

    /** The durable side of the sink: every exec id committed, and how often. */
    private final Map<String, Integer> stored = new ConcurrentHashMap<>();
    private final List<ScheduledExecutorService> batchers = new ArrayList<>();

    @AfterEach
    void stopBatchers() {
        batchers.forEach(ScheduledExecutorService::shutdownNow);
    }

    /** A deferred consumer that commits what it holds every 20 ms; {@code fail} picks events to fail once. */
    private final class BatchingSink implements io.dropcopy.session.api.DeferredDropCopyListener {
        final List<Object[]> held = new ArrayList<>();
        /** Every exec id handed to this sink, in order. */
        final List<String> delivered = new java.util.concurrent.CopyOnWriteArrayList<>();
        final Set<String> failOnce;
        final ScheduledExecutorService batcher = Executors.newSingleThreadScheduledExecutor();

        BatchingSink(Set<String> failOnce) {
            this.failOnce = failOnce;
            batchers.add(batcher);
            batcher.scheduleWithFixedDelay(this::commit, 20, 20, TimeUnit.MILLISECONDS);
        }

        @Override
        public synchronized void onEvent(DropCopyEvent event, Completion completion) {
            held.add(new Object[] {event, completion});
            delivered.add(event.execId());
        }

        /** Its in-flight window is small, so the session's thread waits on it. */
        GroupDispatcher dispatcher() {
            return GroupDispatcher.of(50, this);
        }

        synchronized int holding() {
            return held.size();
        }

        synchronized List<String> heldExecIds() {
            List<String> ids = new ArrayList<>();
            held.forEach(h -> ids.add(((DropCopyEvent) h[0]).execId()));
            return ids;
        }

        private void commit() {
            List<Object[]> batch;
            synchronized (this) {
                batch = new ArrayList<>(held);
                held.clear();
            }
            for (Object[] h : batch) {
                DropCopyEvent e = (DropCopyEvent) h[0];
                Completion c = (Completion) h[1];
                if (failOnce.remove(e.execId())) {
                    c.failed(new IOException("disk full"));
                    continue;
                }
                stored.merge(e.execId(), 1, Integer::sum);
                c.committed();
            }
        }

        /** The sink stops committing, as in a crash: what is held stays uncommitted. */
        void stopCommitting() throws InterruptedException {
            batcher.shutdownNow();
            assertTrue(batcher.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aSessionStoppedWhileItsSinkHoldsEventsRestartsOnItsStoreAndDeliversExactlyTheUncommitted() throws Exception {
        int port = freePort();
        simulator(port, ORDERS, 600);
        BatchingSink first = new BatchingSink(new HashSet<>());
        Map<String, Object> p = sessionProperties("demo", "DEMO", "DEMO01N", "127.0.0.1:" + port);
        TargetSession session = session(p, first.dispatcher());
        session.start();

        await("a third of the stream committed", () -> stored.size() >= ORDERS);
        await("events held, not yet committed", Duration.ofSeconds(30), () -> first.holding() > 0);
        first.stopCommitting();
        // stops without waiting for the sink's commits (QuickFIX/J's stop still logs out: not a kill)
        session.kill();
        List<String> uncommitted = first.heldExecIds();
        Set<String> committedBefore = new HashSet<>(stored.keySet());
        assertFalse(uncommitted.isEmpty());
        for (String id : uncommitted) {
            assertFalse(stored.containsKey(id), id + " was held, not committed");
        }

        BatchingSink second = new BatchingSink(new HashSet<>());
        TargetSession restarted = session(p, second.dispatcher());
        restarted.start();
        await("every message of the stream stored", Duration.ofSeconds(90), () -> stored.size() >= 3 * ORDERS);
        // against the simulator's stream: the restarted session delivers, in order, exactly what was not committed
        // (the checkpoint is the last commit): the held events first, nothing committed before a second time
        List<String> expectedAgain = new ArrayList<>(execIds(1, ORDERS));
        expectedAgain.removeAll(committedBefore);
        assertEquals(uncommitted, expectedAgain.subList(0, uncommitted.size()), "the held events come first");
        assertSameStream(expectedAgain, second.delivered);
        assertEquals(new HashSet<>(execIds(1, ORDERS)), stored.keySet(), "none missing");
        assertEquals(Set.of(1), new HashSet<>(stored.values()), "each committed once");
    }

    @Test
    void aFailedCommitLogsOnAgainFromTheCheckpointAndLosesNothing() throws Exception {
        int port = freePort();
        simulator(port, ORDERS, 600);
        Set<String> failOnce = ConcurrentHashMap.newKeySet();
        failOnce.add("SIM00000100-2");
        BatchingSink sink = new BatchingSink(failOnce);
        TargetSession session = session(sessionProperties("demo", "DEMO", "DEMO01N", "127.0.0.1:" + port), sink.dispatcher());
        session.start();

        await("every message of the stream stored", Duration.ofSeconds(90), () -> stored.size() >= 3 * ORDERS);
        assertTrue(failOnce.isEmpty(), "the failure happened");
        assertEquals(new HashSet<>(execIds(1, ORDERS)), stored.keySet(), "none missing");
        assertTrue(stored.containsKey("SIM00000100-2"), "the failed one came again");
        SessionStatus status = session.status();
        assertTrue(status.routeFailures() >= 1, "the failure is counted");
        assertTrue(status.lastRouteFailure().contains("disk full"), status.lastRouteFailure());
        await("up again", () -> "UP".equals(session.status().health()));
    }
}
