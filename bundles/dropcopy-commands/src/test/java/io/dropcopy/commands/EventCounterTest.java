package io.dropcopy.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.EventKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rates, latency percentiles and skew of {@link EventCounter}, with a fake clock (no waiting). */
class EventCounterTest {
    /** The outer SendingTime(52) of {@link CommandsTest#event}: 20261125-07:40:00.125. */
    static final Instant SENT = Instant.parse("2026-11-25T07:40:00.125Z");

    /** A clock the test moves. */
    static final class FakeClock extends Clock {
        volatile Instant now;

        FakeClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    private final InMemoryHub hub = new InMemoryHub();
    private final FakeClock clock = new FakeClock(SENT.minusSeconds(30));
    private final EventCounter counter = new EventCounter();
    private DropCopyEvent fill;

    @BeforeEach
    void start() throws Exception {
        hub.add("demo", "DEMO");
        hub.add("other", "OTHER");
        counter.hub = hub;
        counter.clock = clock;
        counter.activate();
        fill = CommandsTest.event("DEMO", "demo", 1, "2", "ES", "1");
    }

    @AfterEach
    void stop() {
        counter.deactivate();
    }

    /** Delivers the fill as seen {@code micros} after its SendingTime. */
    private void seenAfter(long micros) {
        clock.set(SENT.plusNanos(micros * 1_000));
        hub.deliver(fill);
    }

    @Test
    void percentilesOfKnownLatenciesAreWithinOneBucketOfTheTrueValue() {
        // 1,000 events at 1, 2, ..., 1000 ms (shuffled order does not matter to a histogram)
        for (int i = 1000; i >= 1; i--) {
            seenAfter(i * 1_000L);
        }
        EventCounter.View v = counter.view("demo", "DEMO");
        assertEquals(1000, v.latency.total());
        assertEquals(0, v.skewed);
        assertWithinOneBucket(500_000, v.latency.percentile(5_000));
        assertWithinOneBucket(990_000, v.latency.percentile(9_900));
        assertWithinOneBucket(999_000, v.latency.percentile(9_990));
        assertEquals(1_000_000, v.latency.max(), "the maximum is exact");
        assertEquals(1_000_000, v.latency.percentile(10_000));
        assertEquals(Map.of(EventKind.FILL, 1000L), v.counts);
    }

    @Test
    void subMillisecondLatenciesKeepMicrosecondResolution() {
        for (int i = 0; i < 900; i++) {
            seenAfter(40);      // 0.04 ms
        }
        for (int i = 0; i < 100; i++) {
            seenAfter(2_500);   // 2.5 ms
        }
        EventCounter.View v = counter.view("demo", "DEMO");
        assertEquals(40, v.latency.percentile(5_000));
        assertWithinOneBucket(2_500, v.latency.percentile(9_900));
        assertEquals("0.040", StatsCommand.millis(v.latency.percentile(5_000)));
        assertEquals("2.500", StatsCommand.millis(v.latency.max()));
    }

    private static void assertWithinOneBucket(long expected, long actual) {
        int bucket = LatencyHistogram.index(expected);
        long width = LatencyHistogram.highest(bucket) - LatencyHistogram.lowest(bucket) + 1;
        assertTrue(actual >= expected && actual - expected < width,
                "expected " + expected + " µs within one bucket (" + width + " µs), got " + actual);
    }

    @Test
    void bucketsCoverEveryValueAtMostOneThirtySecondWide() {
        assertTrue(LatencyHistogram.BUCKETS < 1_000, "fixed memory: " + LatencyHistogram.BUCKETS);
        long previousHighest = -1;
        for (int i = 0; i < LatencyHistogram.BUCKETS; i++) {
            long lo = LatencyHistogram.lowest(i);
            long hi = LatencyHistogram.highest(i);
            assertEquals(previousHighest + 1, lo, "bucket " + i + " follows the one before");
            assertTrue(hi >= lo && hi - lo + 1 <= Math.max(1, lo / 32), "bucket " + i + " [" + lo + ", " + hi + "]");
            assertEquals(i, LatencyHistogram.index(lo));
            assertEquals(i, LatencyHistogram.index(hi));
            previousHighest = hi;
        }
        assertTrue(previousHighest >= LatencyHistogram.MAX_MICROS, "up to 60 s");
        assertEquals(LatencyHistogram.BUCKETS - 1, LatencyHistogram.index(3_600_000_000L), "above 60 s: the last bucket");
        assertEquals(0, LatencyHistogram.index(-5));
    }

    @Test
    void negativeLatencyCountsAsZeroAndAsSkewed() {
        seenAfter(-5_000);  // seen 5 ms before CME sent it: the clocks are apart
        seenAfter(-1);
        seenAfter(3_000);
        EventCounter.View v = counter.view("demo", "DEMO");
        assertEquals(2, v.skewed);
        assertEquals(3, v.latency.total());
        assertEquals(0, v.latency.percentile(5_000));
        assertEquals(3_000, v.latency.max());
        assertEquals(0, v.untimed);
    }

