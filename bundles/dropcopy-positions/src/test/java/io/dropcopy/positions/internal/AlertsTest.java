package io.dropcopy.positions.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.positions.Alert;
import io.dropcopy.positions.RiskListener;
import io.dropcopy.positions.SessionView;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each alert raised once when crossed, cleared once when back inside, told to listeners. */
class AlertsTest {
    private final AtomicLong clock = new AtomicLong(1_765_000_000_000L);
    private final RiskEngine engine = new RiskEngine(clock::get);
    private final List<Alert> told = new ArrayList<>();
    private int n;

    @BeforeEach
    void listen() {
        engine.listen(new RiskListener() {
            @Override
            public void onAlert(Alert alert) {
                told.add(alert);
            }
        });
    }

    private void fill(String account, String side, long qty) throws Exception {
        n++;
        engine.onEvent(Msgs.event(Msgs.fill("F-" + n, "O" + n, account, "118", "ESZ6", side, qty, "4500")));
    }

    @Test
    void fillsWithNoLimitConfiguredRaiseAndClearNothingAndBuildNoTimeStamp() throws Exception {
        AtomicLong reads = new AtomicLong();
        RiskEngine quiet = new RiskEngine(() -> {
            reads.incrementAndGet();
            return clock.get();
        });
        List<Alert> heard = new ArrayList<>();
        quiet.listen(new RiskListener() {
            @Override
            public void onAlert(Alert alert) {
                heard.add(alert);
            }
        });
        String[][] fills = {{"ACC1", "1", "900000"}, {"ACC1", "2", "1800000"}, {"ACC2", "2", "5"}, {"ACC3", "1", "1"}};
        for (int i = 0; i < 50; i++) {
            String[] f = fills[i % fills.length];
            quiet.onEvent(Msgs.event(Msgs.fill("Q-" + i, "QO" + i, f[0], "118", "ESZ6", f[1], Long.parseLong(f[2]), "4500")));
        }
        assertTrue(heard.isEmpty(), "no alert raised or cleared: " + heard);
        assertTrue(quiet.alerts(false).isEmpty());
        // the rate window reads the clock once a fill; an alert's time stamp would be a second read
        assertTrue(reads.get() <= 50, "clock read " + reads.get() + " times for 50 fills");
    }

    @Test
    void positionLimitRaisedOnceAndClearedOnce() throws Exception {
        engine.configure(Limits.parse(5, 3, 0, 0, null, null));
        fill("ACC1", "1", 4);
        assertTrue(told.isEmpty());
        fill("ACC1", "1", 2); // long 6 > 5
        fill("ACC1", "1", 1); // long 7: still the same alert
        assertEquals(1, told.size());
        assertTrue(told.get(0).active());
        assertEquals(Alert.Type.POSITION_LIMIT, told.get(0).type());
        assertTrue(told.get(0).message().contains("long 7") || told.get(0).message().contains("long 6"), told.get(0).message());
        fill("ACC1", "2", 3); // long 4: back inside
        fill("ACC1", "2", 1); // long 3: nothing more
        assertEquals(2, told.size());
        assertFalse(told.get(1).active());
        fill("ACC1", "2", 7); // short 4 > 3
        assertEquals(3, told.size());
        assertTrue(told.get(2).message().contains("short 4"), told.get(2).message());
    }

    @Test
    void perAccountInstrumentOverrideWinsAndReloadReevaluates() throws Exception {
        engine.configure(Limits.parse(100, 100, 0, 0, "ACC1/ESZ6=2/2, */*=50/50", null));
        fill("ACC1", "1", 3);
        fill("ACC2", "1", 3);
        assertEquals(1, engine.alerts(true).size());
        assertEquals("ACC1 ESZ6", engine.alerts(true).get(0).subject());
        engine.configure(Limits.parse(100, 100, 0, 0, null, null)); // hot reload: back inside
        assertTrue(engine.alerts(true).isEmpty());
        assertEquals("back inside: net 3", engine.alerts(false).get(0).clearedBy());
    }

