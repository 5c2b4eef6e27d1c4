package io.dropcopy.simulator;

import static io.dropcopy.simulator.TestSupport.await;
import static io.dropcopy.testsupport.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import quickfix.FieldNotFound;
import quickfix.Message;

/**
 * CME's gateways as a PLAIN QuickFIX/J initiator ({@link TestDropCopyClient}) sees them over TCP: a CGW target
 * session with a primary and a backup address, MSGW market segments each with its own sequence stream, several
 * target sessions in one simulator process, and CME's own session messages (Resend Request, dual reset, logon
 * timeout).
 */
/* The tests run at the same time, each with its own ports and comp ids. */
class GatewaysTest {
    static final Duration TIMEOUT = Duration.ofSeconds(15);

    private static String compId(Path tmp, String salt) {
        return "G" + Integer.toHexString((tmp.toString() + salt).hashCode() & 0xfffff).toUpperCase(Locale.ROOT) + "N";
    }

    private static int intField(Message m, int tag) {
        try {
            return m.isSetField(tag) ? m.getInt(tag) : m.getHeader().getInt(tag);
        } catch (FieldNotFound e) {
            throw new AssertionError("no tag " + tag + " in " + m, e);
        }
    }

    private static List<String> allExecIds(int orders) {
        List<String> ids = new ArrayList<>();
        for (int o = 1; o <= orders; o++) {
            for (int step = 1; step <= SyntheticOrders.STEPS; step++) {
                ids.add(SyntheticOrders.execId(o, step));
            }
        }
        return ids;
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void backupRefusesLogonsWhileThePrimaryIsUpAndTakesOverWithTheJumpWhenItGoesDown(@TempDir Path tmp)
            throws Exception {
        int primary = freePort();
        int backup = freePort();
        String comp = compId(tmp, "cgw");
        SimulatorConfig config = SimulatorConfig.builder().port(primary).backupPort(backup).storeDir(tmp.resolve("sim"))
                .targetCompId(comp).rate(0).orders(4).name("cgw").build();
        try (CmeSimulator sim = new CmeSimulator(config);
             TestDropCopyClient client = new TestDropCopyClient(backup, tmp.resolve("client"),
                     new TestDropCopyClient.Options().compId(comp).resendChunkSize(2500))) {
            sim.start();
            assertEquals("primary", sim.activeRole());
            // a client knowing only the backup address, while the primary is up
            client.start();
            await("CME's refusal on the backup", TIMEOUT, () -> !client.logoutTexts.isEmpty());
            assertEquals(SimulatorControl.BACKUP_NOT_ALLOWED, client.logoutTexts.get(0));
            Message refusal = client.admin("5").get(0);
            assertEquals(1, intField(refusal, 789), "789: the sequence number CME expects from the client");
            assertEquals(0, client.logons.get());
            assertFalse(sim.isLoggedOn());
            assertEquals(0L, sim.sentCount(), "no business message while nobody is logged on");
            await("more refusals while the client retries", TIMEOUT, () -> sim.backupLogonsRefused() >= 2);
            assertEquals(0, client.logons.get(), "never admitted while the primary is up");
            int before = sim.nextSenderSeqNum();

            // the primary goes down: the backup takes over, CME's sequence jumps
            String answer = SimulatorControl.fault(sim, "down", List.of("30"));
            assertTrue(answer.contains("backup"), answer);
            assertEquals("backup", sim.activeRole());
            assertTrue(sim.status().get("active").startsWith("backup 127.0.0.1:" + backup), sim.status().toString());
            assertThrows(ConnectException.class, () -> {
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), primary)) {
                    s.getInputStream();
                }
            }, "nobody listens on the primary while it is down");
            await("the logon on the backup and the whole stream", TIMEOUT,
                    () -> client.logons.get() == 1 && client.events.size() == 12,
                    () -> client.events.size() + " events, " + client.logons.get() + " logons");
            assertTrue(sim.nextSenderSeqNum() > before + SimulatorConfig.DEFAULT_FAILOVER_JUMP, "the jump");
            List<Message> gapFills = client.admin("4");
            assertFalse(gapFills.isEmpty(), "the jump is gap-filled");
            assertTrue(intField(gapFills.get(gapFills.size() - 1), 36) >= before + SimulatorConfig.DEFAULT_FAILOVER_JUMP,
                    "NewSeqNo past the jump: " + gapFills);
            assertEquals(allExecIds(4), client.execIds(), "nothing lost or doubled");

