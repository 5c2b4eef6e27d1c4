package io.dropcopy.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A parsed FIX tag=value message, fields in wire order. Accepts SOH (0x01) or 0x02 as the field
 * separator (CME samples and some tools render the inner message with 0x02), detected from the
 * first field. Length-prefixed data fields (XmlData, RawData, ...) are read by their length, so they
 * may contain separators. Refused as malformed: empty values, a non-numeric BodyLength(9) (its value and the
 * CheckSum(10) are not verified: QuickFIX/J checks the outer message, and the inner one is CME's copy), more
 * than {@link #MAX_LENGTH} characters or {@link #MAX_FIELDS} fields.
 */
public final class FixMessage {
    public static final char SOH = '\u0001';
    public static final char STX = '\u0002';
    /**
     * Largest message accepted, in characters (ISO-8859-1 bytes): 64 KiB. Real iLink messages are well under
     * 2 KiB; the limit bounds the time and memory one hostile or corrupt message can cost.
     */
    public static final int MAX_LENGTH = 64 * 1024;
    /** Most fields accepted in one message (a Mass Action Report with its affected orders fits easily). */
    public static final int MAX_FIELDS = 1024;

    private final String raw;
    /** The fields' tags and values, the first {@code count} entries used. */
    private final int[] tags;
    private final String[] values;
    private final int count;
    /**
     * The index of a field whose value is left in {@link #raw} (from {@code deferredStart} to {@code deferredEnd}) until
     * asked for, or -1: the outer XmlData(213), which the unwrapper reads in place instead of copying it twice.
     */
    private final int deferred;
    private final int deferredStart;
    private final int deferredEnd;

    private FixMessage(String raw, int[] tags, String[] values, int count, int deferred, int deferredStart,
                       int deferredEnd) {
        this.raw = raw;
        this.tags = tags;
        this.values = values;
        this.count = count;
        this.deferred = deferred;
        this.deferredStart = deferredStart;
        this.deferredEnd = deferredEnd;
    }

    /**
     * Parses a whole message starting with {@code 8=}. Trailing separators or whitespace are tolerated.
     * Inputs are bounded: at most {@link #MAX_LENGTH} characters and {@link #MAX_FIELDS} fields, so time and
     * memory per call are linear in a bounded input whatever the bytes are.
     */
    public static FixMessage parse(String raw) throws MalformedMessageException {
        return parse(raw, -1);
    }

    /**
     * As {@link #parse(String)}; the value of the first occurrence of {@code deferTag} is not copied out of the raw
     * text until it is asked for ({@link #valueStart}/{@link #valueEnd} locate it).
     */
    static FixMessage parse(String raw, int deferTag) throws MalformedMessageException {
        int end = checkedLength(raw);
        char sep = detectSeparator(raw);
        int[] tags = new int[48];
        String[] values = new String[48];
        int count = 0;
        int pos = 0;
        long pendingDataLength = -1;
        int pendingDataTag = -1;
        int deferred = -1;
        int deferredStart = 0;
        int deferredEnd = 0;
        while (pos < end) {
            char c = raw.charAt(pos);
            if (c == sep || c == '\r' || c == '\n') {
                pos++;
                continue;
            }
            // the tag's digits read up to the '=' in one pass; anything else is read again to name the fault
            int eq = pos;
            int tag = 0;
            for (char d; eq < end && (d = raw.charAt(eq)) >= '0' && d <= '9' && eq - pos < 10; eq++) {
                tag = tag * 10 + (d - '0');
            }
            if (eq == pos || eq == end || eq - pos > 9 || raw.charAt(eq) != '=' || tag == 0) {
                eq = raw.indexOf('=', pos);
                if (eq < 0) {
                    throw new MalformedMessageException("field without '=' at offset " + pos);
                }
                tag = parseTag(raw, pos, eq);
            }
            int valueStart = eq + 1;
            int valueEnd;
            if (tag == pendingDataTag) {
                valueEnd = dataValueEnd(raw, tag, valueStart, pendingDataLength, sep);
            } else {
                valueEnd = raw.indexOf(sep, valueStart);
                if (valueEnd < 0) {
                    valueEnd = end;
                }
            }
            if (valueEnd == valueStart) {
                throw new MalformedMessageException("tag " + tag + " has an empty value");
            }
            pendingDataTag = dataTagFor(tag);
            String value;
            if (tag == deferTag && deferred < 0 && pendingDataTag <= 0) {
                value = null;
                deferred = count;
                deferredStart = valueStart;
                deferredEnd = valueEnd;
            } else {
                value = raw.substring(valueStart, valueEnd);
                if (pendingDataTag > 0) {
                    pendingDataLength = parseLength(tag, value);
                }
            }
            if (count == tags.length) {
                if (count >= MAX_FIELDS) {
                    throw new MalformedMessageException("message has more than " + MAX_FIELDS + " fields");
                }
                int grown = Math.min(MAX_FIELDS, count * 2);
                tags = Arrays.copyOf(tags, grown);
                values = Arrays.copyOf(values, grown);
            }
            tags[count] = tag;
            values[count] = value;
            count++;
            pos = valueEnd + 1;
        }
        checkHeader(tags, values, count);
        return new FixMessage(raw, tags, values, count, deferred, deferredStart, deferredEnd);
    }

    /** The raw text's length, once it is known to start like a FIX message and to be within the limit. */
    private static int checkedLength(String raw) throws MalformedMessageException {
        if (raw == null || !raw.startsWith("8=")) {
            throw new MalformedMessageException("message does not start with 8=");
        }
        int end = raw.length();
        if (end > MAX_LENGTH) {
            throw new MalformedMessageException("message is " + end + " characters long, over the limit of "
                    + MAX_LENGTH);
        }
        return end;
    }

    /** Where a data field's value ends: exactly the length its length field declared, followed by a separator. */
    private static int dataValueEnd(String raw, int tag, int valueStart, long declared, char sep)
            throws MalformedMessageException {
        int end = raw.length();
        // compare remaining characters, never valueStart + length: a huge declared length must not overflow
        if (declared > end - valueStart) {
            throw new MalformedMessageException("data field " + tag + " declares " + declared
                    + " characters but only " + (end - valueStart) + " remain");
        }
        int valueEnd = valueStart + (int) declared;
        if (valueEnd < end && raw.charAt(valueEnd) != sep) {
            throw new MalformedMessageException("data field " + tag + " is not " + declared + " characters long");
        }
        return valueEnd;
    }

    /** The standard header's first three fields, in order, and a numeric BodyLength. */
    private static void checkHeader(int[] tags, String[] values, int count) throws MalformedMessageException {
        if (count < 3 || tags[1] != 9 || tags[2] != 35) {
            throw new MalformedMessageException("message must begin with 8, 9, 35");
        }
        if (!isDigits(values[1], 9)) {
            throw new MalformedMessageException("BodyLength(9) is not a number");
        }
    }

    private static boolean isDigits(String value, int maxLength) {
        if (value.isEmpty() || value.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static char detectSeparator(String raw) {
        for (int i = 2; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == SOH || c == STX) {
                return c;
            }
        }
        return SOH;
    }

    private static int parseTag(String raw, int from, int to) throws MalformedMessageException {
        if (to == from || to - from > 9) {
            throw new MalformedMessageException("bad tag at offset " + from);
        }
        int tag = 0;
        for (int i = from; i < to; i++) {
            char c = raw.charAt(i);
            if (c < '0' || c > '9') {
                throw new MalformedMessageException("bad tag at offset " + from);
            }
            tag = tag * 10 + (c - '0');
        }
        if (tag == 0) {
            throw new MalformedMessageException("tag 0 at offset " + from);
        }
        return tag;
    }

    private static long parseLength(int tag, String value) throws MalformedMessageException {
        if (!isDigits(value, 18)) {
            throw new MalformedMessageException("length field " + tag + " is not a non-negative number");
        }
        return Long.parseLong(value);
    }

    /** FIX 4.2 length fields and the data field each one announces. */
    private static int dataTagFor(int lengthTag) {
        switch (lengthTag) {
            case 90: return 91;    // SecureDataLen -> SecureData
            case 93: return 89;    // SignatureLength -> Signature
            case 95: return 96;    // RawDataLength -> RawData
            case 212: return 213;  // XmlDataLen -> XmlData
            case 348: return 349;  // EncodedIssuerLen
            case 350: return 351;  // EncodedSecurityDescLen
            case 352: return 353;  // EncodedListExecInstLen
            case 354: return 355;  // EncodedTextLen
            default: return -1;
        }
    }

    /** The value of the first occurrence of the tag, or null. */
    public String get(int tag) {
        for (int i = 0; i < count; i++) {
            if (tags[i] == tag) {
                return valueAt(i);
            }
        }
        return null;
    }

    /** The position of the first occurrence of the tag, or -1. */
    public int indexOf(int tag) {
        for (int i = 0; i < count; i++) {
            if (tags[i] == tag) {
                return i;
            }
        }
        return -1;
    }

    public boolean has(int tag) {
        return get(tag) != null;
    }

    public String msgType() {
        return values[2];
    }

    public int size() {
        return count;
    }

    public int tagAt(int index) {
        return tags[checkIndex(index)];
    }

    public String valueAt(int index) {
        String value = values[checkIndex(index)];
        return value != null ? value : raw.substring(deferredStart, deferredEnd); // only the deferred one is null
    }

    /** Where the value of the field at the index starts in {@link #raw()}: the deferred field only. */
    int valueStart(int index) {
        return index == deferred ? deferredStart : -1;
    }

    /** Where the value of the field at the index ends in {@link #raw()} (exclusive): the deferred field only. */
    int valueEnd(int index) {
        return index == deferred ? deferredEnd : -1;
    }

    private int checkIndex(int index) {
        if (index >= count) {
            throw new IndexOutOfBoundsException("field " + index + " of " + count);
        }
        return index;
    }

    /** All values of a repeated tag (repeating groups), in wire order. */
    public List<String> getAll(int tag) {
        List<String> all = new ArrayList<>(2);
        for (int i = 0; i < count; i++) {
            if (tags[i] == tag) {
                all.add(valueAt(i));
            }
        }
        return Collections.unmodifiableList(all);
    }

    /** The message exactly as received. */
    public String raw() {
        return raw;
    }

    @Override
    public String toString() {
        return raw.replace(SOH, '|').replace(STX, '|');
    }
}
