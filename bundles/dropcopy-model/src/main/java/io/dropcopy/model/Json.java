package io.dropcopy.model;

/** Minimal JSON object writer: keys in insertion order, null values omitted, strings escaped per RFC 8259. */
final class Json {
    private final StringBuilder out;
    private boolean first = true;

    Json(int capacity) {
        out = new StringBuilder(capacity).append('{');
    }

    Json string(String key, String value) {
        if (value != null) {
            key(key);
            quote(out, value);
        }
        return this;
    }

    Json number(String key, long value) {
        key(key);
        out.append(value);
        return this;
    }

    Json bool(String key, boolean value) {
        key(key);
        out.append(value);
        return this;
    }

    /** Appends an already-serialized JSON value. */
    Json raw(String key, String json) {
        if (json != null) {
            key(key);
            out.append(json);
        }
        return this;
    }

    private void key(String key) {
        if (!first) {
            out.append(',');
        }
        first = false;
        quote(out, key);
        out.append(':');
    }

    String end() {
        return out.append('}').toString();
    }

    static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                default:
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }
}
