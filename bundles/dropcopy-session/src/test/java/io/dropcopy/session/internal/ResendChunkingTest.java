package io.dropcopy.session.internal;

import static io.dropcopy.testsupport.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.simulator.CmeSimulator;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A 6,000-message gap is recovered with exactly three Resend Requests of at most 2,500, every message once, in order. */
class ResendChunkingTest extends SessionTestSupport {

    @Test
    void sixThousandMessageGapTakesThreeResendRequests() throws Exception {
        int port = freePort();
        // 2,000 orders, 6,000 execution reports, all sent before the consumer ever logs on
        CmeSimulator simulator = simulator(port, 2_000, 0);
        simulator.sendBacklog(6_000);

        List<DropCopyEvent> events = new CopyOnWriteArrayList<>();
        startSession(port, events::add);
        await("6,000 events", Duration.ofSeconds(120), () -> events.size() >= 6_000);

        List<int[]> requests = simulator.resendRequests();
        assertEquals(3, requests.size(), "resend requests: " + describe(requests));
        for (int[] r : requests) {
            int end = r[1] == 0 ? r[0] + CmeSimulator.MAX_RESEND - 1 : r[1];
            assertTrue(end - r[0] + 1 <= CmeSimulator.MAX_RESEND, "at most 2,500 per request: " + describe(requests));
        }
        assertSameStream(execIds(1, 2_000), execIds(events));
        for (DropCopyEvent e : events) {
            assertTrue(e.possDup(), "recovered by resend: " + e);
        }
    }

    private static String describe(List<int[]> requests) {
        StringBuilder sb = new StringBuilder();
        for (int[] r : requests) {
            sb.append('[').append(r[0]).append("..").append(r[1]).append(']');
        }
        return sb.toString();
    }
}