            // the old primary comes back as the standby: it listens, and the backup stays active
            SimulatorControl.fault(sim, "up", List.of());
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), primary)) {
                assertTrue(s.isConnected());
            }
            assertEquals("backup", sim.activeRole());
            assertTrue(sim.isLoggedOn());
            assertEquals(1, sim.maxConcurrentLogons(), "refused logons never reached the session");
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void aClientWithBothAddressesFollowsAFailoverMidStream(@TempDir Path tmp) throws Exception {
        int primary = freePort();
        int backup = freePort();
        String comp = compId(tmp, "both");
        SimulatorConfig config = SimulatorConfig.builder().port(primary).backupPort(backup).storeDir(tmp.resolve("sim"))
                .targetCompId(comp).rate(40).orders(20).failoverJump(500).build();
        try (CmeSimulator sim = new CmeSimulator(config);
             TestDropCopyClient client = new TestDropCopyClient(primary, tmp.resolve("client"),
                     new TestDropCopyClient.Options().compId(comp).backupPort(backup))) {
            sim.start();
            client.start();
            await("some messages on the primary", TIMEOUT, () -> client.events.size() >= 6);
            SimulatorControl.fault(sim, "down", List.of("60"));
            await("the whole stream, part of it through the backup", TIMEOUT,
                    () -> client.logons.get() == 2 && client.events.size() == 60,
                    () -> client.events.size() + " events, " + client.logons.get() + " logons");
            assertEquals(allExecIds(20), client.execIds(), "nothing lost or doubled across the failover");
            assertEquals("backup", sim.activeRole());
            assertEquals(1, sim.failoverCount());
            // and back: a failover to the (listening again) primary
            SimulatorControl.fault(sim, "up", List.of());
            SimulatorControl.fault(sim, "failover", List.of());
            assertEquals("primary", sim.activeRole());
            await("the client back on the primary", TIMEOUT, () -> client.logons.get() == 3 && sim.isLoggedOn());
            assertEquals(60, client.events.size());
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void msgwSegmentsAreIndependentSequenceStreamsSharingOneStream(@TempDir Path tmp) throws Exception {
        int p64 = freePort();
        int p74 = freePort();
        String comp = compId(tmp, "msgw");
        SimulatorConfig config = SimulatorConfig.builder().name("msgw").targetCompId(comp).storeDir(tmp.resolve("sim"))
                .segments("64:" + p64 + ",74:" + p74).rate(0).orders(12).build();
        try (SimulatorGroup group = new SimulatorGroup(List.of(config));
             TestDropCopyClient c64 = new TestDropCopyClient(p64, tmp.resolve("c64"),
                     new TestDropCopyClient.Options().compId(comp).targetSubId("64"));
             TestDropCopyClient c74 = new TestDropCopyClient(p74, tmp.resolve("c74"),
                     new TestDropCopyClient.Options().compId(comp).targetSubId("74"))) {
            List<CmeSimulator> sims = group.members();
            assertEquals(List.of("msgw/64", "msgw/74"), sims.stream().map(CmeSimulator::name).collect(Collectors.toList()));
            group.start();
            c64.start();
            c74.start();
            await("the stream over both segments", TIMEOUT, () -> c64.events.size() + c74.events.size() == 36
                    && sims.get(0).isFinished() && sims.get(1).isFinished(),
                    () -> c64.events.size() + " + " + c74.events.size());
            assertFalse(c64.events.isEmpty(), "segment 64 carries part of the stream");
            assertFalse(c74.events.isEmpty(), "segment 74 carries part of the stream");
            // each segment its own sequence stream: both start right after their Logon reply
            assertEquals(2, c64.eventsBySeq().get(0).seqNum());
            assertEquals(2, c74.eventsBySeq().get(0).seqNum());
            Set<String> on64 = new HashSet<>(c64.execIds());
            Set<String> on74 = new HashSet<>(c74.execIds());
            assertTrue(on64.stream().noneMatch(on74::contains), "each message on one segment only");
            Set<String> union = new TreeSet<>(on64);
            union.addAll(on74);
            assertEquals(new TreeSet<>(allExecIds(12)), union, "together the whole stream");
            assertTrue(c64.rawMessages.get(0).contains("\u000150=64\u0001"), "CME's SenderSubID is the segment");
            assertTrue(c74.rawMessages.get(0).contains("\u000150=74\u0001"), "CME's SenderSubID is the segment");
            Set<String> orders64 = c64.events.stream().map(DropCopyEvent::orderId).collect(Collectors.toSet());
            assertTrue(c74.events.stream().map(DropCopyEvent::orderId).noneMatch(orders64::contains),
                    "an order's whole life on one segment");

            // faults per segment, by name
            String answer = SimulatorControl.execute(sims, "fault msgw/64 disconnect");
            assertEquals("socket dropped", answer);
            await("segment 64's client to reconnect", TIMEOUT, () -> c64.logouts.get() == 1 && c64.logons.get() == 2);
            assertEquals(0, c74.logouts.get(), "segment 74 untouched");
            assertTrue(SimulatorControl.execute(sims, "fault disconnect").startsWith("error: several simulators"));
            assertTrue(SimulatorControl.execute(sims, "status msgw/74").contains("segment: 74 of MSGW segments 64,74"));

            // a Logon with another segment's TargetSubID(57) is refused
            c74.close();
            try (TestDropCopyClient wrong = new TestDropCopyClient(p64, tmp.resolve("wrong"),
                    new TestDropCopyClient.Options().compId(comp).targetSubId("74"))) {
                c64.close();
                sims.get(0).expectClientSeqNum(1); // a fresh client: only its 57 is wrong
                wrong.start();
                await("the refusal", TIMEOUT, () -> !wrong.logoutTexts.isEmpty());
                assertTrue(wrong.logoutTexts.get(0).contains("TargetSubID(57) 74"), wrong.logoutTexts.toString());
                assertEquals(0, wrong.logons.get());
            }
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void severalTargetSessionsFromTheCommandLineEachWithItsOwnFaults(@TempDir Path tmp) throws Exception {
        int pa = freePort();
        int pb = freePort();
        String compA = compId(tmp, "a");
        String compB = compId(tmp, "b");
        List<SimulatorConfig> sessions = Main.parseSessions(new String[] {"--rate", "0", "--orders", "5",
            "--store-dir", tmp.resolve("sims").toString(),
            "--session", "a", "--port", String.valueOf(pa), "--target-comp-id", compA,
            "--session", "b", "--port=" + pb, "--target-comp-id", compB, "--drop-every", "4"});
        assertEquals(2, sessions.size());
        assertEquals(0, sessions.get(0).dropEvery());
        assertEquals(4, sessions.get(1).dropEvery());
        assertEquals(tmp.resolve("sims").resolve("b"), sessions.get(1).storeDir());
        Main.UsageException clash = assertThrows(Main.UsageException.class, () -> Main.parseSessions(new String[] {
            "--session", "a", "--port", "19000", "--session", "a", "--port", "19001"}));
        assertTrue(clash.getMessage().contains("given twice"), clash.getMessage());
        ConfigException samePort = assertThrows(ConfigException.class, () -> new SimulatorGroup(Main.parseSessions(
                new String[] {"--store-dir", tmp.toString(), "--session", "a", "--port", "19000", "--session", "b"})));
        assertTrue(samePort.getMessage().contains("would both listen"), samePort.getMessage());

        try (SimulatorGroup group = new SimulatorGroup(sessions);
             TestDropCopyClient a = new TestDropCopyClient(pa, tmp.resolve("ca"),
                     new TestDropCopyClient.Options().compId(compA));
             TestDropCopyClient b = new TestDropCopyClient(pb, tmp.resolve("cb"),
                     new TestDropCopyClient.Options().compId(compB).heartbeat(5))) {
            group.start();
            a.start();
            b.start();
            // b loses every 4th message; one lost near the end of the stream (or while a resend is under way: CME
            // serves one at a time) is only noticed at the next heartbeat's sequence number: HeartBtInt 5 s
            await("both streams", Duration.ofSeconds(45), () -> a.events.size() == 15 && b.events.size() == 15,
                    () -> a.events.size() + " and " + b.events.size());
            assertEquals(allExecIds(5), a.execIds());
            assertEquals(0, a.events.stream().filter(DropCopyEvent::possDup).count(), "a: no fault");
            assertTrue(b.events.stream().filter(DropCopyEvent::possDup).count() >= 3, "b: lost and resent");
            assertEquals(new TreeSet<>(allExecIds(5)), new TreeSet<>(b.execIds()));
            // at full speed a live message of b's can reach the client after its resent copy (the live stream and
            // the resend leave on different threads here): the client refuses it (MsgSeqNum too low) and logs on
            // again. The fault is for the session as it is then, and must cost exactly one more logon.
            await("b logged on", TIMEOUT, b::isLoggedOn);
            int logons = b.logons.get();
            assertEquals("socket dropped", SimulatorControl.execute(group.members(), "fault b disconnect"));
            await("b back", TIMEOUT, () -> b.logons.get() == logons + 1);
            assertEquals(0, a.logouts.get());
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void cmesOwnResendRequestDualResetAndLowerNewSeqNo(@TempDir Path tmp) throws Exception {
        int port = freePort();
        String comp = compId(tmp, "own");
        SimulatorConfig config = SimulatorConfig.builder().port(port).storeDir(tmp.resolve("sim")).targetCompId(comp)
                .rate(0).orders(1).build();
        try (CmeSimulator sim = new CmeSimulator(config);
             TestDropCopyClient client = new TestDropCopyClient(port, tmp.resolve("client"),
                     new TestDropCopyClient.Options().compId(comp))) {
            sim.start();
            client.start();
            await("3 messages", TIMEOUT, () -> client.events.size() == 3);
            SimulatorControl.fault(sim, "resend-request", List.of());
            await("the client's gap fill", TIMEOUT, () -> sim.gapFillsReceived() == 1);
            assertTrue(sim.isLoggedOn());

            String answer = SimulatorControl.fault(sim, "seq-reset", List.of("100"));
            int newSeq = Integer.parseInt(answer.replaceAll(".*=", ""));
            sim.sendBacklog(3);
            await("3 more messages after the reset", TIMEOUT, () -> client.events.size() == 6);
            assertTrue(client.eventsBySeq().get(3).seqNum() >= newSeq, "numbered from the reset on");
            assertEquals(0, client.resendRequestsSent.get(), "adopted: no Resend Request");
            assertEquals(1, client.logons.get());

            // a gap fill whose NewSeqNo(36) is lower than CME expects: CME logs the client out
            Message lower = new Message();
            lower.getHeader().setString(35, "4");
            lower.setBoolean(123, true);
            lower.setInt(36, 1);
            client.session().send(lower);
            await("the Logout", TIMEOUT, () -> !client.logoutTexts.isEmpty());
            assertTrue(client.logoutTexts.get(0).startsWith("NewSeqNo(36) 1 lower than expected"),
                    client.logoutTexts.toString());
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void aConnectionWithoutLogonIsClosedAfterTheLogonTimeout(@TempDir Path tmp) throws Exception {
        int port = freePort();
        SimulatorConfig config = SimulatorConfig.builder().port(port).storeDir(tmp.resolve("sim"))
                .targetCompId(compId(tmp, "silent")).logonTimeout(Duration.ofMillis(300)).build();
        try (CmeSimulator sim = new CmeSimulator(config)) {
            sim.start();
            try (Socket silent = new Socket(InetAddress.getLoopbackAddress(), port)) {
                silent.setSoTimeout((int) TIMEOUT.toMillis());
                InputStream in = silent.getInputStream();
                assertEquals(-1, in.read(), "closed by the simulator, nothing sent");
            }
            assertEquals(1, sim.logonTimeouts());
        }
    }
}
