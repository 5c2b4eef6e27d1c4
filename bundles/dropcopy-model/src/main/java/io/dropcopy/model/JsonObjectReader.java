package io.dropcopy.model;

import java.util.HashMap;
import java.util.Map;

/**
 * Reads one JSON object (one line of a {@code .jsonl} journal, or an event's {@code toJson()}) into a map of its
 * top-level members: strings as {@link String}, numbers as their text, booleans as {@link Boolean}, nested objects
 * as maps, arrays skipped (null). Strict enough to refuse a damaged line: anything that is not one whole JSON object
 * throws {@link IllegalArgumentException}. Shared by the sinks, which read their journals and events back.
 */
public final class JsonObjectReader {
    private final String s;
    private int i;

    private JsonObjectReader(String s) {
        this.s = s;
    }

    public static Map<String, Object> read(String text) {
        JsonObjectReader r = new JsonObjectReader(text);
        r.ws();
        Map<String, Object> object = r.object();
        r.ws();
        if (r.i != text.length()) {
            throw r.fail("text after the object");
        }
        return object;
    }

    private Map<String, Object> object() {
        expect('{');
        Map<String, Object> out = new HashMap<>();
        ws();
        if (peek() == '}') {
            i++;
            return out;
        }
        while (true) {
            ws();
            String key = string();
            ws();
            expect(':');
            ws();
            out.put(key, value());
            ws();
            char c = next();
            if (c == '}') {
                return out;
            }
            if (c != ',') {
                throw fail("expected ',' or '}'");
            }
        }
    }

    private Object value() {
        char c = peek();
        switch (c) {
            case '"':
                return string();
            case '{':
                return object();
            case '[':
                array();
                return null;
            case 't':
                literal("true");
                return Boolean.TRUE;
            case 'f':
                literal("false");
                return Boolean.FALSE;
            case 'n':
                literal("null");
                return null;
            default:
                return number();
        }
    }

    private void array() {
        expect('[');
        ws();
        if (peek() == ']') {
            i++;
            return;
        }
        while (true) {
            ws();
            value();
            ws();
            char c = next();
            if (c == ']') {
                return;
            }
            if (c != ',') {
                throw fail("expected ',' or ']'");
            }
        }
    }

    private String number() {
        int start = i;
        while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        if (start == i) {
            throw fail("unexpected character");
        }
        return s.substring(start, i);
    }

    private void literal(String word) {
        if (!s.startsWith(word, i)) {
            throw fail("expected " + word);
        }
        i += word.length();
    }

    private String string() {
        expect('"');
        int start = i;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"') {
                String plain = s.substring(start, i);
                i++;
                return plain;
            }
            if (c == '\\') {
                break;
            }
            i++;
        }
        StringBuilder out = new StringBuilder(s.length() - start);
        out.append(s, start, i);
        while (true) {
            if (i >= s.length()) {
                throw fail("unterminated string");
            }
            char c = s.charAt(i++);
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"': out.append('"'); break;
                case '\\': out.append('\\'); break;
                case '/': out.append('/'); break;
                case 'b': out.append('\b'); break;
                case 'f': out.append('\f'); break;
                case 'n': out.append('\n'); break;
                case 'r': out.append('\r'); break;
                case 't': out.append('\t'); break;
                case 'u':
                    if (i + 4 > s.length()) {
                        throw fail("bad \\u escape");
                    }
                    try {
                        out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw fail("bad \\u escape");
                    }
                    i += 4;
                    break;
                default:
                    throw fail("bad escape");
            }
        }
    }

    private void ws() {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            i++;
        }
    }

    private char peek() {
        if (i >= s.length()) {
            throw fail("unexpected end");
        }
        return s.charAt(i);
    }

    private char next() {
        char c = peek();
        i++;
        return c;
    }

    private void expect(char c) {
        if (next() != c) {
            i--;
            throw fail("expected '" + c + "'");
        }
    }

    private IllegalArgumentException fail(String what) {
        return new IllegalArgumentException("not a JSON object: " + what + " at offset " + i);
    }
}
