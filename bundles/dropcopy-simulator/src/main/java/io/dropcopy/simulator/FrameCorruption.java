package io.dropcopy.simulator;

import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Frames a client cannot read, for the {@code bad-frame} fault: the next real-time business messages are marked, and
 * every time a marked sequence number goes onto the wire (live, and again on every resend, 43=Y included) it is
 * damaged the same way. QuickFIX/J's store keeps the intact message; only the wire copy is damaged, with the outer
 * BodyLength(9) and CheckSum(10) recomputed so the frame itself is well formed.
 */
final class FrameCorruption {
    private static final char SOH = '\u0001';

    /** How a frame is damaged. */
    enum Kind {
        /** XmlDataLen(212) overstates XmlData(213): QuickFIX/J cannot parse the outer message. */
        XMLDATALEN("xmldatalen"),
        /** The inner message cut in the middle (212 matches what is sent). */
        TRUNCATED("truncated"),
        /** The inner CheckSum(10) wrong. */
        CHECKSUM("checksum"),
        /** XmlData(213) holds bytes that are not FIX at all. */
        GARBAGE("garbage");

        final String label;

        Kind(String label) {
            this.label = label;
        }

        static Kind of(String label) {
            for (Kind k : values()) {
                if (k.label.equals(label.toLowerCase(Locale.ROOT))) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown frame damage '" + label + "' (xmldatalen, truncated, checksum,"
                    + " garbage)");
        }
    }

    private final Queue<Kind> armed = new ConcurrentLinkedQueue<>();
    private final Map<Integer, Kind> damaged = new ConcurrentHashMap<>();
    /** The intact frames of the damaged sequence numbers, as first sent, for tests to compare with. */
    private final Map<Integer, String> originals = new ConcurrentHashMap<>();

    /** The next {@code count} real-time business messages are damaged, now and on every resend. */
    void arm(Kind kind, int count) {
        for (int i = 0; i < count; i++) {
            armed.add(kind);
        }
    }

    /** Outer sequence numbers damaged so far, with how. */
    Map<Integer, Kind> damaged() {
        return Map.copyOf(damaged);
    }

    /** The intact frame of each damaged sequence number (its first live copy). */
    Map<Integer, String> originals() {
        return Map.copyOf(originals);
    }

    void clear() {
        originals.clear();
        armed.clear();
        damaged.clear();
    }

    /** The frame as it goes onto the wire: {@code frame} itself unless its sequence number is (now) marked. */
    String apply(String frame, boolean realTime) {
        if (armed.isEmpty() && damaged.isEmpty()) {
            return frame;
        }
        int seq = seqNum(frame);
        if (seq <= 0) {
            return frame;
        }
        Kind kind = damaged.get(seq);
        if (kind == null && realTime) {
            kind = armed.poll();
            if (kind != null) {
                originals.put(seq, frame);
                damaged.put(seq, kind);
            }
        }
        return kind == null ? frame : damage(frame, kind);
    }

    static String damage(String frame, Kind kind) {
        int lenAt = frame.indexOf(SOH + "212=");
        int dataAt = frame.indexOf(SOH + "213=");
        if (lenAt < 0 || dataAt < 0) {
            return frame;
        }
        int lenEnd = frame.indexOf(SOH, lenAt + 1);
        int length = Integer.parseInt(frame.substring(lenAt + 5, lenEnd));
        int dataStart = dataAt + 5;
        String data = frame.substring(dataStart, dataStart + length);
        String before = frame.substring(0, dataAt);
        String after = frame.substring(dataStart + length);
        String newData = data;
        int announced;
        switch (kind) {
            case XMLDATALEN:
                announced = length + 10; // what the independent counterparty saw: 212 larger than 213
                break;
            case TRUNCATED:
                newData = data.substring(0, data.length() / 2) + "</RTRF>";
                announced = newData.length();
                break;
            case CHECKSUM: {
                int cs = data.lastIndexOf(SOH + "10=");
                newData = cs < 0 ? data : data.substring(0, cs + 4) + (data.startsWith("000", cs + 4) ? "001" : "000")
                        + data.substring(cs + 7);
                announced = newData.length();
                break;
            }
            default:
                newData = "<RTRF>\u00ff\u00fe not a FIX message \u0000\u0007</RTRF>";
                announced = newData.length();
                break;
        }
        before = before.substring(0, lenAt) + SOH + "212=" + announced + before.substring(lenEnd);
        return withLengthAndChecksum(before + SOH + "213=" + newData + after);
    }

    /** Recomputes BodyLength(9) and CheckSum(10) of a whole frame. */
    static String withLengthAndChecksum(String frame) {
        int bodyLenAt = frame.indexOf(SOH + "9=");
        int bodyStart = frame.indexOf(SOH, bodyLenAt + 1) + 1;
        int checksumAt = frame.lastIndexOf(SOH + "10=") + 1;
        String head = frame.substring(0, bodyLenAt) + SOH + "9=" + (checksumAt - bodyStart) + SOH;
        String body = frame.substring(bodyStart, checksumAt);
        String upToChecksum = head + body;
        int sum = 0;
        for (int i = 0; i < upToChecksum.length(); i++) {
            sum += upToChecksum.charAt(i) & 0xFF;
        }
        return upToChecksum + String.format("10=%03d", sum & 0xFF) + SOH;
    }

    private static int seqNum(String frame) {
        int at = frame.indexOf(SOH + "34=");
        if (at < 0) {
            return -1;
        }
        int end = frame.indexOf(SOH, at + 4);
        try {
            return Integer.parseInt(frame.substring(at + 4, end));
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
