package io.dropcopy.session.internal;

import static io.dropcopy.testsupport.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.session.api.DeadLetter;
import io.dropcopy.session.api.SessionStatus;
import io.dropcopy.simulator.CmeSimulator;
import io.dropcopy.simulator.SimulatorControl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import quickfix.MessageUtils;

/**
 * A frame that cannot be read never stalls the stream: the simulator damages one business message on the wire, live
 * and identically on every resend; the session dead-letters its raw bytes after a bounded number of failures, moves
 * past its sequence number and delivers everything after it, once, and says so in its health.
 */
class UnreadableFrameTest extends SessionTestSupport {
    private static final int ORDERS = 12;

    @Test
    void overstatedXmlDataLenIsDeadLetteredAndTheStreamGoesOn() throws Exception {
        int port = freePort();
        CmeSimulator simulator = simulator(port, ORDERS, 20);
        List<DropCopyEvent> events = new CopyOnWriteArrayList<>();
        List<String> healthWhileStuck = new CopyOnWriteArrayList<>();
        TargetSession session = startFastResendSession(port, events);
        await("the first orders", () -> events.size() >= 3);
        SimulatorControl.fault(simulator, "bad-frame", List.of("xmldatalen"));
        // while the damaged frame holds the stream, health is never UP
        await("the damaged frame and a duplicate resend", Duration.ofSeconds(60), () -> {
            SessionStatus s = session.status();
            if (s.resendStalled() != null) {
                healthWhileStuck.add(s.health());
            }
            return duplicates(simulator) >= 1 || !s.unreadableFrames().isEmpty();
        });
        await("every other message", Duration.ofSeconds(90), () -> events.size() >= 3 * ORDERS - 1
                && simulator.isFinished());

        Map<Integer, String> damaged = simulator.damagedFrames();
        assertEquals(1, damaged.size(), "one frame damaged: " + damaged.keySet());
        int seq = damaged.keySet().iterator().next();
        String original = damaged.get(seq);
        String lostExecId = MessageUtils.getStringField(original, 17); // the first 17 is the inner message's

        List<String> expected = new ArrayList<>(execIds(1, ORDERS));
        assertTrue(expected.remove(lostExecId), lostExecId);
        assertSameStream(expected, execIds(events));

        List<DeadLetter> letters = session.deadLetters();
        assertEquals(1, letters.size(), "one dead letter");
        DeadLetter letter = letters.get(0);
        assertEquals(seq, letter.seqNum());
        assertTrue(letter.reason().startsWith("unreadable frame"), letter.reason());
        String data = original.substring(original.indexOf("\u0001213=") + 5, original.indexOf("</RTRF>") + 7);
        assertTrue(letter.raw().contains("\u0001213=" + data), "the raw frame as received: " + letter.raw());
        int announced = Integer.parseInt(MessageUtils.getStringField(letter.raw(), 212));
        assertEquals(data.length() + 10, announced, "the overstated XmlDataLen as received");

        SessionStatus status = session.status();
        assertEquals("DEGRADED", status.health(), status.healthReason());
        assertEquals(1, status.unreadableFrames().size(), status.unreadableFrames().toString());
        assertTrue(status.unreadableFrames().get(0).startsWith(seq + ": "), status.unreadableFrames().toString());
        assertTrue(healthWhileStuck.stream().noneMatch("UP"::equals), healthWhileStuck.toString());
        assertEquals(List.of(), status.unrecoverableGaps());
    }

    @Test
    void damagedInnerMessagesAreDeadLetteredOnceEach() throws Exception {
        int port = freePort();
        CmeSimulator simulator = simulator(port, ORDERS, 20);
        List<DropCopyEvent> events = new CopyOnWriteArrayList<>();
        TargetSession session = startFastResendSession(port, events);
        await("the first orders", () -> events.size() >= 3);
        SimulatorControl.fault(simulator, "bad-frame", List.of("truncated"));
        SimulatorControl.fault(simulator, "bad-frame", List.of("checksum"));
        SimulatorControl.fault(simulator, "bad-frame", List.of("garbage"));
        await("every other message", Duration.ofSeconds(90), () -> events.size() >= 3 * ORDERS - 3
                && simulator.isFinished() && session.status().deadLettered() >= 3);

        Map<Integer, String> damaged = simulator.damagedFrames();
        assertEquals(3, damaged.size(), damaged.keySet().toString());
        List<String> expected = new ArrayList<>(execIds(1, ORDERS));
        for (String original : damaged.values()) {
            assertTrue(expected.remove(MessageUtils.getStringField(original, 17)));
        }
        assertSameStream(expected, execIds(events));
        List<DeadLetter> letters = session.deadLetters();
        assertEquals(3, letters.size(), letters.toString());
        for (DeadLetter letter : letters) {
            assertTrue(damaged.containsKey((int) letter.seqNum()), "seq " + letter.seqNum());
        }
    }

    @Test
    void theNumberOfFailuresIsASetting() throws Exception {
        int port = freePort();
        CmeSimulator simulator = simulator(port, ORDERS, 20);
        List<DropCopyEvent> events = new CopyOnWriteArrayList<>();
        Map<String, Object> p = sessionProperties("demo", "DEMO", "DEMO01N", "127.0.0.1:" + port);
        p.put("unreadableFrameAttempts", "2"); // live, then the first resend; resendTimeout stays 30 s
        TargetSession session = session(p, events::add);
        session.start();
        await("the first orders", () -> events.size() >= 3);
        SimulatorControl.fault(simulator, "bad-frame", List.of("xmldatalen"));
        await("every other message", Duration.ofSeconds(90), () -> events.size() >= 3 * ORDERS - 1
                && simulator.isFinished() && session.status().deadLettered() >= 1);

        int seq = simulator.damagedFrames().keySet().iterator().next();
        assertEquals(1, session.deadLetters().size());
        assertEquals(seq, session.deadLetters().get(0).seqNum());
        // at the default of 3 the frame is dead-lettered only at the duplicate (43=Y) resend: none was needed here
        assertEquals(0, duplicates(simulator), "resend requests: " + simulator.resendRequests().stream()
                .map(r -> r[0] + "-" + r[1] + (r[2] == 1 ? " 43=Y" : "")).collect(java.util.stream.Collectors.toList()));
    }

    private TargetSession startFastResendSession(int port, List<DropCopyEvent> events) throws Exception {
        Map<String, Object> p = sessionProperties("demo", "DEMO", "DEMO01N", "127.0.0.1:" + port);
        p.put("resendTimeout", "1");
        TargetSession session = session(p, events::add);
        session.start();
        return session;
    }

    private static long duplicates(CmeSimulator simulator) {
        return simulator.resendRequests().stream().filter(r -> r[2] == 1).count();
    }
}
