package io.dropcopy.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A parsed FIX tag=value message, fields in wire order. Accepts SOH (0x01) or 0x02 as the field
 * separator (CME samples and some tools render the inner message with 0x02), detected from the
 * first field. Length-prefixed data fields (XmlData, RawData, ...) are read by their length, so they
 * may contain separators.
 */
public final class FixMessage {
    public static final char SOH = '\u0001';
    public static final char STX = '\u0002';

    private final String raw;
    private final int[] tags;
    private final String[] values;

    private FixMessage(String raw, int[] tags, String[] values) {
        this.raw = raw;
        this.tags = tags;
        this.values = values;
    }

    /** Parses a whole message starting with {@code 8=}. Trailing separators or whitespace are tolerated. */
    public static FixMessage parse(String raw) throws MalformedMessageException {
        if (raw == null || !raw.startsWith("8=")) {
            throw new MalformedMessageException("message does not start with 8=");
        }
        char sep = detectSeparator(raw);
        List<Integer> tagList = new ArrayList<>(48);
        List<String> valueList = new ArrayList<>(48);
        int pos = 0;
        int end = raw.length();
        int pendingDataLength = -1;
        int pendingDataTag = -1;
        while (pos < end) {
            char c = raw.charAt(pos);
            if (c == sep || c == '\r' || c == '\n') {
                pos++;
                continue;
            }
            int eq = raw.indexOf('=', pos);
            if (eq < 0) {
                throw new MalformedMessageException("field without '=' at offset " + pos);
            }
            int tag = parseTag(raw, pos, eq);
            int valueStart = eq + 1;
            int valueEnd;
            if (tag == pendingDataTag) {
                valueEnd = valueStart + pendingDataLength;
                if (valueEnd > end) {
                    throw new MalformedMessageException("data field " + tag + " declares " + pendingDataLength
                            + " characters but only " + (end - valueStart) + " remain");
                }
                if (valueEnd < end && raw.charAt(valueEnd) != sep) {
                    throw new MalformedMessageException("data field " + tag + " is not " + pendingDataLength
                            + " characters long");
                }
            } else {
                valueEnd = raw.indexOf(sep, valueStart);
                if (valueEnd < 0) {
                    valueEnd = end;
                }
            }
            String value = raw.substring(valueStart, valueEnd);
            pendingDataTag = dataTagFor(tag);
            if (pendingDataTag > 0) {
                pendingDataLength = parseLength(tag, value);
            }
            tagList.add(tag);
            valueList.add(value);
            pos = valueEnd + 1;
        }
        int[] tags = new int[tagList.size()];
        for (int i = 0; i < tags.length; i++) {
            tags[i] = tagList.get(i);
        }
        if (tags.length < 3 || tags[1] != 9 || tags[2] != 35) {
            throw new MalformedMessageException("message must begin with 8, 9, 35");
        }
        return new FixMessage(raw, tags, valueList.toArray(new String[0]));
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

    private static int parseLength(int tag, String value) throws MalformedMessageException {
        try {
            int length = Integer.parseInt(value);
            if (length < 0) {
                throw new NumberFormatException();
            }
            return length;
        } catch (NumberFormatException e) {
            throw new MalformedMessageException("length field " + tag + " is not a non-negative number");
        }
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
        for (int i = 0; i < tags.length; i++) {
            if (tags[i] == tag) {
                return values[i];
            }
        }
        return null;
    }

    public boolean has(int tag) {
        return get(tag) != null;
    }

    public String msgType() {
        return values[2];
    }

    public int size() {
        return tags.length;
    }

    public int tagAt(int index) {
        return tags[index];
    }

    public String valueAt(int index) {
        return values[index];
    }

    /** All values of a repeated tag (repeating groups), in wire order. */
    public List<String> getAll(int tag) {
        List<String> all = new ArrayList<>(2);
        for (int i = 0; i < tags.length; i++) {
            if (tags[i] == tag) {
                all.add(values[i]);
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
