package io.dropcopy.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A hostile CME-side peer on a real socket ({@link HostileCme}: raw bytes, not the friendly simulator) sends what no
 * gateway should. After each act it sends good business messages again, and the test checks that the session neither
 * crashed nor hung, recovered the way the FIX session rules say (a garbled message is ignored and recovered by resend;
 * a wrong comp id is rejected and the session logged out, then logs on again), counted the case (dead letter, reject,
 * refused frame) and delivered every good business message exactly once, in order.
 */
class HostileInputTest extends SessionTestSupport {
    private HostileCme cme;
    private TargetSession session;
    /** Only the exec ids, so the heap measurements see the session, not this list. */
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<String> expected = new ArrayList<>();
    private int next = 1;

    @AfterEach
    void closeCme() {
        if (cme != null) {
            cme.close();
        }
    }

    private void connect() throws Exception {
        cme = new HostileCme();
        Map<String, Object> p = sessionProperties("demo", "DEMO", HostileCme.CLIENT, cme.address());
        p.put("heartbeatInterval", "5");
        session = session(p, e -> events.add(e.execId()));
        session.start();
        await("logged on", () -> session.status().loggedOn() && cme.logons.get() >= 1);
    }

    /** {@code n} good business messages, all of which must arrive. */
    private void good(int n) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(String.format("H%07d", next++));
        }
        expected.addAll(ids);
        cme.sendBusiness(ids);
    }

    private void allDeliveredOnce() {
        try {
            await("all " + expected.size() + " good messages", Duration.ofSeconds(45), () -> events.size() >= expected.size()
                    && session.status().loggedOn());
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; " + events.size() + " received; " + session.status()
                    + "; resend requests " + requests(), e);
        }
        assertSameStream(expected, events);
    }

    @Test
    void garbageBytesBetweenMessagesAreSkipped() throws Exception {
        connect();
        good(5);
        Random random = new Random(8);
        for (int i = 0; i < 20; i++) {
            byte[] garbage = new byte[1 + random.nextInt(2000)];
            random.nextBytes(garbage);
            cme.sendBytes(garbage);
            good(2);
        }
        cme.sendBytes("\u00018=FIX\u00019=\u000110=\u0001=\u0001\u0001garbage 10=abc\u0001".getBytes(StandardCharsets.ISO_8859_1));
        good(5);
        allDeliveredOnce();
    }

    @Test
    void truncatedMessagesAreRecoveredByResend() throws Exception {
        connect();
        good(3);
        List<Integer> truncated = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String whole = cme.business(String.format("H%07d", next++));
            truncated.add(Integer.parseInt(HostileCme.field(whole, 34)));
            expected.add(execIdOf(whole));
            cme.send(whole.substring(0, whole.length() / 2));      // the rest never comes; the seq is resent
            good(3);
        }
        allDeliveredOnce();
        for (int seq : truncated) {
            assertTrue(cme.resendRequests.stream().anyMatch(r -> r[0] <= seq && (r[1] == 0 || seq <= r[1])),
                    "truncated seq " + seq + " came back by a resend request; requests: " + requests());
        }
    }

    @Test
    void wrongChecksumsAndBodyLengthsAreIgnoredThenResent() throws Exception {
        connect();
        good(3);
        // wrong checksum
        String a = cme.business(String.format("H%07d", next++));
        expected.add(execIdOf(a));
        cme.send(a.substring(0, a.length() - 4) + (a.endsWith("000\u0001") ? "001" : "000") + HostileCme.SOH);
        good(3);
        // body length too short
        String b = cme.business(String.format("H%07d", next++));
        expected.add(execIdOf(b));
        cme.send(b.replaceFirst("\u00019=\\d+\u0001", "\u00019=20\u0001"));
        good(3);
        // body length too long (it swallows what follows)
        String c = cme.business(String.format("H%07d", next++));
        expected.add(execIdOf(c));
        cme.send(c.replaceFirst("\u00019=\\d+\u0001", "\u00019=2000\u0001"));
        good(3);
        // body length not a number
        String d = cme.business(String.format("H%07d", next++));
        expected.add(execIdOf(d));
        cme.send(d.replaceFirst("\u00019=\\d+\u0001", "\u00019=x1\u0001"));
        good(3);
        allDeliveredOnce();
    }

    @Test
    void oversizeFieldIsDeadLetteredAndOversizeFrameDropsTheConnection() throws Exception {
        connect();
        good(3);
        // A 35=n whose XmlData is larger than any real message: dead-lettered with its sequence number.
        int seq = cme.reserve();
        String big = "<RTRF>" + "x".repeat(200_000) + "</RTRF>";
        String oversizeField = new io.dropcopy.model.FixMessageBuilder("FIX.4.2", "n").add(34, seq).add(49, "CME")
                .add(50, "G").add(52, HostileCme.now()).add(56, HostileCme.CLIENT).addData(212, 213, big).build();
        cme.store(seq, oversizeField);
        cme.send(oversizeField);
        good(3);
        await("dead letter", () -> session.status().deadLettered() == 1);
        allDeliveredOnce();

        // A frame that announces 500 MB and keeps coming: the session must not buffer it (memory) and must drop the
        // connection, then log on again and recover what follows by resend.
        long before = usedHeapAfterGc();
        int logons = cme.logons.get();
        cme.sendBytes(("8=FIX.4.2\u00019=500000000\u000135=n\u000134=" + cme.reserve() + "\u0001").getBytes(StandardCharsets.ISO_8859_1));
        byte[] filler = new byte[1 << 20];
        java.util.Arrays.fill(filler, (byte) 'A');
        try {
            for (int i = 0; i < 256 && cme.connected(); i++) {
                cme.sendBytes(filler);
            }
        } catch (java.io.IOException expectedWhenDropped) {
            // the session hung up on us: what it should do
        }
        // measured at once, before a heartbeat timeout could drop the connection and free what it held
        long grown = usedHeapAfterGc() - before;
        assertTrue(grown < 64 << 20, "heap grew by " + (grown >> 20) + " MB for a 256 MB frame");
        await("logged on again", () -> cme.logons.get() > logons && session.status().loggedOn());
        assertEquals(1, session.status().rejected(), "the frame counted as refused");
        good(3);
        allDeliveredOnce();
    }

    @Test
    void wrongCompIdIsRejectedAndTheSessionLogsOnAgain() throws Exception {
        connect();
        good(3);
        int logons = cme.logons.get();
        int seq = cme.reserve();      // never stored: resent as a gap fill
        cme.send(HostileCme.wrapped(seq, "EVIL0001", "EVIL", HostileCme.CLIENT));
        good(3);
        await("logged on again", () -> cme.logons.get() > logons);
        allDeliveredOnce();
        // FIX's rule for a wrong CompID (QuickFIX/J follows it): a Reject with reason 9, CompID problem, then a Logout
        List<String> rejects = cme.fromClientWire.stream().filter(m -> "3".equals(HostileCme.field(m, 35)))
                .collect(java.util.stream.Collectors.toList());
        assertEquals(1, rejects.size(), "one reject: " + cme.fromClient);
        assertEquals(String.valueOf(seq), HostileCme.field(rejects.get(0), 45), "the reject names the message");
        assertEquals("9", HostileCme.field(rejects.get(0), 373), "reason: CompID problem");
        int rejectAt = cme.fromClientWire.indexOf(rejects.get(0));
        assertTrue(cme.fromClient.subList(rejectAt, cme.fromClient.size()).contains("5"),
                "a logout after the reject: " + cme.fromClient);
        assertTrue(events.stream().noneMatch("EVIL0001"::equals), "nothing from a wrong comp id delivered");
    }

    @Test
    void unexpectedMessageTypesAreDeadLetteredAndAStrayLogonReconnects() throws Exception {
        connect();
        good(3);
        allDeliveredOnce();
        // an unknown message type
        String zz = cme.build("ZZ", b -> b.add(58, "what is this"));
        Counted unknown = counted(() -> cme.send(zz));
        // an application message CME never sends on a drop copy session, not wrapped in 35=n
        int seq = cme.reserve();
        String order = new io.dropcopy.model.FixMessageBuilder("FIX.4.2", "D").add(34, seq).add(49, "CME").add(50, "G")
                .add(52, HostileCme.now()).add(56, HostileCme.CLIENT).add(11, "X1").add(21, "1").add(55, "ES")
                .add(54, "1").add(60, HostileCme.now()).add(40, "1").build();
        cme.store(seq, order);
        Counted d = counted(() -> cme.send(order));
        // an execution report on the outer (admin) stream instead of inside 35=n
        int seq2 = cme.reserve();
        String bare = new io.dropcopy.model.FixMessageBuilder("FIX.4.2", "8").add(34, seq2).add(49, "CME").add(50, "G")
                .add(52, HostileCme.now()).add(56, HostileCme.CLIENT).add(6, "0").add(11, "X2").add(14, "0").add(17, "BARE1")
                .add(20, "0").add(37, "O1").add(39, "0").add(54, "1").add(55, "ES").add(150, "0").add(151, "1").build();
        cme.store(seq2, bare);
        Counted er = counted(() -> cme.send(bare));
        // a Logon in the middle of a logged-on session
        int connections = cme.connections.get();
        int logons = cme.logons.get();
        Counted logon = counted(() -> cme.send(cme.build("A", b -> b.add(98, 0).add(108, 5))));

        // each business-stream misfit: one dead letter with its sequence number and what it was, no reject
        assertEquals(new Counted(1, 0), unknown, "35=ZZ");
        assertEquals(new Counted(1, 0), d, "35=D");
        assertEquals(new Counted(1, 0), er, "35=8 outside 35=n");
        List<String> letters = deadLetters();
        assertEquals(3, letters.size(), String.join("\n", letters));
        int zzSeq = Integer.parseInt(HostileCme.field(zz, 34));
        String[][] expectedLetters = {{"" + zzSeq, "ZZ"}, {"" + seq, "D"}, {"" + seq2, "8"}};
        for (int i = 0; i < 3; i++) {
            assertTrue(letters.get(i).contains("\"seqNum\":" + expectedLetters[i][0] + ",")
                    && letters.get(i).contains("\"reason\":\"expected 35=n, got 35=" + expectedLetters[i][1] + "\""), letters.get(i));
        }
        assertTrue(events.stream().noneMatch("BARE1"::equals), "a bare execution report is not a drop copy event");
        // a stray Logon is a session matter, not a business message: nothing dead-lettered or rejected; QuickFIX/J
        // drops the connection and logs on again once (and every good message behind it arrived, checked by counted)
        assertEquals(new Counted(0, 0), logon, "35=A");
        assertEquals(connections + 1, cme.connections.get(), "one reconnect");
        assertEquals(logons + 1, cme.logons.get(), "one logon again");
    }

    private List<String> deadLetters() throws java.io.IOException {
        java.nio.file.Path dir = tmp.resolve("data/dropcopy/sessions/demo/dead-letters");
        List<String> lines = new ArrayList<>();
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(dir)) {
            for (java.nio.file.Path f : files.filter(f -> f.getFileName().toString().matches("demo-\\d{8}\\.jsonl"))
                    .sorted().collect(java.util.stream.Collectors.toList())) {
                lines.addAll(java.nio.file.Files.readAllLines(f));
            }
        }
        return lines;
    }

    /** What one hostile message changed, measured after good messages behind it have all arrived. */
    private record Counted(long deadLettered, long rejected) {
    }

    private interface Act {
        void run() throws Exception;
    }

    private Counted counted(Act hostile) throws Exception {
        SessionStatus before = status();
        hostile.run();
        good(2);
        allDeliveredOnce();
        SessionStatus after = status();
        return new Counted(after.deadLettered() - before.deadLettered(), after.rejected() - before.rejected());
    }

    @Test
    void floodAtTenTimesTheNormalRateLosesNothingAndKeepsTheHeapBounded() throws Exception {
        connect();
        good(10);
        allDeliveredOnce();
        long before = usedHeapAfterGc();
        // the simulator's normal rate is in the hundreds per second; this writes as fast as the socket takes
        for (int burst = 0; burst < 20; burst++) {
            good(1000);
        }
        allDeliveredOnce();
        cme.forgetSent();
        long grown = usedHeapAfterGc() - before;
        assertTrue(grown < 32 << 20, "heap grew by " + (grown >> 20) + " MB");
    }

    @Test
    void slowLorisPartialMessageTimesOutAndTheSessionReconnects() throws Exception {
        connect();
        good(3);
        allDeliveredOnce();
        int logons = cme.logons.get();
        cme.answerTestRequests = false;
        String whole = cme.business(String.format("H%07d", next++));
        expected.add(execIdOf(whole));
        // a few bytes, then a byte now and then, never the end
        cme.send(whole.substring(0, 30));
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int i = 30;
        while (cme.logons.get() == logons && System.nanoTime() < end && i < whole.length() - 10) {
            try {
                cme.send(whole.substring(i, i + 1));
            } catch (java.io.IOException dropped) {
                break;
            }
            i++;
            Thread.sleep(200); // the slow loris's pace (the load under test), not a wait for a condition
        }
        cme.answerTestRequests = true;
        await("logged on again after the heartbeat timeout", Duration.ofSeconds(60), () -> cme.logons.get() > logons);
        good(3);
        allDeliveredOnce();
    }

    private String requests() {
        return cme.resendRequests.stream().map(java.util.Arrays::toString).collect(java.util.stream.Collectors.joining(","));
    }

    private SessionStatus status() {
        return new SessionStatus(session.status());
    }

    private static String execIdOf(String wire) {
        return HostileCme.field(wire.substring(wire.indexOf("<RTRF>")), 17);
    }

    static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The session's status with the counter this test needs. */
    private static final class SessionStatus {
        private final io.dropcopy.session.api.SessionStatus s;

        SessionStatus(io.dropcopy.session.api.SessionStatus s) {
            this.s = s;
        }

        long deadLettered() {
            return s.deadLettered();
        }

        long rejected() {
            return s.rejected();
        }

        @Override
        public String toString() {
            return s.toString() + " rejected=" + s.rejected();
        }
    }
}
