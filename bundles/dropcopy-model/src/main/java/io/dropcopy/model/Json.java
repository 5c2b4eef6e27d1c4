package io.dropcopy.model;

import java.util.Arrays;

/**
 * Minimal ordered JSON object: keys in insertion order, null values omitted, strings escaped per RFC 8259.
 * Values are {@link String}, {@link Long}/{@link Integer}, {@link Boolean}, {@link Json} or {@code Json[]}.
 * Written as one line: every control character is escaped, so a JSON line never breaks. Public for its
 * {@link #quote}: every JSON string written outside the model is escaped by it.
 */
public final class Json {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private String[] keys;
    private Object[] values;
    private int size;

    Json(int capacity) {
        keys = new String[capacity];
        values = new Object[capacity];
    }

    /** Adds the entry unless the value is null. Keys are the model's own names: ASCII letters and digits. */
    Json put(String key, Object value) {
        if (value != null) {
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2 + 4);
                values = Arrays.copyOf(values, size * 2 + 4);
            }
            keys[size] = key;
            values[size] = value;
            size++;
        }
        return this;
    }

    int size() {
        return size;
    }

    /** The keys, the first {@link #size()} used; not a copy (for {@link JsonText}). */
    String[] keys() {
        return keys;
    }

    /** The values, the first {@link #size()} used; not a copy. */
    Object[] values() {
        return values;
    }

    /** The value of a key, or null. */
    Object get(String key) {
        for (int i = 0; i < size; i++) {
            if (keys[i] == key) { // the model's names and its callers' are literals, the same interned strings
                return values[i];
            }
        }
        for (int i = 0; i < size; i++) {
            if (keys[i].equals(key)) {
                return values[i];
            }
        }
        return null;
    }

    void writeTo(StringBuilder out) {
        out.append('{');
        for (int i = 0; i < size; i++) {
            out.append(i == 0 ? "\"" : ",\"").append(keys[i]).append("\":"); // keys never need escaping
            writeValue(out, values[i]);
        }
        out.append('}');
    }

    private static void writeValue(StringBuilder out, Object value) {
        if (value instanceof String) {
            quote(out, (String) value);
        } else if (value instanceof Json) {
            ((Json) value).writeTo(out);
        } else if (value instanceof Json[]) {
            Json[] array = (Json[]) value;
            out.append('[');
            for (int i = 0; i < array.length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                array[i].writeTo(out);
            }
            out.append(']');
        } else {
            out.append(value); // Long, Integer, Boolean
        }
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(512);
        writeTo(out);
        return out.toString();
    }

    /** The string as a JSON string literal, quotes included ({@code null}: {@code null}). */
    public static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(s.length() + 2);
        quote(out, s);
        return out.toString();
    }

    /**
     * Appends the string as a JSON string literal. Escaped as {@code \}uXXXX besides the usual short forms: C0 and
     * C1 control characters, DEL, U+2028/U+2029 (line breaks for JavaScript) and unpaired surrogates (so the text
     * always encodes to valid UTF-8).
     */
    public static void quote(StringBuilder out, String s) {
        out.append('"');
        int n = s.length();
        int plain = 0; // start of the run of characters not yet appended, written as they are
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            String escaped;
            if (c < 0x80) {
                escaped = ASCII_ESCAPES[c];
                if (escaped == null) {
                    continue;
                }
            } else {
                if (!needsUnicodeEscape(s, i, c)) {
                    if (Character.isHighSurrogate(c)) {
                        i++; // the pair was checked whole
                    }
                    continue;
                }
                escaped = unicodeEscape(c);
            }
            if (plain < i) {
                out.append(s, plain, i);
            }
            out.append(escaped);
            plain = i + 1;
        }
        if (plain == 0) {
            out.append(s);
        } else if (plain < n) {
            out.append(s, plain, n);
        }
        out.append('"');
    }

    /** The escape of each ASCII character, or null when it is written as it is (printable, not a quote or backslash). */
    private static final String[] ASCII_ESCAPES = new String[0x80];

    static {
        for (char c = 0; c < 0x20; c++) {
            ASCII_ESCAPES[c] = unicodeEscape(c);
        }
        ASCII_ESCAPES['"'] = "\\\"";
        ASCII_ESCAPES['\\'] = "\\\\";
        ASCII_ESCAPES['\n'] = "\\n";
        ASCII_ESCAPES['\r'] = "\\r";
        ASCII_ESCAPES['\t'] = "\\t";
        ASCII_ESCAPES[0x7F] = unicodeEscape((char) 0x7F);
    }

    /** The escape of an ASCII character, or null when it is written as it is. */
    static String asciiEscape(char c) {
        return ASCII_ESCAPES[c];
    }

    private static String unicodeEscape(char c) {
        return new String(new char[] {'\\', 'u', HEX[(c >> 12) & 0xF], HEX[(c >> 8) & 0xF], HEX[(c >> 4) & 0xF], HEX[c & 0xF]});
    }

    static boolean needsUnicodeEscape(String s, int i, char c) {
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029') {
            return true;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        return Character.isLowSurrogate(c);
    }
}
