package io.dropcopy.session.internal;

import static io.dropcopy.testsupport.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.simulator.CmeSimulator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** An operator re-requests messages already received; the copies reach the consumers again, chunk after chunk. */
class ManualResendTest extends SessionTestSupport {

    @Test
    void resendOfReceivedRangeIsDeliveredAgainInChunks() throws Exception {
        int port = freePort();
        CmeSimulator simulator = simulator(port, 10, 0);
        List<DropCopyEvent> events = new CopyOnWriteArrayList<>();
        TargetSession session = startSession(port, events::add);
        await("30 events", () -> events.size() >= 30);
        Map<Long, String> firstPass = events.stream().collect(Collectors.toMap(DropCopyEvent::seqNum, DropCopyEvent::execId));
        int before = simulator.resendRequests().size();

        session.manualResend().chunkSize(3);
        session.resend(5, 12, "ops");
        await("8 copies", () -> events.size() >= 38);
        await("resend done", () -> session.status().resendInFlight() == null);

        List<DropCopyEvent> copies = events.subList(30, events.size());
        assertEquals(8, copies.size(), "each message of 5..12 once");
        for (int i = 0; i < 8; i++) {
            DropCopyEvent copy = copies.get(i);
            assertEquals(5 + i, copy.seqNum());
            assertEquals(firstPass.get(copy.seqNum()), copy.execId(), "the same message as the first time");
            assertTrue(copy.possDup());
        }
        List<int[]> requests = simulator.resendRequests().subList(before, simulator.resendRequests().size());
        assertEquals(3, requests.size(), "chunks of 3: 5-7, 8-10, 11-12");
        assertEquals(5, requests.get(0)[0]);
        assertEquals(7, requests.get(0)[1]);
        assertEquals(11, requests.get(2)[0]);
        assertEquals(12, requests.get(2)[1]);
        assertTrue(session.status().loggedOn());

        assertThrows(IllegalArgumentException.class, () -> session.resend(20, 10_000, "ops"), "not yet received");
        assertThrows(IllegalArgumentException.class, () -> session.resend(9, 3, "ops"));
    }
}