    @Test
    void fillSizeAndRateAndUnknownAccount() throws Exception {
        engine.configure(Limits.parse(0, 0, 10, 2, null, "DEMO=ACC1"));
        fill("ACC1", "1", 11);
        assertEquals(List.of("fill-size/DEMO/ACC1/118"), ids(engine.alerts(true)));
        fill("ACC1", "1", 1); // size back inside; 2 fills this minute
        assertTrue(engine.alerts(true).isEmpty());
        clock.addAndGet(10_000);
        fill("ACC1", "1", 1); // 3rd fill within a minute
        assertEquals(List.of("fill-rate/DEMO/ACC1"), ids(engine.alerts(true)));
        clock.addAndGet(50_001); // the first two are over a minute old
        engine.tick();
        assertTrue(engine.alerts(true).isEmpty());
        fill("ACC9", "1", 1);
        assertEquals(List.of("unknown-account/DEMO/ACC9"), ids(engine.alerts(true)));
        engine.configure(Limits.parse(0, 0, 10, 2, null, "DEMO=ACC1|ACC9"));
        assertTrue(engine.alerts(true).isEmpty());
    }

    @Test
    void sessionDownGapAndDeadLetters() {
        SessionView down = new SessionView("s1", "DEMO", "CONNECTING", "DOWN", "not logged on", 5, 5, 10, 0,
                List.of(), null, null);
        engine.sessions(List.of(down));
        clock.addAndGet(9_999);
        engine.sessions(List.of(down));
        assertTrue(told.isEmpty(), "DOWN for less than 10 s (a logon at start) raises nothing");
        clock.addAndGet(1);
        engine.sessions(List.of(down));
        engine.sessions(List.of(down));
        assertEquals(1, told.size());
        SessionView degraded = new SessionView("s1", "DEMO", "LOGGED_ON", "DEGRADED", "gap", 5, 5, 10, 2,
                List.of("100-200: outside the 48-hour window"), null, null);
        engine.sessions(List.of(degraded));
        // cleared DOWN, raised gap and dead letters
        assertEquals(4, told.size());
        assertEquals(List.of("dead-letters/s1", "gap/s1"), sortedIds(engine.alerts(true)));
        engine.sessions(List.of());
        assertTrue(engine.alerts(true).isEmpty());
    }

    @Test
    void acknowledgeClearsARefusal() throws Exception {
        engine.onEvent(Msgs.event(Msgs.bust("B1", "0001234", "O2", "ACC1", "118", "ESZ6", "1", 2, "4500")));
        String id = engine.alerts(true).get(0).id();
        assertTrue(engine.acknowledge(id, "karaf"));
        assertFalse(engine.acknowledge(id, "karaf"));
        assertEquals("acknowledged by karaf", engine.alerts(false).get(0).clearedBy());
    }

    @Test
    void badLimitsAreRefusedWhole() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Limits.parse(-1, 0, 0, 0, "ACC1/ESZ6=x/2, nonsense", "DEMO"));
        assertTrue(e.getMessage().contains("maxLong") && e.getMessage().contains("ACC1/ESZ6=x/2")
                && e.getMessage().contains("nonsense") && e.getMessage().contains("expectedAccounts"), e.getMessage());
    }

    private static List<String> ids(List<Alert> alerts) {
        List<String> out = new ArrayList<>();
        alerts.forEach(a -> out.add(a.id()));
        return out;
    }

    private static List<String> sortedIds(List<Alert> alerts) {
        List<String> out = ids(alerts);
        out.sort(null);
        return out;
    }

    @Test
    void metricsCountRaisedClearedAndActivePerType() throws Exception {
        engine.configure(Limits.parse(5, 5, 0, 0, null, null));
        fill("ACC1", "1", 6);   // raised
        fill("ACC1", "1", 1);   // still the same alert: not counted again
        fill("ACC2", "2", 9);   // another account: raised
        fill("ACC1", "2", 4);   // ACC1 back inside: cleared
        String text = engine.alertMetrics();
        assertTrue(text.contains("# TYPE dropcopy_alerts_raised_total counter\n"), text);
        assertTrue(text.contains("dropcopy_alerts_raised_total{type=\"position_limit\"} 2\n"), text);
        assertTrue(text.contains("dropcopy_alerts_cleared_total{type=\"position_limit\"} 1\n"), text);
        assertTrue(text.contains("dropcopy_alerts_active{type=\"position_limit\"} 1\n"), text);
        assertTrue(text.contains("dropcopy_alerts_raised_total{type=\"session_down\"} 0\n"), text);
        assertTrue(text.contains("dropcopy_alerts_active{type=\"dead_letters\"} 0\n"), text);
    }
}
