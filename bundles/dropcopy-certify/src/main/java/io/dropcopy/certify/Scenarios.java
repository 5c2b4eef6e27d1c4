package io.dropcopy.certify;

import io.dropcopy.model.FixMessage;
import io.dropcopy.certify.ScriptedCme.Connection;
import io.dropcopy.certify.ScriptedCme.Gateway;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * CME's AutoCert+ drop copy test cases (see docs: cme-dropcopy.md) and the other CME session rules, each a script
 * acting as CME step by step and judging the client's answers as the test case describes.
 */
public final class Scenarios {
    private Scenarios() {
    }

    private static final List<Scenario> ALL = Collections.unmodifiableList(Arrays.asList(
            new Scenario("cgw-logon", "AutoCert+ 1: Logon (CGW)",
                    "Logon and reply; CME Test Request, client Heartbeat; client Logout, CME Logout", Scenarios::cgwLogon),
            new Scenario("logon-failover", "AutoCert+ 2: Logon with failover (CGW)",
                    "Logon to the primary; primary down; Logon on the backup, CME's sequence jumps by 4,000; resend requests of"
                            + " at most 2,500 answered with gap fills and 43=Y copies; heartbeats; Logout",
                    Scenarios::logonFailover),
            new Scenario("respond-to-resend-request", "AutoCert+ 3: Respond to Resend Request",
                    "CME sends 35=2; the client answers with 35=4 123=Y (never an application message); heartbeats",
                    Scenarios::respondToResendRequest),
            new Scenario("beginning-of-week-logon", "AutoCert+ 4: Beginning of week logon",
                    "After the weekly reset the client logs on with 34=1 (no 141=Y); Test Request/Heartbeat",
                    Scenarios::beginningOfWeek),
            new Scenario("mid-week-logon", "AutoCert+ 5: Mid-week logon",
                    "The client logs on with a sequence lower than CME expects; CME logs it out with 789; the client logs on"
                            + " again with that sequence", Scenarios::midWeekLogon),
            new Scenario("mid-week-key-rotation", "AutoCert+ 6: Mid-week key rotation",
                    "Logon with key pair 1, logout, logon with key pair 2, sequence numbers kept", Scenarios::keyRotation),
            new Scenario("bi-directional-resend", "AutoCert+ 7: Bi-directional resend",
                    "A gap in execution reports; the client requests a resend while CME requests one too; the client gap-fills"
                            + " CME's and accepts the out-of-sequence resend without a second request",
                    Scenarios::biDirectionalResend),
            new Scenario("backup-logon-while-primary-up", "CME rule: fault tolerance",
                    "A logon to the backup while the primary is up is logged out with 789 (\"Backup session not allowed."
                            + " Logout forced.\"); the client logs on to the primary with that sequence",
                    Scenarios::backupWhilePrimaryUp),
            new Scenario("logon-within-60s", "CME rule: logon timeout",
                    "The Logon comes within 60 s of the TCP connect, else CME closes the socket", Scenarios::logonWithin60s),
            new Scenario("no-122-on-logon", "CME rule: OrigSendingTime(122) on Logon",
                    "No 122 (and no 98) on any Logon, also when logging on again after CME dropped the connection",
                    Scenarios::no122OnLogon),
            new Scenario("dual-reset-sequence-reset", "CME rule: Sequence Reset in dual-reset mode",
                    "CME's dual-reset 35=4 (no 123) is adopted without acknowledgment; the client's own 35=4 are gap fills"
                            + " (123=Y) whose 36 is never lower than CME expects (CME logs that out)",
                    Scenarios::dualReset),
            new Scenario("possible-resends", "CME rule: possible resends (97=Y)",
                    "97=Y copies after a failover mixed with real-time messages; duplicates removed by RequestTime(5979) and"
                            + " the source session's sequence, new ones kept", Scenarios::possibleResends),
            new Scenario("msgw-market-segments", "Drop Copy 4.0: MSGW sequencing across market segments",
                    "An MSGW target: one session per market segment (57 = segment id), each its own sequence; the same"
                            + " sequence numbers in two segments are two messages, both delivered", Scenarios::msgwSegments)));

