package io.dropcopy.certify;

import static io.dropcopy.certify.ScenarioSteps.loggedOn;
import static io.dropcopy.certify.ScenarioSteps.heartbeatThenLogout;
import static io.dropcopy.certify.ScenarioSteps.expectDelivered;
import static io.dropcopy.certify.ScenarioSteps.gateways;
import static io.dropcopy.certify.ScenarioSteps.isResendRequest;
import static io.dropcopy.certify.ScenarioSteps.keyOf;
import static io.dropcopy.certify.ScenarioSteps.sendSomeBusiness;

import io.dropcopy.model.FixMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** The scenarios of sequence numbers: failover jumps, resends both ways, sequence resets, possible resends, MSGW segments. */
final class SequenceScenarios {
    private SequenceScenarios() {
    }

    static void logonFailover(ScriptedCme cme, ClientUnderTest client) throws Exception {
        Gateway[] g = gateways(cme, client, true);
        ClientConnection p = loggedOn(cme, g[0], "(client started)", 3);
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
        ClientConnection b = cme.accept(g[1], "Client fails over to the backup", "primary down (TCP closed)", cme.options.answerTimeout);
        FixMessage logon = cme.expect(b, "Client sends a signed Logon to the backup", "primary down (TCP closed)",
                CmeRules.expectedLogon(cme.clientNext, 1), cme.options.logonTimeout, m -> cme.checkLogon(m, cme.clientNext, 1));
        cme.clientNext = CmeRules.intOf(logon, 34) + 1;
        cme.cmeNext += jump;
        int gapEnd = cme.cmeNext - 1;
        String sent = cme.logonReply(b, logon);
        int next = gapStart;
        while (next <= gapEnd) {
            int begin = next;
            FixMessage rr = cme.expect(b, "Client requests messages " + begin + ".. (Resend Request of at most 2,500)", sent,
                    "35=2 7=" + begin + " 16<=" + (begin + CmeRules.MAX_RESEND - 1) + " or 16=0", cme.options.answerTimeout,
                    m -> CmeRules.checkResendRequest(m, begin));
            int end = CmeRules.endOf(rr, gapEnd);
            sent = cme.serve(b, begin, end);
            next = end + 1;
        }
        cme.expectNone(b, "No further Resend Request once the gap is filled", sent, "no 35=2", ScenarioSteps::isResendRequest,
                "a Resend Request after the gap was filled");
        expectDelivered(cme, client, "The 43=Y copies of business messages reach the application", sent, businessKeys, null);
        cme.testRequest(b, false);
        String rt = cme.sendBusiness(b, cme.nextExecutionReport(), false);
        cme.expectNone(b, "Real-time messages after the jump are accepted in sequence", rt, "no 35=2",
                ScenarioSteps::isResendRequest, "a Resend Request for a message in sequence");
        cme.clientLogout(b, client);
    }

    static void respondToResendRequest(ScriptedCme cme, ClientUnderTest client) throws Exception {
        Gateway[] g = gateways(cme, client, true);
        ClientConnection c = loggedOn(cme, g[0], "(client started)", 2);
        int clientNext = cme.clientNext;
        String sent = cme.sendNext(c, "2", 7, 1, 16, 0);
        cme.expect(c, "Client answers CME's Resend Request with a gap fill", sent,
                "35=4 34=1 43=Y 123=Y 36=" + clientNext + " (never an application message)", cme.options.answerTimeout, m -> {
                    if (!CmeRules.isAdmin(m)) {
                        return "application message 35=" + m.msgType() + ": a drop copy client never sends one";
                    }
                    if (!"4".equals(m.msgType())) {
                        return "expected a Sequence Reset - Gap Fill (35=4), got 35=" + m.msgType();
                    }
                    if (!"Y".equals(m.get(123))) {
                        return "GapFillFlag(123)=Y missing: a Sequence Reset in reset mode is for disaster recovery only";
                    }
                    if (CmeRules.intOf(m, 34) != 1) {
                        return "MsgSeqNum(34)=" + m.get(34) + ", expected 1 (the first message requested)";
                    }
                    if (CmeRules.intOf(m, 36) != clientNext) {
                        return "NewSeqNo(36)=" + m.get(36) + ", expected " + clientNext;
                    }
                    return null;
                });
        cme.expectNone(c, "Nothing else is resent", sent, "no further message", m -> true,
                "unexpected message after the gap fill");
        heartbeatThenLogout(cme, c, client, false);
    }

