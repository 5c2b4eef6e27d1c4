package io.dropcopy.session.internal;

/**
 * The inner iLink message in XmlData(213) is a whole FIX message with its own CheckSum(10). A mismatch means the
 * payload was damaged (or is not CME's): such a message must never become a fill, so it goes to the dead letters
 * with the reason. An inner message rendered with 0x02 separators is summed as if they were SOH, as CME sent it.
 */
final class InnerChecksum {
    private static final String OPEN = "\u0001213=<RTRF>";
    private static final String CLOSE = "</RTRF>";

    private InnerChecksum() {
    }

    /** Why the inner checksum of the outer message {@code raw} is wrong, or null (right, or none to check). */
    static String mismatch(String raw) {
        int open = raw.indexOf(OPEN);
        if (open < 0) {
            return null;
        }
        int start = open + OPEN.length();
        int end = raw.indexOf(CLOSE, start);
        if (end < 0) {
            return null; // the model says what is wrong with the envelope
        }
        int trailer = -1;
        char separator = 1;
        for (int i = end - 7; i >= start; i--) {
            char c = raw.charAt(i);
            if ((c == 1 || c == 2) && raw.startsWith("10=", i + 1)) {
                trailer = i;
                separator = c;
                break;
            }
        }
        if (trailer < 0) {
            return "inner message has no CheckSum(10): truncated";
        }
        String stated = raw.substring(trailer + 4, Math.min(trailer + 7, end));
        int sum = 0;
        for (int i = start; i <= trailer; i++) {
            char c = raw.charAt(i);
            sum += c == separator ? 1 : c & 0xFF;
        }
        if (threeDigits(stated) == (sum & 0xFF)) {
            return null; // every message passes here: no formatting on the good path
        }
        return "inner CheckSum(10) is " + stated + " but the inner message sums to " + String.format("%03d", sum & 0xFF)
                + ": damaged in transit or not CME's";
    }

    /** The value of exactly three ASCII digits, else -1. */
    private static int threeDigits(String s) {
        if (s.length() != 3) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < 3; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
