package io.dropcopy.session.internal;

import static io.dropcopy.testsupport.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.session.api.SessionStatus;
import io.dropcopy.simulator.CmeSimulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * CME rejects a Resend Request outside its 48-hour window: the exact missing range becomes a durable operator
 * event, visible in the session's status (and after a restart), and the session goes on with the live stream
 * instead of retrying forever.
 */
class OutOfWindowResendTest extends SessionTestSupport {

    @Test
    void rejectedResendIsRecordedWithItsExactRangeAndTheSessionGoesOn() throws Exception {
        int port = freePort();
        CmeSimulator simulator = simulator(port, 20, 50);
        simulator.sendBacklog(30);                          // orders 1-10, sent while the consumer was away
        simulator.resendWindow(Duration.ofMillis(1));      // ... and by now "older than CME's window"

        List<DropCopyEvent> events = new CopyOnWriteArrayList<>();
        TargetSession session = startSession(port, events::add);
        await("the live orders 11-20", () -> events.size() >= 30);

        assertSameStream(execIds(11, 20), execIds(events));
        SessionStatus status = session.status();
        assertTrue(status.loggedOn(), "the session goes on");
        assertEquals(1, status.unrecoverableGaps().size(), "one operator event: " + status.unrecoverableGaps());
        String gap = status.unrecoverableGaps().get(0);
        assertTrue(gap.startsWith("1-30: "), "the exact missing range: " + gap);
        // the whole range is older than the window: the probes for a later part are all refused, and bounded
        int requests = simulator.resendRequests().size();
        assertTrue(requests >= 1 && requests <= 1 + WindowNarrowing.MAX_PROBES, "not retried forever: " + requests);

        String recorded = Files.readString(tmp.resolve("data/dropcopy/sessions/demo/unrecoverable-gaps.jsonl"),
                StandardCharsets.UTF_8);
        assertTrue(recorded.contains("\"from\":1,\"to\":30"), recorded);

        session.stop();
        TargetSession restarted = startSession(port, events::add);
        assertEquals(List.of(gap), restarted.status().unrecoverableGaps(), "still visible after a restart");
    }
}
