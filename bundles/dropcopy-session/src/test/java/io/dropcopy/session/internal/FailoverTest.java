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

/**
 * The primary dies mid-stream; the backup (same stream, outbound sequence jumped by 4,000 as in CME's
 * certification) takes over. The session moves to the backup address and loses and doubles nothing.
 */
class FailoverTest extends SessionTestSupport {

    @Test
    void primaryKilledMidStreamBackupTakesOver() throws Exception {
        int primaryPort = freePort();
        int backupPort = freePort();
        CmeSimulator primary = simulator(primaryPort, "DEMO01N", "gateway", 40, 100);
        List<DropCopyEvent> events = new CopyOnWriteArrayList<>();
        TargetSession session = startSession("127.0.0.1:" + primaryPort + ",127.0.0.1:" + backupPort, events::add);
        await("mid-stream", () -> events.size() >= 30);

        primary.stop();
        assertTrue(events.size() < 120, "the primary died mid-stream");
        CmeSimulator backup = simulator(backupPort, "DEMO01N", "gateway", 40, 100);
        backup.jumpSequence(4_000);

        await("all 120 events through the backup", Duration.ofSeconds(90), () -> events.size() >= 120);
        assertSameStream(execIds(1, 40), execIds(events));
        assertTrue(backup.isLoggedOn());
        assertTrue(session.status().nextTargetSeqNum() > 4_000, "the jump was reconciled by gap fill");
        // the 4,000 numbers of the jump were asked for, in chunks of at most 2,500: so at least two requests
        List<int[]> requests = backup.resendRequests();
        String asked = requests.stream().map(java.util.Arrays::toString).collect(java.util.stream.Collectors.joining(","));
        assertTrue(requests.size() >= 2, "the jump asked for in chunks: " + asked);
        java.util.BitSet covered = new java.util.BitSet();
        for (int[] r : requests) {
            int end = r[1] == 0 ? r[0] + CmeSimulator.MAX_RESEND - 1 : r[1];
            assertTrue(end - r[0] + 1 <= CmeSimulator.MAX_RESEND, "chunked resend: " + asked);
            covered.set(r[0], end + 1);
        }
        assertTrue(covered.cardinality() >= 4_000, "the whole jump asked for: " + asked);
    }
}
