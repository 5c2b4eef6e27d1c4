package io.dropcopy.session.internal;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.simulator.CmeSimulator;
import io.dropcopy.simulator.SimulatorConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** Real sessions against real simulators over TCP on loopback; everything started here is stopped after each test. */
abstract class SessionTestSupport {
    static final String SECRET = "2HlZ7exg8jTKltXnURjKvm3GS5iF5n4ClzHiEm_ocv4";
    static final String ACCESS_KEY = "DEMO-ACCESS-KEY-0001";

    @TempDir
    Path tmp;

    private final List<CmeSimulator> simulators = new ArrayList<>();
    private final List<TargetSession> sessions = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        sessions.forEach(TargetSession::stop);
        simulators.forEach(CmeSimulator::stop);
    }

    /** A started simulator for client comp id {@code clientCompId}; its state lives in {@code storeName}. */
    CmeSimulator simulator(int port, String clientCompId, String storeName, int orders, double rate) {
        CmeSimulator simulator = new CmeSimulator(SimulatorConfig.builder().port(port).orders(orders).rate(rate)
                .targetCompId(clientCompId).accessKeyId(ACCESS_KEY).secretKey(SECRET)
                .storeDir(tmp.resolve(storeName)).build());
        simulator.start();
        simulators.add(simulator);
        return simulator;
    }

    CmeSimulator simulator(int port, int orders, double rate) {
        return simulator(port, "DEMO01N", "sim", orders, rate);
    }

    static Map<String, Object> sessionProperties(String name, String group, String compId, String addresses) {
        Map<String, Object> p = new HashMap<>();
        p.put("name", name);
        p.put("group", group);
        p.put("senderCompId", compId);
        p.put("senderSubId", "OPS1");
        p.put("senderLocationId", "US,IL");
        p.put("addresses", addresses);
        p.put("reconnectInterval", "1");
        p.put("accessKeyId", ACCESS_KEY);
        p.put("secretKey", SECRET);
        return p;
    }

    TargetSession session(Map<String, Object> properties, io.dropcopy.session.api.DropCopyListener listener) {
        return session(properties, GroupDispatcher.of(listener));
    }

    TargetSession session(Map<String, Object> properties, GroupDispatcher dispatcher) {
        TargetSession session = new TargetSession(TargetSessionConfig.parse(properties, tmp.resolve("data")), dispatcher);
        sessions.add(session);
        return session;
    }

    /** With QuickFIX/J's session log going to {@code logs}, to see what QuickFIX/J itself reports. */
    TargetSession session(Map<String, Object> properties, io.dropcopy.session.api.DropCopyListener listener,
                          java.util.function.Function<quickfix.SessionSettings, quickfix.LogFactory> logs) {
        TargetSession session = new TargetSession(TargetSessionConfig.parse(properties, tmp.resolve("data")), GroupDispatcher.of(listener),
                logs);
        sessions.add(session);
        return session;
    }

    TargetSession startSession(String addresses, io.dropcopy.session.api.DropCopyListener listener) throws Exception {
        TargetSession session = session(sessionProperties("demo", "DEMO", "DEMO01N", addresses), listener);
        session.start();
        return session;
    }

    TargetSession startSession(int port, io.dropcopy.session.api.DropCopyListener listener) throws Exception {
        return startSession("127.0.0.1:" + port, listener);
    }

    /** The exec ids the simulator sends for orders {@code from..to}: ack, partial fill, fill each. */
    static List<String> execIds(int fromOrder, int toOrder) {
        List<String> ids = new ArrayList<>();
        for (int order = fromOrder; order <= toOrder; order++) {
            for (int step = 1; step <= 3; step++) {
                ids.add(String.format("SIM%08d-%d", order, step));
            }
        }
        return ids;
    }

    static List<String> execIds(List<DropCopyEvent> events) {
        return events.stream().map(DropCopyEvent::execId).collect(Collectors.toList());
    }

    /** Same messages, same order; on failure names the first difference instead of printing thousands of ids. */
    static void assertSameStream(List<String> expected, List<String> actual) {
        int n = Math.min(expected.size(), actual.size());
        for (int i = 0; i < n; i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                throw new AssertionError("stream differs at #" + i + ": expected " + expected.get(i) + " but got "
                        + actual.get(i) + " (" + actual.size() + " received, " + expected.size() + " expected)");
            }
        }
        if (expected.size() != actual.size()) {
            throw new AssertionError(actual.size() + " received, " + expected.size() + " expected"
                    + (actual.size() > n ? "; first extra: " + actual.get(n) : "; first missing: " + expected.get(n)));
        }
    }

    static void await(String what, BooleanSupplier condition) {
        await(what, Duration.ofSeconds(60), condition);
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for: " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }
}