    static void biDirectionalResend(ScriptedCme cme, ClientUnderTest client) throws Exception {
        Gateway[] g = gateways(cme, client, true);
        ClientConnection c = loggedOn(cme, g[0], "(client started)", 0);
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
                m -> CmeRules.checkResendRequest(m, gapStart));
        int end = CmeRules.endOf(rr, gapEnd);
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
                    if (CmeRules.intOf(m, 34) != 1 || CmeRules.intOf(m, 36) != clientNext) {
                        return "gap fill 34=" + m.get(34) + " 36=" + m.get(36) + ", expected 34=1 36=" + clientNext;
                    }
                    return null;
                });
        cme.expectNone(c, "No second Resend Request for the out-of-sequence resend", served, "no 35=2",
                ScenarioSteps::isResendRequest, "a second Resend Request during CME's resend");
        expectDelivered(cme, client, "The resent execution reports reach the application", served, keys, null);
        heartbeatThenLogout(cme, c, client, false);
    }

    static void dualReset(ScriptedCme cme, ClientUnderTest client) throws Exception {
        Gateway[] g = gateways(cme, client, true);
        ClientConnection c = loggedOn(cme, g[0], "(client started)", 2);
        int newSeq = cme.cmeNext + 100;
        String reset = cme.send(c, cme.header("4", cme.cmeNext).add(36, newSeq));
        cme.cmeNext = newSeq;
        cme.expectNone(c, "Client adopts CME's dual-reset Sequence Reset without acknowledging it", reset,
                "no message (no acknowledgment, no Resend Request, no Reject)", m -> true,
                "the client answered a dual-reset Sequence Reset");
        String rt = cme.sendBusiness(c, cme.nextExecutionReport(), false);
        cme.expectNone(c, "The next message at the new sequence is accepted", rt, "no 35=2", ScenarioSteps::isResendRequest,
                "a Resend Request after the reset");
        int clientNext = cme.clientNext;
        String rr = cme.sendNext(c, "2", 7, 1, 16, 0);
        FixMessage fill = cme.expect(c, "Client's own Sequence Reset is a gap fill whose 36 is not lower than CME expects", rr,
                "35=4 123=Y 36=" + clientNext, cme.options.answerTimeout, m -> {
                    if (!"4".equals(m.msgType())) {
                        return "expected 35=4, got 35=" + m.msgType();
                    }
                    if (CmeRules.intOf(m, 36) < clientNext) {
                        return "NewSeqNo(36)=" + m.get(36) + " lower than expected " + clientNext + ": CME logs the client out";
                    }
                    if (!"Y".equals(m.get(123))) {
                        return "Sequence Reset in dual-reset mode (no 123=Y) sent by the client: for disaster recovery only";
                    }
                    return null;
                });
        fill.get(36);
        heartbeatThenLogout(cme, c, client, false);
    }

    static void possibleResends(ScriptedCme cme, ClientUnderTest client) throws Exception {
        Gateway[] g = gateways(cme, client, true);
        ClientConnection c = loggedOn(cme, g[0], "(client started)", 0);
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
                ScenarioSteps::isResendRequest, "a Resend Request");
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
        heartbeatThenLogout(cme, c, client, false);
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
        Map<String, ClientConnection> connections = new HashMap<>();
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
                    sent, "no 35=2", ScenarioSteps::isResendRequest, "a Resend Request: the segments' sequences were mixed");
        }
        expectDelivered(cme, client, "Every segment's messages reach the application once, equal sequence numbers included",
                sent, keys, new LinkedHashSet<>(keys));
        for (String segment : segments) {
            cmes.get(segment).testRequest(connections.get(segment), false);
        }
    }
}
