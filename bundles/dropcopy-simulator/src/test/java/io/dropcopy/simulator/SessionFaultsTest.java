package io.dropcopy.simulator;

import static io.dropcopy.simulator.TestSupport.await;
import static io.dropcopy.testsupport.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;
import quickfix.FieldNotFound;
import quickfix.Message;

/**
 * Each session-layer fault of the simulator, as a PLAIN QuickFIX/J initiator ({@link TestDropCopyClient}, not the
 * project's consumer) sees it over real TCP on 127.0.0.1.
 */
/* The tests of this class run at the same time (each its own port and comp id: they mostly wait for QuickFIX/J's
   one-second timers); the class as a whole runs alone, like every other test class. */
class SessionFaultsTest {
    /** Generous: an await returns as soon as its condition holds; the tests run at once on a machine that may be busy. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** The simulator of one test; each test its own client comp id, so that the tests can run at the same time. */
    private static SimulatorConfigBuilder config(int port, Path tmp) {
        return SimulatorConfig.builder().port(port).storeDir(tmp.resolve("sim")).targetCompId(compId(tmp));
    }

    private static TestDropCopyClient.Options options(Path tmp) {
        return new TestDropCopyClient.Options().compId(compId(tmp));
    }

    private static String compId(Path tmp) {
        return "T" + Integer.toHexString(tmp.toString().hashCode() & 0xfffff).toUpperCase(java.util.Locale.ROOT) + "N";
    }

    private static int intField(Message m, int tag) {
        try {
            return m.getInt(tag);
        } catch (FieldNotFound e) {
            throw new AssertionError("no tag " + tag + " in " + m, e);
        }
    }

    private static String text(Message m, int tag) {
        try {
            return m.getString(tag);
        } catch (FieldNotFound e) {
            throw new AssertionError("no tag " + tag + " in " + m, e);
        }
    }

