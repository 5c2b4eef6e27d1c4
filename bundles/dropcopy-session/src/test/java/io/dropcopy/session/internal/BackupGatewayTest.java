package io.dropcopy.session.internal;

import static io.dropcopy.testsupport.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.simulator.CmeSimulator;
import io.dropcopy.simulator.SimulatorConfig;
import io.dropcopy.simulator.SimulatorControl;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The consumer against ONE simulated CGW target session listening on a primary and a backup address (one sequence
 * stream): it is refused on the backup while the primary is up ("Backup session not allowed", 789) and moves on;
 * when the primary goes down the backup takes over with CME's sequence jump, and nothing is lost or doubled.
 */
class BackupGatewayTest extends SessionTestSupport {
    private CmeSimulator sim;

    @AfterEach
    void stopSimulator() {
        if (sim != null) {
            sim.stop();
        }
    }

    private CmeSimulator cgw(int primary, int backup, int orders, double rate) {
        sim = new CmeSimulator(SimulatorConfig.builder().port(primary).backupPort(backup).orders(orders).rate(rate)
                .targetCompId("DEMO01N").accessKeyId(ACCESS_KEY).secretKey(SECRET).storeDir(tmp.resolve("cgw"))
                .build());
        sim.start();
        return sim;
    }

    /**
     * As in the demo assembly: the session starts before the simulator listens, so both addresses fail once and the
     * move back to the primary waits out a back-off, during which QuickFIX/J retries the backup on its own (refused:
     * the primary is up). Those retries must not move the failover on again, or it keeps landing on the backup.
     */
    @Test
    void startedBeforeTheSimulatorItStillReachesThePrimary() throws Exception {
        int primary = freePort();
        int backup = freePort();
        List<DropCopyEvent> events = new CopyOnWriteArrayList<>();
        // QuickFIX/J's own report of each refused connection ("... during connection to /127.0.0.1:port: ...")
        List<String> connectErrors = new CopyOnWriteArrayList<>();
        session(sessionProperties("demo", "DEMO", "DEMO01N", "127.0.0.1:" + primary + ",127.0.0.1:" + backup),
                events::add, settings -> id -> new ErrorEvents(connectErrors)).start();
        // both addresses refused twice: the failover is in a back-off round, as in the demo assembly
        await("both addresses refused twice", Duration.ofSeconds(30),
                () -> refusals(connectErrors, primary) >= 2 && refusals(connectErrors, backup) >= 2);
        cgw(primary, backup, 5, 100);
        await("logged on to the primary", Duration.ofSeconds(20), () -> sim.isLoggedOn() && events.size() == 15);
        assertEquals("primary", sim.activeRole());
        assertSameStream(execIds(1, 5), execIds(events));
    }

    private static long refusals(List<String> connectErrors, int port) {
        return connectErrors.stream().filter(e -> e.contains("during connection to") && e.contains(":" + port + ":"))
                .count();
    }

    /** A QuickFIX/J session log that keeps only the error events. */
    private static final class ErrorEvents implements quickfix.Log {
        private final List<String> errors;

        ErrorEvents(List<String> errors) {
            this.errors = errors;
        }

        @Override public void clear() { }
        @Override public void onIncoming(String message) { }
        @Override public void onOutgoing(String message) { }
        @Override public void onEvent(String text) { }
        @Override public void onErrorEvent(String text) {
            errors.add(text);
        }
    }

    @Test
    void refusedOnTheBackupWhileThePrimaryIsUpThenFollowsTheTakeover() throws Exception {
        int primary = freePort();
        int backup = freePort();
        cgw(primary, backup, 40, 100);
        List<DropCopyEvent> events = new CopyOnWriteArrayList<>();
        // the backup listed first: CME refuses it while the primary is up
        startSession("127.0.0.1:" + backup + ",127.0.0.1:" + primary, events::add);
        await("logged on to the primary after the backup's refusal", Duration.ofSeconds(60),
                () -> sim.isLoggedOn() && events.size() >= 30);
        assertTrue(sim.backupLogonsRefused() >= 1, "the backup refused a logon");
        assertEquals("primary", sim.activeRole());

        SimulatorControl.fault(sim, "down", List.of("120"));
        assertEquals("backup", sim.activeRole());
        await("all 120 events, the rest through the backup", Duration.ofSeconds(90),
                () -> events.size() >= 120 && sim.isLoggedOn());
        assertSameStream(execIds(1, 40), execIds(events));
        assertTrue(sim.nextSenderSeqNum() > SimulatorConfig.DEFAULT_FAILOVER_JUMP, "the jump");
        assertEquals(1, sim.maxConcurrentLogons());
    }
}
