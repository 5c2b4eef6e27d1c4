package io.dropcopy.model;

/**
 * Builds a FIX message string with BodyLength(9) and CheckSum(10) computed, for the simulator and
 * for tests. Fields are written in the order they are added, after 8, 9 and 35.
 */
public final class FixMessageBuilder {
    private final String beginString;
    private final String msgType;
    private final char separator;
    private final StringBuilder body = new StringBuilder(256);

    public FixMessageBuilder(String beginString, String msgType) {
        this(beginString, msgType, FixMessage.SOH);
    }

    public FixMessageBuilder(String beginString, String msgType, char separator) {
        this.beginString = beginString;
        this.msgType = msgType;
        this.separator = separator;
        body.append("35=").append(msgType).append(separator);
    }

    /** Adds a field; a null value is skipped so optional fields can be added unconditionally. */
    public FixMessageBuilder add(int tag, Object value) {
        if (value != null) {
            body.append(tag).append('=').append(value).append(separator);
        }
        return this;
    }

    /** Adds a length field and its data field, the length counted in characters (ISO-8859-1 bytes). */
    public FixMessageBuilder addData(int lengthTag, int dataTag, String data) {
        add(lengthTag, data.length());
        return add(dataTag, data);
    }

    public String msgType() {
        return msgType;
    }

    public String build() {
        StringBuilder out = new StringBuilder(body.length() + 32);
        out.append("8=").append(beginString).append(separator)
                .append("9=").append(body.length()).append(separator)
                .append(body);
        int sum = 0;
        for (int i = 0; i < out.length(); i++) {
            sum += out.charAt(i) & 0xFF;
        }
        int checksum = sum % 256;
        out.append("10=");
        if (checksum < 100) {
            out.append('0');
        }
        if (checksum < 10) {
            out.append('0');
        }
        out.append(checksum).append(separator);
        return out.toString();
    }
}
