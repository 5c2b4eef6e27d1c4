package io.dropcopy.session.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A sink slower than the feed. The listener runs on the session's own thread and QuickFIX/J hands it messages from a
 * bounded queue (10,000), so when the sink stalls the queue fills, the socket is no longer read, and TCP pushes back on
 * the sender: the gateway's writes block instead of the heap growing. When the sink moves again, everything arrives,
 * once, in order.
 */
class BackPressureTest extends SessionTestSupport {
    private static final int MESSAGES = 60_000;
    private HostileCme cme;

    @AfterEach
    void closeCme() {
        if (cme != null) {
            cme.close();
        }
    }

    @Test
    void aStalledSinkStopsTheSocketReadAndKeepsTheHeapBounded() throws Exception {
        cme = new HostileCme();
        cme.keepSent = false;       // 60,000 kept copies would blur the heap measurement; nothing is lost here anyway
        CountDownLatch sinkMoves = new CountDownLatch(1);
        List<String> received = new CopyOnWriteArrayList<>();
        Map<String, Object> p = sessionProperties("demo", "DEMO", HostileCme.CLIENT, cme.address());
        TargetSession session = session(p, e -> {
            sinkMoves.await();                                   // stalled, then slow
            LockSupport.parkNanos(20_000);
            received.add(e.execId());
        });
        session.start();
        await("logged on", () -> session.status().loggedOn() && cme.logons.get() >= 1);
        long before = HostileInputTest.usedHeapAfterGc();

        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= MESSAGES; i++) {
            expected.add(String.format("B%07d", i));
        }
        AtomicInteger written = new AtomicInteger();
        Thread feed = new Thread(() -> {
            try {
                for (String id : expected) {
                    cme.send(cme.business(id));
                    written.incrementAndGet();
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }, "feed");
        feed.setDaemon(true);
        feed.start();

        // The feed stalls well short of the end: the session stopped reading its socket.
        int[] last = {-1};
        long[] since = {System.nanoTime()};
        await("the feed blocked by TCP back-pressure", Duration.ofSeconds(60), () -> {
            int now = written.get();
            if (now != last[0]) {
                last[0] = now;
                since[0] = System.nanoTime();
                return false;
            }
            return System.nanoTime() - since[0] > Duration.ofSeconds(2).toNanos();
        });
        int blockedAt = written.get();
        assertTrue(blockedAt < MESSAGES, "the feed was blocked after " + blockedAt + " of " + MESSAGES);
        assertTrue(received.isEmpty());
        long grown = HostileInputTest.usedHeapAfterGc() - before;
        assertTrue(grown < 96 << 20, "heap grew by " + (grown >> 20) + " MB with " + blockedAt + " messages in flight");

        sinkMoves.countDown();
        await("all " + MESSAGES + " through the slow sink", Duration.ofSeconds(120), () -> received.size() >= MESSAGES);
        assertSameStream(expected, received);
        System.out.println("BackPressureTest: feed blocked after " + blockedAt + " of " + MESSAGES
                + " messages, heap grew by " + (grown >> 20) + " MB");
    }
}
