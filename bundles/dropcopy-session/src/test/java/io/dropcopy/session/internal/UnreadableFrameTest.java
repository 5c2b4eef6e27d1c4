package io.dropcopy.session.internal;

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
