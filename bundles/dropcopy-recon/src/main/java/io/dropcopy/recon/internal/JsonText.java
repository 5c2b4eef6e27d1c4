package io.dropcopy.recon.internal;

import io.dropcopy.recon.ReconBreak;
import java.util.Map;
import java.util.function.BiConsumer;

/** Writes flat JSON objects: the journal's (strings, numbers (Long) and nested string maps) and the SQL rows'. */
public final class JsonText {
    private JsonText() {
    }

    static String object(Map<String, ?> m) {
        StringBuilder b = new StringBuilder(256);
        object(b, m, JsonText::journalValue);
        return b.toString();
    }

    /** Appends {@code m} as a JSON object, its keys as text, {@code value} writing each value; null members omitted. */
    public static StringBuilder object(StringBuilder b, Map<?, ?> m, BiConsumer<StringBuilder, Object> value) {
        b.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            Object v = e.getValue();
            if (v == null) {
                continue;
            }
            if (!first) {
                b.append(',');
            }
            first = false;
            ReconBreak.quote(b, String.valueOf(e.getKey()));
            b.append(':');
            value.accept(b, v);
        }
        return b.append('}');
    }

    private static void journalValue(StringBuilder b, Object v) {
        if (v instanceof Number) {
            b.append(v);
        } else if (v instanceof Map) {
            object(b, (Map<?, ?>) v, JsonText::journalValue);
        } else {
            ReconBreak.quote(b, v.toString());
        }
    }
}
