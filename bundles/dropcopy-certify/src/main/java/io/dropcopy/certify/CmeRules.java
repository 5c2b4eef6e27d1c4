package io.dropcopy.certify;

import io.dropcopy.fix.SecureLogon;
import io.dropcopy.model.FixMessage;

/**
 * CME's rules for what a drop copy client sends, as the scripted CME judges them: each check returns null when the
 * message is right, else why not, in the words of the report.
 */
final class CmeRules {
    /** CME serves at most 2,500 messages per Resend Request. */
    static final int MAX_RESEND = 2500;
    private static final String ADMIN_TYPES = "012345A";

    private CmeRules() {
    }

    /**
     * The client's Logon as CME checks it: 49/56/57, MsgSeqNum, HeartBtInt, the signature with key pair {@code keyPair},
     * application identity, no 122, no 98, no 141=Y unless {@code resetAllowed}. Null when right.
     */
    static String checkLogon(ClientIdentity client, FixMessage m, int expectedSeq, int keyPair) {
        if (!"A".equals(m.msgType())) {
            return "35=" + m.msgType() + " instead of a Logon (35=A)";
        }
        if (m.has(122)) {
            return "OrigSendingTime(122) not allowed on Logon";
        }
        if (m.has(98)) {
            return "EncryptMethod(98) not allowed on Logon";
        }
        if (!client.compId.equals(m.get(49))) {
            return "SenderCompID(49) " + m.get(49) + ", expected " + client.compId;
        }
        if (!client.compId.endsWith("N")) {
            return "SenderCompID(49) must end with the fault-tolerance indicator N";
        }
        if (!"CME".equals(m.get(56))) {
            return "TargetCompID(56) " + m.get(56) + ", expected CME";
        }
        if (!client.targetSubId.equals(m.get(57))) {
            return "TargetSubID(57) " + m.get(57) + ", expected " + client.targetSubId;
        }
        int hb = intOf(m, 108);
        if (hb < 5 || hb > 60) {
            return "HeartBtInt(108) " + m.get(108) + " outside 5..60";
        }
        if ("Y".equals(m.get(141))) {
            return "ResetSeqNumFlag(141)=Y: sequences are reset once a week by both sides, never by a logon";
        }
        for (int tag : new int[] {369, 1603, 1604, 1605}) {
            if (!m.has(tag)) {
                return "tag " + tag + " missing";
            }
        }
        if (!SecureLogon.METHOD.equals(m.get(1400))) {
            return "EncryptedPasswordMethod(1400) must be " + SecureLogon.METHOD;
        }
        String key = m.get(355);
        String wanted = client.accessKey(keyPair);
        if (wanted == null) {
            return "key pair " + keyPair + " is not configured";
        }
        if (!wanted.equals(key)) {
            String other = client.signerFor(key == null ? "" : key) != null ? "key pair " + (keyPair == 1 ? 2 : 1)
                    : "an unknown key";
            return "logon signed with " + other + " (355=" + key + "), expected key pair " + keyPair + " (355=" + wanted + ")";
        }
        String expected = client.signerFor(key).apply(SecureLogon.canonical(m::get));
        if (!SecureLogon.matches(expected, m.get(1402))) {
            return "Invalid signature (1402)";
        }
        int seq = intOf(m, 34);
        if (seq != expectedSeq) {
            return "MsgSeqNum(34)=" + seq + ", expected " + expectedSeq;
        }
        return null;
    }

    static String expectedLogon(int seq, int keyPair) {
        return "35=A 34=" + seq + " signed with key pair " + keyPair + " (355, 1400=CME-1-SHA-256, 1402), 1603-1605, "
                + "no 122, no 98, no 141=Y";
    }

    /** Checks a Resend Request starting at {@code begin}: at most 2,500 messages (16=0 means up to 2,500), no 122. */
    static String checkResendRequest(FixMessage m, int begin) {
        if (!"2".equals(m.msgType())) {
            return "expected a Resend Request (35=2), got 35=" + m.msgType();
        }
        int from = intOf(m, 7);
        int to = intOf(m, 16);
        if (from != begin) {
            return "BeginSeqNo(7)=" + from + ", expected " + begin;
        }
        if (to != 0 && to - from + 1 > MAX_RESEND) {
            return "Resend Request of " + (to - from + 1) + " messages: CME serves at most 2,500 per request";
        }
        if (to != 0 && to < from) {
            return "EndSeqNo(16)=" + to + " below BeginSeqNo(7)=" + from;
        }
        if (m.has(122)) {
            return "OrigSendingTime(122) not allowed on a Resend Request";
        }
        return null;
    }

    /** 16=0 means "up to 2,500" (CME); otherwise the end asked, both capped at what CME has sent. */
    static int endOf(FixMessage m, int last) {
        int from = intOf(m, 7);
        int to = intOf(m, 16);
        int end = to == 0 ? from + MAX_RESEND - 1 : Math.min(to, from + MAX_RESEND - 1);
        return Math.min(end, last);
    }

    static int intOf(FixMessage m, int tag) {
        String v = m.get(tag);
        try {
            return v == null ? 0 : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static boolean isAdmin(FixMessage m) {
        String t = m.msgType();
        return t != null && t.length() == 1 && ADMIN_TYPES.contains(t);
    }
}
