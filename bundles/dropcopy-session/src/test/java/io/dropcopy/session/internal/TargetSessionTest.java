package io.dropcopy.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.simulator.CmeSimulator;
import io.dropcopy.simulator.SimulatorConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;

/** A real target session against the simulator over TCP on loopback. */
class TargetSessionTest {
    static final String SECRET = "2HlZ7exg8jTKltXnURjKvm3GS5iF5n4ClzHiEm_ocv4";

    @TempDir
    Path tmp;

    private CmeSimulator simulator;
    private TargetSession session;

    @AfterEach
    void tearDown() {
        if (session != null) {
            session.stop();
        }
        if (simulator != null) {
            simulator.stop();
        }
    }

    private int startSimulator(int orders, double rate) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        simulator = new CmeSimulator(SimulatorConfig.builder().port(port).orders(orders).rate(rate)
                .targetCompId("DEMO01N").accessKeyId("DEMO-ACCESS-KEY-0001").secretKey(SECRET)
                .storeDir(tmp.resolve("sim")).build());
        simulator.start();
        return port;
    }

    private TargetSession startSession(int port, DropCopyApplication.Dispatcher dispatcher) throws Exception {
        Map<String, Object> p = new HashMap<>();
        p.put("name", "demo");
        p.put("group", "DEMO");
        p.put("senderCompId", "DEMO01N");
        p.put("senderSubId", "OPS1");
        p.put("senderLocationId", "US,IL");
        p.put("addresses", "127.0.0.1:" + port);
        p.put("reconnectInterval", "1");
        p.put("accessKeyId", "DEMO-ACCESS-KEY-0001");
        p.put("secretKey", SECRET);
        session = new TargetSession(TargetSessionConfig.parse(p, tmp.resolve("data")), dispatcher);
        session.start();
        return session;
    }

    static List<String> expectedExecIds(int orders) {
        List<String> ids = new ArrayList<>();
        for (int order = 1; order <= orders; order++) {
            for (int step = 1; step <= 3; step++) {
                ids.add(String.format("SIM%08d-%d", order, step));
            }
        }
        return ids;
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
        }
    }

    @Test
    void signedLogonThenEveryExecutionReportOnceInOrder() throws Exception {
        int port = startSimulator(5, 0);
        List<DropCopyEvent> events = new CopyOnWriteArrayList<>();
        startSession(port, events::add);

        await("15 events", () -> events.size() >= 15);
        assertEquals(expectedExecIds(5), events.stream().map(DropCopyEvent::execId).collect(Collectors.toList()));
        assertTrue(session.status().loggedOn());
        assertEquals("LOGGED_ON", session.status().state());
        assertEquals(15, session.status().received());
        DropCopyEvent first = events.get(0);
        assertEquals("demo", first.targetSession());
        assertEquals("DEMO", first.group());
        assertTrue(first.seqNum() >= 2, "outer sequence follows the logon");
    }

    @Test
    void aFailedDispatchIsNotConsumedAndComesAgain() throws Exception {
        int port = startSimulator(4, 200);
        List<String> handled = new CopyOnWriteArrayList<>();
        AtomicBoolean failedOnce = new AtomicBoolean();
        startSession(port, e -> {
            if (e.execId().equals("SIM00000002-1") && failedOnce.compareAndSet(false, true)) {
                throw new IOException("sink unavailable");
            }
            handled.add(e.execId());
        });

        await("12 events handled", () -> handled.size() >= 12);
        assertTrue(failedOnce.get());
        assertEquals(expectedExecIds(4), handled, "nothing lost, nothing doubled, in order");
    }

    @Test
    void readOnlyGuardRefusesApplicationMessages() throws Exception {
        int port = startSimulator(1, 0);
        List<DropCopyEvent> events = new CopyOnWriteArrayList<>();
        startSession(port, events::add);
        await("logon", () -> session.status().loggedOn());

        quickfix.fix42.NewOrderSingle order = new quickfix.fix42.NewOrderSingle();
        order.set(new quickfix.field.ClOrdID("MUST-NOT-LEAVE"));
        assertFalse(session.trySend(order), "an order must never leave a drop copy session");
        assertEquals(1, session.status().refusedSends());
    }

    @Test
    void malformedPayloadIsDeadLetteredAndTheSessionStaysUp() throws Exception {
        int port = startSimulator(2, 20);
        List<DropCopyEvent> events = new CopyOnWriteArrayList<>();
        startSession(port, events::add);
        await("first event", () -> !events.isEmpty());

        Message bad = new Message();
        bad.getHeader().setString(35, "n");
        String data = "<RTRF>8=FIX.4.2\u00019=5\u000135=8\u000110=000\u0001";   // no closing </RTRF>
        bad.getHeader().setInt(212, data.length());
        bad.getHeader().setString(213, data);
        assertTrue(Session.sendToTarget(bad, new SessionID("FIX.4.2", "CME", "DEMO01N")));

        await("dead letter", () -> session.status().deadLettered() == 1);
        await("all 6 events", () -> events.size() >= 6);
        assertEquals(expectedExecIds(2), events.stream().map(DropCopyEvent::execId).collect(Collectors.toList()));
        assertTrue(session.status().loggedOn(), "the session stays up");

        Path dir = tmp.resolve("data/dropcopy/sessions/demo/dead-letters");
        List<String> lines;
        try (Stream<Path> files = Files.list(dir)) {
            Path file = files.findFirst().orElseThrow();
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).contains("\"targetSession\":\"demo\""), lines.get(0));
        assertTrue(lines.get(0).contains("<RTRF>"), lines.get(0));
        assertTrue(lines.get(0).contains("not enclosed in <RTRF>"), lines.get(0));
    }
}