    @Test
    void ratesOverTheLast10And60WholeSeconds() {
        Instant begin = clock.instant(); // counting of DEMO began here (activate)
        assertTrue(Double.isNaN(counter.view("demo", "DEMO").rate10), "no whole second yet");
        // 5 events per second for 20 s
        for (int s = 0; s < 20; s++) {
            for (int i = 0; i < 5; i++) {
                clock.set(begin.plusSeconds(s).plusMillis(100 * i));
                hub.deliver(fill);
            }
        }
        clock.set(begin.plusSeconds(20));
        EventCounter.View v = counter.view("demo", "DEMO");
        assertEquals(5.0, v.rate10, 1e-9);
        assertEquals(5.0, v.rate60, 1e-9, "20 s counted so far: 100 events / 20 s");
        assertEquals(0.0, counter.view("other", "OTHER").rate10, "a watched session without events");
        // then 2 per second for 50 s: the ring (64 s) wraps
        for (int s = 20; s < 70; s++) {
            for (int i = 0; i < 2; i++) {
                clock.set(begin.plusSeconds(s).plusMillis(300 * i));
                hub.deliver(fill);
            }
        }
        clock.set(begin.plusSeconds(70).plusMillis(800)); // begin is at .125: still its 70th second, which is excluded
        v = counter.view("demo", "DEMO");
        assertEquals(2.0, v.rate10, 1e-9);
        assertEquals((10 * 5 + 50 * 2) / 60.0, v.rate60, 1e-9);
        assertEquals(200, v.counts.get(EventKind.FILL));
        // quiet for a minute: the rates fall to 0, the counts stay
        clock.set(begin.plusSeconds(140));
        v = counter.view("demo", "DEMO");
        assertEquals(0.0, v.rate10);
        assertEquals(0.0, v.rate60);
        assertEquals(200, v.counts.get(EventKind.FILL));
    }

    @Test
    void concurrentSessionsCountExactly() throws Exception {
        int threads = 4;
        int perThread = 20_000;
        clock.set(SENT.plusMillis(3));
        List<DropCopyEvent> events = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            hub.add("s" + t, "DEMO");
            // two threads per session: more contention than the hub ever makes (one thread per session)
            events.add(CommandsTest.event("DEMO", "s" + (t / 2), t + 1, t % 2 == 0 ? "2" : "0", "ES", "1"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                DropCopyEvent e = events.get(t);
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        counter.count(e);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        clock.advance(Duration.ofSeconds(1));
        long total = 0;
        for (int s = 0; s < threads / 2; s++) {
            EventCounter.View v = counter.view("s" + s, "DEMO");
            assertEquals(Map.of(EventKind.FILL, (long) perThread, EventKind.NEW, (long) perThread), v.counts);
            assertEquals(2L * perThread, v.latency.total());
            assertWithinOneBucket(3_000, v.latency.percentile(9_990));
            total += v.latency.total();
        }
        assertEquals((long) threads * perThread, total);
    }

    @Test
    void sendingTimeIsParsedWithoutInstantParseAsInstantParseWould() {
        for (String t : List.of("2026-11-25T07:40:00Z", "2026-11-25T07:40:00.1Z", "2026-11-25T07:40:00.125Z",
                "2026-11-25T07:40:00.123456Z", "2026-11-25T07:40:00.123456789Z", "2024-02-29T23:59:59.999Z",
                "2000-03-01T00:00:00Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.5Z", "2100-12-31T12:00:00.000001Z")) {
            Instant i = Instant.parse(t);
            assertEquals(i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000, EventCounter.epochMicros(t), t);
        }
        assertEquals(SENT.toEpochMilli() * 1_000, EventCounter.epochMicros(fill.sendingTime()));
        assertEquals(EventCounter.NO_TIME, EventCounter.epochMicros("yesterday"));
        assertEquals(EventCounter.NO_TIME, EventCounter.epochMicros("2026-13-25T07:40:00Z"));
    }

    @Test
    void statsPrintsRatesAndPercentilesPerSessionAndFiltersByGroup() throws Exception {
        Instant begin = clock.instant();
        for (int s = 0; s < 10; s++) {
            for (int i = 1; i <= 100; i++) {
                // each event i ms after its SendingTime, delivered in second s of counting
                clock.set(begin.plusSeconds(s));
                DropCopyEvent e = CommandsTest.event("DEMO", "demo", i, "2", "ES", "1",
                        CommandsTest.fixTime(begin.plusSeconds(s).minusMillis(i)));
                hub.deliver(e);
            }
        }
        clock.set(begin.plusSeconds(10));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StatsCommand stats = new StatsCommand();
        stats.hub = hub;
        stats.counter = counter;
        stats.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        stats.execute();
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().collect(java.util.stream.Collectors.toList());
        int timing = lines.indexOf("") + 1;
        assertEquals(List.of("Session", "Group", "Msg/s 10s", "Msg/s 60s", "p50 ms", "p99 ms", "p99.9 ms", "Max ms",
                "Skewed"), CommandsTest.cells(lines.get(timing)));
        List<String> demo = CommandsTest.cells(lines.get(timing + 2));
        assertEquals(List.of("demo", "DEMO", "100.0", "100.0"), demo.subList(0, 4));
        assertWithinOneBucket(50_000, micros(demo.get(4)));
        assertWithinOneBucket(99_000, micros(demo.get(5)));
        assertWithinOneBucket(100_000, micros(demo.get(6)));
        assertEquals(List.of("100.000", "0"), demo.subList(7, 9));
        assertEquals(List.of("other", "OTHER", "0.0", "0.0", "-", "-", "-", "-", "0"),
                CommandsTest.cells(lines.get(timing + 3)));
        assertEquals(StatsCommand.FOOTER, lines.get(timing + 4));

        bytes.reset();
        stats.group = "OTHER";
        stats.execute();
        String other = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(other.contains("OTHER") && !other.contains("demo") && !other.contains("DEMO"), other);
        bytes.reset();
        stats.group = "NOPE";
        stats.execute();
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("No drop copy session in group NOPE."));
    }

    private static long micros(String millis) {
        return Math.round(Double.parseDouble(millis) * 1_000);
    }
}
