package io.dropcopy.model;

import java.util.Arrays;

/**
 * Writes a {@link Json} object's text into a char array: a key or a value that needs no escape is copied in bulk
 * ({@link String#getChars}), not appended a call at a time to a {@link StringBuilder}, whose per-call checks cost
 * more than the characters on an event of a hundred short fields. One per thread (not thread-safe). The model's one
 * JSON string escaping: {@link Json#quote} writes with it too.
 */
final class JsonText {
    private static final int INITIAL = 8192;
    /** Larger buffers (an outsized message) are not kept for the thread's life. */
    private static final int MAX_KEPT = 64 * 1024;
    private static final ThreadLocal<JsonText> PER_THREAD = ThreadLocal.withInitial(JsonText::new);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private char[] buf = new char[INITIAL];
    private int pos;

    private JsonText() {
    }

    /** Appends {@code s} as a JSON string literal ({@link Json#quote}); reentrant: written after what is in the buffer. */
    static void quote(StringBuilder out, String s) {
        JsonText text = PER_THREAD.get();
        int mark = text.pos;
        text.string(s);
        out.append(text.buf, mark, text.pos - mark);
        text.pos = mark;
    }

    /** The object's JSON text. */
    static String of(Json json) {
        JsonText out = PER_THREAD.get();
        out.pos = 0;
        out.object(json);
        String text = new String(out.buf, 0, out.pos);
        if (out.buf.length > MAX_KEPT) {
            out.buf = new char[INITIAL];
        }
        return text;
    }

    private void object(Json json) {
        put('{');
        String[] keys = json.keys();
        Object[] values = json.values();
        for (int i = 0, n = json.size(); i < n; i++) {
            ensure(keys[i].length() + 4);
            if (i > 0) {
                buf[pos++] = ',';
            }
            buf[pos++] = '"';
            copy(keys[i]); // the model's own names: never escaped
            buf[pos++] = '"';
            buf[pos++] = ':';
            value(values[i]);
        }
        put('}');
    }

    private void value(Object value) {
        if (value instanceof String) {
            string((String) value);
        } else if (value instanceof Json) {
            object((Json) value);
        } else if (value instanceof Json[]) {
            Json[] array = (Json[]) value;
            put('[');
            for (int i = 0; i < array.length; i++) {
                if (i > 0) {
                    put(',');
                }
                object(array[i]);
            }
            put(']');
        } else {
            String text = String.valueOf(value); // Long, Integer, Boolean
            ensure(text.length());
            copy(text);
        }
    }

    /** A JSON string literal: copied in bulk, then escaped in place only from the first character that needs it. */
    private void string(String s) {
        int n = s.length();
        ensure(n + 2);
        buf[pos++] = '"';
        int start = pos;
        s.getChars(0, n, buf, start);
        for (int i = start, end = start + n; i < end; i++) {
            char c = buf[i];
            if (c < 0x80 ? ASCII_ESCAPES[c] != null : needsUnicodeEscape(s, i - start, c)) {
                pos = i;
                escapeFrom(s, i - start);
                put('"');
                return;
            }
            if (Character.isHighSurrogate(c)) {
                i++; // a valid pair (checked above), written as it is
            }
        }
        pos = start + n;
        buf[pos++] = '"';
    }

    /** The rest of the string from {@code from}, escaped. */
    private void escapeFrom(String s, int from) {
        for (int i = from, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            String escaped;
            if (c < 0x80) {
                escaped = ASCII_ESCAPES[c];
            } else if (needsUnicodeEscape(s, i, c)) {
                escaped = null;
                ensure(6);
                buf[pos++] = '\\';
                buf[pos++] = 'u';
                buf[pos++] = HEX[(c >> 12) & 0xF];
                buf[pos++] = HEX[(c >> 8) & 0xF];
                buf[pos++] = HEX[(c >> 4) & 0xF];
                buf[pos++] = HEX[c & 0xF];
                continue;
            } else {
                escaped = null;
                if (Character.isHighSurrogate(c)) {
                    put(c); // a valid pair (checked above), written as it is
                    c = s.charAt(++i);
                }
            }
            if (escaped == null) {
                put(c);
            } else {
                ensure(escaped.length());
                copy(escaped);
            }
        }
    }

    private void copy(String s) {
        int n = s.length();
        s.getChars(0, n, buf, pos);
        pos += n;
    }

    private void put(char c) {
        ensure(1);
        buf[pos++] = c;
    }

    private void ensure(int more) {
        if (pos + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
        }
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

    private static String unicodeEscape(char c) {
        return new String(new char[] {'\\', 'u', HEX[(c >> 12) & 0xF], HEX[(c >> 8) & 0xF], HEX[(c >> 4) & 0xF], HEX[c & 0xF]});
    }

    /** C0 and C1 controls, DEL, U+2028/U+2029 and unpaired surrogates (each escaped as \\uXXXX). */
    private static boolean needsUnicodeEscape(String s, int i, char c) {
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029') {
            return true;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        return Character.isLowSurrogate(c);
    }
}
