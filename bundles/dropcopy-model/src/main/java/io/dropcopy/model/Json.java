package io.dropcopy.model;

import java.util.Arrays;

/**
 * Minimal ordered JSON object: keys in insertion order, null values omitted, strings escaped per RFC 8259.
 * Values are {@link String}, {@link Long}/{@link Integer}, {@link Boolean}, {@link Json} or {@code Json[]}.
 * Written as one line: every control character is escaped, so a JSON line never breaks. Public for its
 * {@link #quote}: every JSON string written outside the model is escaped by it.
 */
public final class Json {
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

    /** Appends this object's JSON text ({@link JsonText}). */
    void writeTo(StringBuilder out) {
        out.append(JsonText.of(this));
    }

    @Override
    public String toString() {
        return JsonText.of(this);
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
        JsonText.quote(out, s);
    }
}
