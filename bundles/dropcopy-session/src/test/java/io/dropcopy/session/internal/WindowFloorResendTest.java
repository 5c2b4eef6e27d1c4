package io.dropcopy.session.internal;

import static io.dropcopy.testsupport.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.session.api.SessionStatus;
import io.dropcopy.simulator.CmeSimulator;
import io.dropcopy.simulator.SimulatorControl;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import quickfix.MessageUtils;

/**
 * CME rejects a resend reaching back before its window; the part of the range still inside it is recovered: every
 * in-window message arrives once, and exactly the messages below the window's floor are recorded as unrecoverable.
 */
class WindowFloorResendTest extends SessionTestSupport {
    private static final int BACKLOG = 30;
    private static final int FLOOR = 12;

    @Test
    void theInWindowPartOfARejectedRangeIsRecoveredAndOnlyTheRestIsUnrecoverable() throws Exception {
        int port = freePort();
        CmeSimulator simulator = simulator(port, 20, 50);
        simulator.sendBacklog(BACKLOG);                      // seqs 1-30, sent while the consumer was away
        SimulatorControl.fault(simulator, "resend-floor", List.of(String.valueOf(FLOOR)));

        List<DropCopyEvent> events = new CopyOnWriteArrayList<>();
        TargetSession session = startSession(port, events::add);
        await("the stream to its end", () -> simulator.isFinished() && session.status().loggedOn()
                && session.status().nextTargetSeqNum() >= simulator.nextSenderSeqNum());

        // what the simulator sent from the floor on, business messages only, in sequence order
        List<String> expected = new ArrayList<>();
        for (String raw : simulator.storedMessages(FLOOR, simulator.nextSenderSeqNum() - 1)) {
            if ("n".equals(MessageUtils.getStringField(raw, 35))) {
                expected.add(MessageUtils.getStringField(raw, 17)); // the first 17 is the inner message's
            }
        }
        await("every in-window message", () -> events.size() >= expected.size());
        assertSameStream(expected, execIds(events));

        SessionStatus status = session.status();
        assertEquals(1, status.unrecoverableGaps().size(), status.unrecoverableGaps().toString());
        assertTrue(status.unrecoverableGaps().get(0).startsWith("1-" + (FLOOR - 1) + ": "),
                "exactly the messages below the floor: " + status.unrecoverableGaps());
        assertEquals("DEGRADED", status.health(), status.healthReason());

        List<int[]> requests = simulator.resendRequests();
        assertTrue(requests.size() <= 1 + WindowNarrowing.MAX_PROBES, "bounded: " + requests.size());
        for (int[] r : requests) {
            assertTrue(r[1] == 0 || r[1] - r[0] + 1 <= CmeSimulator.MAX_RESEND, r[0] + "-" + r[1]);
        }
    }
}
