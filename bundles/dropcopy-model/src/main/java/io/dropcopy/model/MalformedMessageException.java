package io.dropcopy.model;

/** A message that cannot be parsed or unwrapped. The text says what is wrong, never the whole message. */
public class MalformedMessageException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String message) {
        super(message);
    }

    /** Longest field value quoted in a message. */
    static final int MAX_QUOTED = 16;

    /**
     * A field value as it may appear in an exception message: at most {@value #MAX_QUOTED} characters (then
     * "..."), control and non-ASCII characters as backslash-u escapes (&#92;uXXXX), so a message stays short and printable.
     */
    static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(MAX_QUOTED + 8);
        int n = Math.min(value.length(), MAX_QUOTED);
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (value.length() > MAX_QUOTED) {
            out.append("...");
        }
        return out.toString();
    }
}