    /** Every scenario, in test case order. */
    public static List<Scenario> all() {
        return ALL;
    }

    public static Optional<Scenario> byName(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        List<String> names = new ArrayList<>();
        ALL.forEach(s -> names.add(s.name()));
        return names;
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** A primary (and backup) on loopback, the client started against them. */
    private static Gateway[] gateways(ScriptedCme cme, ClientUnderTest client, boolean primaryUp) throws Exception {
        Gateway primary = cme.gateway("primary");
        Gateway backup = cme.gateway("backup").up();
        if (primaryUp) {
            primary.up();
        } else {
            primary.reserved();
        }
        client.start(List.of(primary.address(), backup.address()));
        return new Gateway[] {primary, backup};
    }

    private static String sendSomeBusiness(ScriptedCme cme, Connection c, int n) {
        String last = null;
        for (int i = 0; i < n; i++) {
            last = cme.sendBusiness(c, cme.nextExecutionReport(), false);
        }
        return last;
    }

    private static void operator(ScriptedCme cme, String title, Action action) {
        try {
            action.run();
        } catch (Exception e) {
            throw cme.fail(title, "-", "the client does it", "error", e.toString());
        }
    }

    private interface Action {
        void run() throws Exception;
    }

    private static boolean isResendRequest(FixMessage m) {
        return "2".equals(m.msgType());
    }

    /** Waits until the application received every message in {@code keys}, each once. */
    private static void expectDelivered(ScriptedCme cme, ClientUnderTest client, String title, String sent,
                                        List<String> keys, Set<String> mustNotRepeat) {
        long deadline = System.nanoTime() + cme.options.answerTimeout.toNanos();
        String expected = keys.size() + " business messages delivered once each: " + String.join(", ", keys);
        while (true) {
            List<String> got = client.delivered();
            Map<String, Integer> counts = new HashMap<>();
            got.forEach(k -> counts.merge(k, 1, Integer::sum));
            for (Map.Entry<String, Integer> e : counts.entrySet()) {
                if (e.getValue() > 1 && (mustNotRepeat == null || mustNotRepeat.contains(e.getKey()))) {
                    throw cme.fail(title, sent, expected, String.join(", ", got),
                            e.getKey() + " delivered " + e.getValue() + " times: a duplicate reached the application");
                }
            }
            if (counts.keySet().containsAll(keys)) {
                cme.pass(title, sent, expected, got.size() + " delivered");
                return;
            }
            if (System.nanoTime() > deadline) {
                List<String> missing = new ArrayList<>(keys);
                missing.removeAll(counts.keySet());
                throw cme.fail(title, sent, expected, String.join(", ", got), "not delivered: " + String.join(", ", missing));
            }
            ScriptedCme.sleepQuietly(20);
        }
    }

    private static String keyOf(String inner) {
        try {
            FixMessage m = FixMessage.parse(inner);
            return ClientUnderTest.key(m.get(56), Long.parseLong(m.get(34)), m.get(5979));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- the scenarios ----------------------------------------------------------------------------------------

    static void cgwLogon(ScriptedCme cme, ClientUnderTest client) throws Exception {
        Gateway[] g = gateways(cme, client, true);
        Connection c = cme.acceptLogon(g[0], "(client started)", 1);
        cme.testRequest(c, false);
        cme.clientLogout(c, client);
    }

    static void logonFailover(ScriptedCme cme, ClientUnderTest client) throws Exception {
        Gateway[] g = gateways(cme, client, true);
        Connection p = cme.acceptLogon(g[0], "(client started)", 1);
        sendSomeBusiness(cme, p, 3);
        cme.testRequest(p, false);
        // CME's primary goes down: the connection closes, the address refuses connections.
        g[0].down();
        p.close();
        int gapStart = cme.cmeNext;
        int jump = cme.options.failoverJump;
        // the business messages CME holds in the jump, to be served as 43=Y copies; everything else gap-filled
        List<Integer> business = List.of(gapStart + 10, gapStart + jump / 2, gapStart + jump - 5);
        for (int seq : business) {
            cme.heldBusiness.put(seq, cme.nextExecutionReport());
        }
        List<String> businessKeys = new ArrayList<>();
        business.forEach(seq -> businessKeys.add(keyOf(cme.heldBusiness.get(seq))));
        Connection b = cme.accept(g[1], "Client fails over to the backup", "primary down (TCP closed)", cme.options.answerTimeout);
        FixMessage logon = cme.expect(b, "Client sends a signed Logon to the backup", "primary down (TCP closed)",
                ScriptedCme.expectedLogon(cme.clientNext, 1), cme.options.logonTimeout, m -> cme.checkLogon(m, cme.clientNext, 1));
        cme.clientNext = ScriptedCme.intOf(logon, 34) + 1;
        cme.cmeNext += jump;
        int gapEnd = cme.cmeNext - 1;
        String sent = cme.logonReply(b, logon);
        int next = gapStart;
        while (next <= gapEnd) {
            int begin = next;
            FixMessage rr = cme.expect(b, "Client requests messages " + begin + ".. (Resend Request of at most 2,500)", sent,
                    "35=2 7=" + begin + " 16<=" + (begin + ScriptedCme.MAX_RESEND - 1) + " or 16=0", cme.options.answerTimeout,
                    m -> ScriptedCme.checkResendRequest(m, begin));
            int end = ScriptedCme.endOf(rr, gapEnd);
            sent = cme.serve(b, begin, end);
            next = end + 1;
        }
        cme.expectNone(b, "No further Resend Request once the gap is filled", sent, "no 35=2", Scenarios::isResendRequest,
                "a Resend Request after the gap was filled");
        expectDelivered(cme, client, "The 43=Y copies of business messages reach the application", sent, businessKeys, null);
        cme.testRequest(b, false);
        String rt = cme.sendBusiness(b, cme.nextExecutionReport(), false);
        cme.expectNone(b, "Real-time messages after the jump are accepted in sequence", rt, "no 35=2",
                Scenarios::isResendRequest, "a Resend Request for a message in sequence");
        cme.clientLogout(b, client);
    }

    static void respondToResendRequest(ScriptedCme cme, ClientUnderTest client) throws Exception {
        Gateway[] g = gateways(cme, client, true);
        Connection c = cme.acceptLogon(g[0], "(client started)", 1);
        sendSomeBusiness(cme, c, 2);
        cme.testRequest(c, false);
        int clientNext = cme.clientNext;
        String sent = cme.sendNext(c, "2", 7, 1, 16, 0);
        cme.expect(c, "Client answers CME's Resend Request with a gap fill", sent,
                "35=4 34=1 43=Y 123=Y 36=" + clientNext + " (never an application message)", cme.options.answerTimeout, m -> {
                    if (!ScriptedCme.isAdmin(m)) {
                        return "application message 35=" + m.msgType() + ": a drop copy client never sends one";
                    }
                    if (!"4".equals(m.msgType())) {
                        return "expected a Sequence Reset - Gap Fill (35=4), got 35=" + m.msgType();
                    }
                    if (!"Y".equals(m.get(123))) {
                        return "GapFillFlag(123)=Y missing: a Sequence Reset in reset mode is for disaster recovery only";
                    }
                    if (ScriptedCme.intOf(m, 34) != 1) {
                        return "MsgSeqNum(34)=" + m.get(34) + ", expected 1 (the first message requested)";
                    }
                    if (ScriptedCme.intOf(m, 36) != clientNext) {
                        return "NewSeqNo(36)=" + m.get(36) + ", expected " + clientNext;
                    }
                    return null;
                });
        cme.expectNone(c, "Nothing else is resent", sent, "no further message", m -> true,
                "unexpected message after the gap fill");
        cme.testRequest(c, false);
        cme.clientLogout(c, client);
    }

    static void beginningOfWeek(ScriptedCme cme, ClientUnderTest client) throws Exception {
        Gateway[] g = gateways(cme, client, true);
        Connection c = cme.acceptLogon(g[0], "(client started, last week)", 1);
        sendSomeBusiness(cme, c, 3);
        cme.testRequest(c, false);
        cme.clientLogout(c, client);
        // CME's weekly start-up: both sides start again at 1
        cme.cmeNext = 1;
        cme.clientNext = 1;
        operator(cme, "Client resets its sequence numbers for the new week", client::resetSequences);
        operator(cme, "Client logs on at the beginning of the week", client::logon);
        Connection w = cme.acceptLogon(g[0], "(weekly start-up: CME's sequences reset to 1)", 1);
        cme.testRequest(w, false);
        cme.clientLogout(w, client);
    }

    static void midWeekLogon(ScriptedCme cme, ClientUnderTest client) throws Exception {
        Gateway[] g = gateways(cme, client, true);
        Connection c = cme.acceptLogon(g[0], "(client started)", 1);
        sendSomeBusiness(cme, c, 2);
        cme.testRequest(c, false);
        cme.clientLogout(c, client);
        // CME holds a higher sequence for the client than the client has (e.g. its store came back from a backup)
        int cmeExpects = cme.clientNext + 25;
        int clientHas = cme.clientNext;
        cme.clientNext = cmeExpects;
        operator(cme, "Client logs on again mid-week", client::logon);
        Connection w = cme.accept(g[0], "Client connects mid-week", "(operator lets the client log on)", cme.options.answerTimeout);
        FixMessage wrong = cme.expect(w, "Client logs on mid-week with its own sequence", "(CME expects " + cmeExpects + ")",
                ScriptedCme.expectedLogon(clientHas, 1) + " (lower than CME expects)", cme.options.logonTimeout,
                m -> cme.checkLogon(m, ScriptedCme.intOf(m, 34), 1));
        String sent = cme.logoutAndClose(w, "MsgSeqNum too low, expecting " + cmeExpects + " but received " + wrong.get(34));
        Connection again = cme.accept(g[0], "Client connects again after CME's Logout", sent, cme.options.answerTimeout);
        FixMessage logon = cme.expect(again, "Client logs on again with NextExpectedMsgSeqNum(789)=" + cmeExpects, sent,
                ScriptedCme.expectedLogon(cmeExpects, 1), cme.options.logonTimeout, m -> cme.checkLogon(m, cmeExpects, 1));
        cme.clientNext = cmeExpects + 1;
        cme.logonReply(again, logon);
        cme.testRequest(again, true);
        cme.clientLogout(again, client);
    }

    static void keyRotation(ScriptedCme cme, ClientUnderTest client) throws Exception {
        Gateway[] g = gateways(cme, client, true);
        Connection c = cme.acceptLogon(g[0], "(client started with key pair 1)", 1);
        sendSomeBusiness(cme, c, 2);
        cme.testRequest(c, false);
        cme.clientLogout(c, client);
        boolean has = false;
        try {
            has = client.useKeyPair(2);
        } catch (Exception e) {
            throw cme.fail("Client switches to key pair 2", "-", "a second key pair", "error", e.toString());
        }
        if (!has) {
            throw cme.fail("Client switches to key pair 2", "-", "a second key pair (accessKeyId2/secretKey2)", "none",
                    "no second key pair configured");
        }
        operator(cme, "Client logs on again mid-week", client::logon);
        Connection r = cme.acceptRelogon(g[0], "(operator switched to key pair 2)", 2);
        cme.testRequest(r, true);
        cme.clientLogout(r, client);
    }

    static void biDirectionalResend(ScriptedCme cme, ClientUnderTest client) throws Exception {
        Gateway[] g = gateways(cme, client, true);
        Connection c = cme.acceptLogon(g[0], "(client started)", 1);
        cme.testRequest(c, false);
        sendSomeBusiness(cme, c, 1);
        int gapStart = cme.cmeNext;
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String inner = cme.nextExecutionReport();
            cme.heldBusiness.put(cme.cmeNext++, inner);
            keys.add(keyOf(inner));
        }
        int gapEnd = cme.cmeNext - 1;
        String after = cme.nextExecutionReport();
        keys.add(keyOf(after));
        String sent = cme.sendBusiness(c, after, false);
        FixMessage rr = cme.expect(c, "Client requests the missing execution reports " + gapStart + "-" + gapEnd, sent,
                "35=2 7=" + gapStart + " 16=" + gapEnd + " or 16=0", cme.options.answerTimeout,
                m -> ScriptedCme.checkResendRequest(m, gapStart));
        int end = ScriptedCme.endOf(rr, gapEnd);
        int clientNext = cme.clientNext;
        String ours = cme.sendNext(c, "2", 7, 1, 16, 0);
        // real time goes on during the resend: out of sequence for the client until the gap is filled
        String realTime = cme.nextExecutionReport();
        keys.add(keyOf(realTime));
        ours += " then " + cme.sendBusiness(c, realTime, false);
        String served = cme.serve(c, gapStart, end);
        cme.expect(c, "Client gap-fills CME's Resend Request while CME resends, without a second Resend Request",
                ours + " then " + served, "35=4 34=1 123=Y 36=" + clientNext + "; no second 35=2", cme.options.answerTimeout, m -> {
                    if (isResendRequest(m)) {
                        return "a second Resend Request during CME's resend";
                    }
                    if (!"4".equals(m.msgType()) || !"Y".equals(m.get(123))) {
                        return "expected a gap fill (35=4 123=Y), got 35=" + m.msgType();
                    }
                    if (ScriptedCme.intOf(m, 34) != 1 || ScriptedCme.intOf(m, 36) != clientNext) {
                        return "gap fill 34=" + m.get(34) + " 36=" + m.get(36) + ", expected 34=1 36=" + clientNext;
                    }
                    return null;
                });
        cme.expectNone(c, "No second Resend Request for the out-of-sequence resend", served, "no 35=2",
                Scenarios::isResendRequest, "a second Resend Request during CME's resend");
        expectDelivered(cme, client, "The resent execution reports reach the application", served, keys, null);
        cme.testRequest(c, false);
        cme.clientLogout(c, client);
    }

    static void backupWhilePrimaryUp(ScriptedCme cme, ClientUnderTest client) throws Exception {
        Gateway[] g = gateways(cme, client, false);
        Connection b = cme.accept(g[1], "Client connects to the backup (primary unreachable from the client)",
                "(client started; primary refuses connections)", cme.options.answerTimeout);
        FixMessage logon = cme.expect(b, "Client sends a signed Logon to the backup", "(client started)",
                ScriptedCme.expectedLogon(1, 1), cme.options.logonTimeout, m -> cme.checkLogon(m, 1, 1));
        // CME's primary is up: the backup refuses; the failed logon starts the client's sequence again at 1
        cme.clientNext = 1;
        g[0].up();
        String sent = cme.logoutAndClose(b, "Backup session not allowed. Logout forced.");
        Connection p = cme.accept(g[0], "Client logs on to the primary", sent, cme.options.answerTimeout);
        FixMessage again = cme.expect(p, "Client logs on to the primary with NextExpectedMsgSeqNum(789)=1", sent,
                ScriptedCme.expectedLogon(1, 1), cme.options.logonTimeout, m -> cme.checkLogon(m, 1, 1));
        cme.clientNext = 2;
        cme.logonReply(p, again);
        cme.testRequest(p, true);
        cme.clientLogout(p, client);
        logon.get(34);
    }

    static void logonWithin60s(ScriptedCme cme, ClientUnderTest client) throws Exception {
        Gateway[] g = gateways(cme, client, true);
        Connection c = cme.accept(g[0], "Client connects", "(client started)", cme.options.answerTimeout);
        long start = System.nanoTime();
        Object first = c.poll(cme.options.logonTimeout);
        String expected = "35=A within " + ScriptedCme.seconds(cme.options.logonTimeout) + " of the TCP connect";
        if (!(first instanceof FixMessage)) {
            c.close();
            throw cme.fail("Client sends Logon within " + ScriptedCme.seconds(cme.options.logonTimeout) + " of connecting",
                    "(TCP connection accepted)", expected, first == null ? "nothing; CME closed the socket" : "connection closed",
                    "no Logon within " + ScriptedCme.seconds(cme.options.logonTimeout));
        }
        FixMessage m = (FixMessage) first;
        String why = cme.checkLogon(m, 1, 1);
        if (why != null) {
            throw cme.fail("Client sends Logon within the timeout", "(TCP connection accepted)", expected,
                    ScriptedCme.show(m.raw()), why);
        }
        cme.pass("Client sends Logon within " + ScriptedCme.seconds(cme.options.logonTimeout) + " of connecting",
                "(TCP connection accepted)", expected, ScriptedCme.show(m.raw()) + " after "
                        + (System.nanoTime() - start) / 1_000_000 + " ms");
        cme.clientNext = 2;
        cme.logonReply(c, m);
        cme.testRequest(c, false);
        cme.clientLogout(c, client);
    }

    static void no122OnLogon(ScriptedCme cme, ClientUnderTest client) throws Exception {
        Gateway[] g = gateways(cme, client, true);
        Connection c = cme.accept(g[0], "Client connects", "(client started)", cme.options.answerTimeout);
        FixMessage logon = cme.expect(c, "Client's Logon carries no OrigSendingTime(122) nor EncryptMethod(98)", "(client started)",
                ScriptedCme.expectedLogon(1, 1), cme.options.logonTimeout, m -> {
                    String why = cme.checkLogon(m, 1, 1);
                    if (why != null && why.startsWith("OrigSendingTime")) {
                        cme.logoutAndClose(c, why);
                    }
                    return why;
                });
        cme.clientNext = 2;
        cme.logonReply(c, logon);
        sendSomeBusiness(cme, c, 2);
        cme.testRequest(c, false);
        c.close();
        Connection again = cme.acceptRelogon(g[0], "CME dropped the connection", 1);
        cme.testRequest(again, true);
        cme.clientLogout(again, client);
    }

    static void dualReset(ScriptedCme cme, ClientUnderTest client) throws Exception {
        Gateway[] g = gateways(cme, client, true);
        Connection c = cme.acceptLogon(g[0], "(client started)", 1);
        sendSomeBusiness(cme, c, 2);
        cme.testRequest(c, false);
        int newSeq = cme.cmeNext + 100;
        String reset = cme.send(c, cme.header("4", cme.cmeNext).add(36, newSeq));
        cme.cmeNext = newSeq;
        cme.expectNone(c, "Client adopts CME's dual-reset Sequence Reset without acknowledging it", reset,
                "no message (no acknowledgment, no Resend Request, no Reject)", m -> true,
                "the client answered a dual-reset Sequence Reset");
        String rt = cme.sendBusiness(c, cme.nextExecutionReport(), false);
        cme.expectNone(c, "The next message at the new sequence is accepted", rt, "no 35=2", Scenarios::isResendRequest,
                "a Resend Request after the reset");
        int clientNext = cme.clientNext;
        String rr = cme.sendNext(c, "2", 7, 1, 16, 0);
        FixMessage fill = cme.expect(c, "Client's own Sequence Reset is a gap fill whose 36 is not lower than CME expects", rr,
                "35=4 123=Y 36=" + clientNext, cme.options.answerTimeout, m -> {
                    if (!"4".equals(m.msgType())) {
                        return "expected 35=4, got 35=" + m.msgType();
                    }
                    if (ScriptedCme.intOf(m, 36) < clientNext) {
                        return "NewSeqNo(36)=" + m.get(36) + " lower than expected " + clientNext + ": CME logs the client out";
                    }
                    if (!"Y".equals(m.get(123))) {
                        return "Sequence Reset in dual-reset mode (no 123=Y) sent by the client: for disaster recovery only";
                    }
                    return null;
                });
        fill.get(36);
        cme.testRequest(c, false);
        cme.clientLogout(c, client);
    }

    static void possibleResends(ScriptedCme cme, ClientUnderTest client) throws Exception {
        Gateway[] g = gateways(cme, client, true);
        Connection c = cme.acceptLogon(g[0], "(client started)", 1);
        cme.testRequest(c, false);
        long t = 1_700_000_000_000_000_000L;
        String[] real = new String[4];
        for (int i = 0; i < real.length; i++) {
            real[i] = cme.executionReport("M2L000N", 201 + i, String.valueOf(t + i), false);
            cme.sendBusiness(c, real[i], false);
        }
        // after an iLink failover: possible resends of A2 and A3 (same 5979 and source sequence), one never seen (A5),
        // and one with A1's source sequence but a later RequestTime: a different message, kept
        String a5 = cme.executionReport("M2L000N", 205, String.valueOf(t + 4), true);
        String a1Later = cme.executionReport("M2L000N", 201, String.valueOf(t + 50), true);
        String b1 = cme.executionReport("M2L001N", 301, String.valueOf(t + 10), false);
        String b2 = cme.executionReport("M2L001N", 302, String.valueOf(t + 11), false);
        List<String> mixed = List.of(cme.executionReport("M2L000N", 202, String.valueOf(t + 1), true), b1,
                cme.executionReport("M2L000N", 203, String.valueOf(t + 2), true), a5, b2,
                cme.executionReport("M2L000N", 202, String.valueOf(t + 1), true), a1Later);
        for (String inner : mixed) {
            cme.sendBusiness(c, inner, inner.contains("\u000197=Y\u0001"));
        }
        String sent = "4 real-time messages, then 97=Y copies of 2 of them mixed with 2 real-time and 2 new 97=Y messages";
        cme.expectNone(c, "Possible resends are in sequence: no Resend Request", sent, "no 35=2",
                Scenarios::isResendRequest, "a Resend Request");
        List<String> keys = new ArrayList<>();
        for (String inner : real) {
            keys.add(keyOf(inner));
        }
        keys.add(keyOf(b1));
        keys.add(keyOf(a5));
        keys.add(keyOf(b2));
        keys.add(keyOf(a1Later));
        expectDelivered(cme, client, "Duplicates removed by RequestTime(5979) and source sequence, new messages kept", sent,
                keys, new LinkedHashSet<>(keys));
        cme.testRequest(c, false);
        cme.clientLogout(c, client);
    }

    static void msgwSegments(ScriptedCme cme, ClientUnderTest client) throws Exception {
        String[] segments = {"54", "56"};
        Map<String, List<String>> addresses = new java.util.LinkedHashMap<>();
        Map<String, ScriptedCme> cmes = new java.util.LinkedHashMap<>();
        Map<String, Gateway> primaries = new HashMap<>();
        for (String segment : segments) {
            ScriptedCme seg = cme.segment(segment);
            Gateway p = seg.gateway("segment " + segment + " primary").up();
            Gateway b = seg.gateway("segment " + segment + " backup").up();
            cmes.put(segment, seg);
            primaries.put(segment, p);
            addresses.put(segment, List.of(p.address(), b.address()));
        }
        boolean supported;
        try {
            supported = client.startSegments(addresses);
        } catch (Exception e) {
            throw cme.fail("Client starts one target session per market segment", "-", "a session per segment", "error",
                    e.toString());
        }
        if (!supported) {
            throw cme.fail("Client starts one target session per market segment", "-", "a session per segment (57=segment)",
                    "none", "the client cannot run an MSGW target");
        }
        Map<String, Connection> connections = new HashMap<>();
        for (String segment : segments) {
            connections.put(segment, cmes.get(segment).acceptLogon(primaries.get(segment), "(client started; MSGW segment "
                    + segment + ")", 1));
        }
        // the same outer sequence numbers in every segment, each its own stream
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            for (String segment : segments) {
                String inner = cmes.get(segment).nextExecutionReport();
                keys.add(keyOf(inner));
                cmes.get(segment).sendBusiness(connections.get(segment), inner, false);
            }
        }
        String sent = "35=n 34=2..4 in segment " + String.join(" and in segment ", segments);
        for (String segment : segments) {
            cmes.get(segment).expectNone(connections.get(segment), "Segment " + segment + ": its own sequence, no Resend Request",
                    sent, "no 35=2", Scenarios::isResendRequest, "a Resend Request: the segments' sequences were mixed");
        }
        expectDelivered(cme, client, "Every segment's messages reach the application once, equal sequence numbers included",
                sent, keys, new LinkedHashSet<>(keys));
        for (String segment : segments) {
            cmes.get(segment).testRequest(connections.get(segment), false);
        }
    }
}