    private static int seq(Message m) {
        try {
            return m.getHeader().getInt(34);
        } catch (FieldNotFound e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void disconnectDropsTheSocketWithoutLogoutAndTheClientComesBack(@TempDir Path tmp) throws Exception {
        int port = freePort();
        try (CmeSimulator sim = new CmeSimulator(config(port, tmp).rate(0).orders(2).build());
             TestDropCopyClient client = new TestDropCopyClient(port, tmp.resolve("client"),
                     options(tmp))) {
            sim.start();
            client.start();
            await("6 messages", TIMEOUT, () -> client.events.size() == 6);
            assertTrue(sim.disconnect());
            await("the client to see the disconnect", TIMEOUT, () -> client.logouts.get() == 1);
            assertEquals(List.of(), client.admin("5"), "no Logout: the socket was dropped");
            await("a new logon", TIMEOUT, () -> client.logons.get() == 2 && sim.isLoggedOn());
            assertEquals(List.of(), client.errors);
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void forcedLogoutCarriesTextAndNextExpectedMsgSeqNum(@TempDir Path tmp) throws Exception {
        int port = freePort();
        try (CmeSimulator sim = new CmeSimulator(config(port, tmp).rate(0).orders(1).build());
             TestDropCopyClient client = new TestDropCopyClient(port, tmp.resolve("client"),
                     options(tmp))) {
            sim.start();
            client.start();
            await("3 messages", TIMEOUT, () -> client.events.size() == 3);
            int expected = sim.nextTargetSeqNum();
            assertTrue(SimulatorControl.fault(sim, "logout", List.of("Maintenance", "logout")).startsWith("Logout"));
            await("a Logout", TIMEOUT, () -> !client.admin("5").isEmpty());
            Message logout = client.admin("5").get(0);
            assertEquals("Maintenance logout", text(logout, 58));
            assertEquals(expected, intField(logout, 789), "789: the client's next sequence number");
            await("the client to log on again", TIMEOUT, () -> client.logons.get() == 2 && sim.isLoggedOn());
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void refusedLogonGetsLogoutWithTextAnd789ThenTheNextLogonIsAccepted(@TempDir Path tmp) throws Exception {
        int port = freePort();
        try (CmeSimulator sim = new CmeSimulator(config(port, tmp).rate(0).orders(1).build());
             TestDropCopyClient client = new TestDropCopyClient(port, tmp.resolve("client"),
                     options(tmp))) {
            sim.start();
            SimulatorControl.fault(sim, "refuse-logon", List.of());
            client.start();
            await("a Logout", TIMEOUT, () -> !client.logoutTexts.isEmpty());
            assertEquals(SimulatorControl.BACKUP_NOT_ALLOWED, client.logoutTexts.get(0));
            assertEquals(1, intField(client.admin("5").get(0), 789));
            assertEquals(0, client.logons.get());
            await("the next logon", TIMEOUT, () -> client.logons.get() == 1 && client.events.size() == 3);
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void unansweredTestRequestLeadsToDisconnect(@TempDir Path tmp) throws Exception {
        int port = freePort();
        // HeartBtInt 3 s (the simulator follows the client's 108): a Test Request after 4.5 s of silence, the
        // socket closed after 7.2 s (QuickFIX/J's multipliers, configurable). QuickFIX/J checks both on a one-second
        // timer and checks the time-out first, so the window between them must be wider than a tick plus a busy
        // machine's delay: with 1 s (1.5 to 2.4 s) a late tick closed the socket with no Test Request sent.
        try (CmeSimulator sim = new CmeSimulator(config(port, tmp).rate(0).orders(1).build());
             TestDropCopyClient client = new TestDropCopyClient(port, tmp.resolve("client"),
                     options(tmp).heartbeat(3))) {
            sim.start();
            client.start();
            await("3 messages", TIMEOUT, () -> client.events.size() == 3);
            await("the simulator's heartbeats", TIMEOUT, () -> client.admin("0").size() >= 1);
            // (QuickFIX/J's one-second timer may let a heartbeat come late: a Test Request the client answers is fine)
            assertEquals(0, client.logouts.get(), "the client is heard: no disconnect");
            int testRequests = client.admin("1").size();
            long before = System.nanoTime();
            assertTrue(sim.suspendReading(Duration.ofSeconds(20))); // the client's heartbeats go unheard
            await("a Test Request", TIMEOUT, () -> client.admin("1").size() > testRequests);
            await("the simulator to close the socket", TIMEOUT, () -> client.logouts.get() == 1);
            long elapsedMillis = Duration.ofNanos(System.nanoTime() - before).toMillis();
            assertTrue(elapsedMillis >= 3000, "not before a heartbeat interval of silence: " + elapsedMillis + " ms");
            assertEquals(List.of(), client.admin("5"), "closed, not logged out");
            await("a new logon on a new socket", TIMEOUT, () -> client.logons.get() == 2);
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void possResendCopiesCarry97AndRequestTimeMixedIntoRealTime(@TempDir Path tmp) throws Exception {
        int port = freePort();
        try (CmeSimulator sim = new CmeSimulator(config(port, tmp).rate(200).scenario(SimulatorConfig.Scenario.REALISTIC)
                .seed(9).build());
             TestDropCopyClient client = new TestDropCopyClient(port, tmp.resolve("client"),
                     options(tmp))) {
            sim.start();
            client.start();
            await("40 messages", TIMEOUT, () -> client.events.size() >= 40);
            assertEquals(5, sim.possResend(5));
            await("5 PossResend copies", TIMEOUT,
                    () -> client.events.stream().filter(DropCopyEvent::possResend).count() == 5);
            List<DropCopyEvent> events = client.eventsBySeq();
            for (int i = 0; i < events.size(); i++) {
                DropCopyEvent e = events.get(i);
                if (!e.possResend()) {
                    continue;
                }
                assertTrue(e.requestTime() != null && e.requestTime().matches("[0-9]{19}"), "5979: " + e.requestTime());
                assertFalse(e.possDup());
                assertFalse(events.get(i - 1).possResend(), "mixed into real time: one after each real-time message");
                String inner = e.rawInner();
                assertTrue(events.subList(0, i).stream().anyMatch(o -> !o.possResend() && o.rawInner().equals(inner)),
                        "a copy of a message sent before, same RequestTime and source sequence number");
                assertTrue(client.rawMessages.stream().anyMatch(r -> r.contains("\u000197=Y\u0001")));
            }
            assertEquals(5, sim.possResendCount());
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void weeklyResetStartsBothSequencesAtOne(@TempDir Path tmp) throws Exception {
        int port = freePort();
        try (CmeSimulator sim = new CmeSimulator(config(port, tmp).rate(50).build())) {
            sim.start();
            List<String> before;
            try (TestDropCopyClient client = new TestDropCopyClient(port, tmp.resolve("client-week1"),
                    options(tmp))) {
                client.start();
                await("9 messages", TIMEOUT, () -> client.events.size() >= 9);
                SimulatorControl.fault(sim, "weekly-reset", List.of());
                await("the reset Logout", TIMEOUT, () -> !client.admin("5").isEmpty());
                Message logout = client.admin("5").get(0);
                assertEquals(CmeSimulator.WEEKLY_RESET_TEXT, text(logout, 58));
                assertEquals(1, intField(logout, 789), "789=1: log on again with 34=1");
                await("logged out", TIMEOUT, () -> !sim.isLoggedOn());
                before = client.execIds();
            }
            assertEquals(1, sim.nextSenderSeqNum());
            assertEquals(1, sim.nextTargetSeqNum());
            // the client starts its week as at the Sunday start-up: a fresh store, 34=1
            try (TestDropCopyClient client = new TestDropCopyClient(port, tmp.resolve("client-week2"),
                    options(tmp))) {
                client.start();
                await("messages of the new week", TIMEOUT, () -> client.events.size() >= 3);
                assertEquals(List.of(1), client.sentLogonSeqs);
                assertEquals(1, seq(client.admin("A").get(0)), "the simulator's Logon is 34=1 too");
                assertEquals(2L, client.eventsBySeq().get(0).seqNum());
                assertEquals(0, client.resendRequestsSent.get(), "no gap");
                // the stream goes on where it was: nothing lost, nothing twice
                List<String> all = new java.util.ArrayList<>(before);
                all.addAll(client.execIds());
                assertEquals(SimulatorLogonTest.expectedExecIds(1, 100).subList(0, all.size()), all);
            }
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void backlogOver2500IsServedInChunksWhenRequestedInChunks(@TempDir Path tmp) throws Exception {
        int port = freePort();
        try (CmeSimulator sim = new CmeSimulator(config(port, tmp).rate(0).orders(1000).build())) {
            sim.start();
            sim.sendBacklog(3000); // sent while no client is logged on: a gap of 3,000 at its logon
            try (TestDropCopyClient client = new TestDropCopyClient(port, tmp.resolve("client"),
                    options(tmp).resendChunkSize(2500))) {
                client.start();
                await("3,000 messages", Duration.ofSeconds(20), () -> client.events.size() == 3000,
                        () -> client.events.size() + " " + describe(sim.resendRequests()));
                List<int[]> requests = sim.resendRequests();
                assertEquals(2, requests.size(), describe(requests));
                assertEquals(List.of(1, 2500), List.of(requests.get(0)[0], requests.get(0)[1]));
                assertEquals(2501, requests.get(1)[0]);
                assertEquals(0, sim.resendsRejected());
                assertEquals(3000, client.events.stream().filter(DropCopyEvent::possDup).count());
            }
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void aRequestOf3000IsRejected(@TempDir Path tmp) throws Exception {
        int port = freePort();
        try (CmeSimulator sim = new CmeSimulator(config(port, tmp).rate(0).orders(1000).build())) {
            sim.start();
            sim.sendBacklog(3000);
            try (TestDropCopyClient client = new TestDropCopyClient(port, tmp.resolve("client"),
                    options(tmp).closedResendInterval(true))) {
                client.start();
                await("a session Reject", TIMEOUT, () -> !client.admin("3").isEmpty());
                assertEquals(List.of("1-3000"), sim.resendRequests().stream().map(r -> r[0] + "-" + r[1])
                        .collect(Collectors.toList()));
                Message reject = client.admin("3").get(0);
                assertEquals(16, intField(reject, 371), "RefTagID: EndSeqNo");
                assertEquals(1, sim.resendsRejected());
                assertEquals(List.of(), client.events, "nothing resent");
            }
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void anOpenEndedRequestIsServedUpTo2500(@TempDir Path tmp) throws Exception {
        int port = freePort();
        try (CmeSimulator sim = new CmeSimulator(config(port, tmp).rate(0).orders(1000).build())) {
            sim.start();
            sim.sendBacklog(3000);
            try (TestDropCopyClient client = new TestDropCopyClient(port, tmp.resolve("client"),
                    options(tmp))) {
                client.start();
                await("2,500 messages", TIMEOUT, () -> client.events.size() == 2500);
                assertEquals(List.of("1-0"), sim.resendRequests().stream().map(r -> r[0] + "-" + r[1])
                        .collect(Collectors.toList()), "16=0 means up to 2,500");
                assertEquals(0, sim.resendsRejected());
            }
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void messagesLostOnTheWireAreRecoveredByResend(@TempDir Path tmp) throws Exception {
        int port = freePort();
        try (CmeSimulator sim = new CmeSimulator(config(port, tmp).rate(0).orders(5).build());
             TestDropCopyClient client = new TestDropCopyClient(port, tmp.resolve("client"),
                     options(tmp))) {
            sim.start();
            SimulatorControl.fault(sim, "drop", List.of("2"));
            client.start();
            await("15 messages", TIMEOUT, () -> client.events.size() == 15, () -> client.execIds().toString());
            assertEquals(SimulatorLogonTest.expectedExecIds(1, 5),
                    client.eventsBySeq().stream().map(DropCopyEvent::execId).collect(Collectors.toList()));
            assertEquals(2, client.events.stream().filter(DropCopyEvent::possDup).count(), "the 2 lost came by resend");
            assertEquals("2", sim.status().get("dropped"));
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void failoverJumpIsGapFilledAndPrimaryDownRefusesConnections(@TempDir Path tmp) throws Exception {
        int port = freePort();
        try (CmeSimulator sim = new CmeSimulator(config(port, tmp).rate(0).orders(4).build());
             TestDropCopyClient client = new TestDropCopyClient(port, tmp.resolve("client"),
                     options(tmp).resendChunkSize(2500))) {
            sim.start();
            client.start();
            await("12 messages", TIMEOUT, () -> client.events.size() == 12);
            SimulatorControl.fault(sim, "down", List.of("1.5"));
            assertTrue(sim.downUntil() != null);
            await("the client to see the disconnect", TIMEOUT, () -> client.logouts.get() == 1);
            assertThrows(ConnectException.class, () -> {
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    s.getInputStream();
                }
            }, "nobody listens while the primary is down");
            SimulatorControl.fault(sim, "failover", List.of("4000"));
            int jumped = sim.nextSenderSeqNum();
            await("a logon after the primary is back", TIMEOUT, () -> client.logons.get() == 2);
            await("the jump gap-filled", TIMEOUT, () -> client.session().getExpectedTargetNum() > jumped);
            List<Message> gapFills = client.admin("4");
            assertEquals(2, gapFills.size(), "in chunks of at most 2,500: " + gapFills);
            assertEquals("Y", text(gapFills.get(1), 123));
            assertTrue(intField(gapFills.get(1), 36) >= jumped, "NewSeqNo past the jump");
            assertEquals(12, client.events.size(), "no business message lost or doubled");
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void throttledLinkAndOneResendAtATime(@TempDir Path tmp) throws Exception {
        int port = freePort();
        try (CmeSimulator sim = new CmeSimulator(config(port, tmp).rate(0).orders(10).build());
             TestDropCopyClient client = new TestDropCopyClient(port, tmp.resolve("client"),
                     options(tmp))) {
            sim.start();
            client.start();
            await("30 messages", TIMEOUT, () -> client.events.size() == 30);
            SimulatorControl.fault(sim, "throttle", List.of("20"));
            // the client asks for 30 messages again: served at 20 per second, the resend is in flight for 1.5 s
            client.session().send(resendRequest(2, 31));
            await("the resend queued by the throttle", TIMEOUT, () -> sim.status().get("throttle").contains("queued")
                    && !sim.status().get("throttle").contains("(0 queued)"));
            client.session().send(resendRequest(2, 5));
            await("the second Resend Request rejected", TIMEOUT, () -> !client.admin("3").isEmpty());
            assertEquals(1, sim.resendsRejected());
            assertEquals(7, intField(client.admin("3").get(0), 371), "RefTagID: BeginSeqNo");
            assertEquals(2, sim.resendRequests().size());
            SimulatorControl.fault(sim, "clear", List.of());
            assertEquals("off", sim.status().get("throttle"));
            assertEquals(List.of(), client.errors);
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void burstsAndPeriodicDisconnectsFromConfiguration(@TempDir Path tmp) throws Exception {
        int port = freePort();
        // 2 messages per second, and every 0.5 s a burst of 30 back to back; the socket dropped every 2 s
        try (CmeSimulator sim = new CmeSimulator(config(port, tmp).rate(2).burstSize(30).burstEvery(0.5)
                .disconnectEvery(2).build());
             TestDropCopyClient client = new TestDropCopyClient(port, tmp.resolve("client"), options(tmp))) {
            sim.start();
            client.start();
            await("a burst", TIMEOUT, () -> client.events.size() >= 30);
            await("a periodic disconnect", TIMEOUT, () -> client.logouts.get() >= 1);
            assertEquals(List.of(), client.admin("5"), "dropped, not logged out");
            assertEquals(List.of(), client.errors);
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void gapFillsAfterAnUndeliveredAdminMessageAreNumberedAsCmeDoes(@TempDir Path tmp) throws Exception {
        int port = freePort();
        try (CmeSimulator sim = new CmeSimulator(config(port, tmp).rate(0).orders(1).build());
             TestDropCopyClient client = new TestDropCopyClient(port, tmp.resolve("client"),
                     options(tmp).resendChunkSize(50))) {
            sim.start();
            client.start();
            await("3 messages", TIMEOUT, () -> client.events.size() == 3);
            // a Logout is stored but never delivered (queued on a slow link when the socket drops), then the
            // sequence jumps: the client's first resend chunk covers a stored admin message, then numbers never
            // used. QuickFIX/J alone answers it with two gap fills of the same MsgSeqNum and the client waits.
            sim.throttle(0.1);
            client.session().generateTestRequest("PRIMER"); // its Heartbeat leaves at once, the next waits 10 s
            await("the heartbeat", TIMEOUT, () -> client.admin("0").size() == 1);
            int logoutSeq = sim.nextSenderSeqNum();
            sim.forceLogout("lost");
            await("the Logout queued", TIMEOUT, () -> sim.status().get("throttle").contains("(1 queued)"));
            assertTrue(sim.disconnect());
            sim.throttle(0);
            sim.jumpSequence(94); // chunks of 50: 6-55, then the rest open-ended
            int logonSeq = sim.nextSenderSeqNum();
            await("the client back and caught up", TIMEOUT,
                    () -> client.logons.get() == 2 && client.session().getExpectedTargetNum() > logonSeq,
                    () -> client.admin("4").toString());
            List<Message> gapFills = client.admin("4");
            assertEquals(List.of(logoutSeq, logoutSeq + 1), List.of(seq(gapFills.get(0)), seq(gapFills.get(1))),
                    "the second gap fill starts where the first ended: " + gapFills);
            for (int i = 1; i < gapFills.size(); i++) {
                assertEquals(intField(gapFills.get(i - 1), 36), seq(gapFills.get(i)), "a chain of gap fills");
            }
            assertTrue(client.admin("5").isEmpty(), "the Logout never arrived");
            assertEquals(List.of(), client.errors);
        }
    }

    private static Message resendRequest(int begin, int end) {
        Message m = new Message();
        m.getHeader().setString(35, "2");
        m.setInt(7, begin);
        m.setInt(16, end);
        return m;
    }

    static String describe(List<int[]> requests) {
        return requests.stream().map(r -> r[0] + "-" + r[1] + (r[2] == 1 ? " (43=Y)" : ""))
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
