package io.dropcopy.recon.internal;

import io.dropcopy.recon.ReconBreak;
import java.util.Map;

/** Writes the journal's flat JSON objects: strings, numbers (Long) and nested string maps; null members omitted. */
final class JsonText {
    private JsonText() {
    }

    static String object(Map<String, ?> m) {
        StringBuilder b = new StringBuilder(256);
        write(b, m);
        return b.toString();
    }

    private static void write(StringBuilder b, Map<String, ?> m) {
        b.append('{');
        boolean first = true;
        for (Map.Entry<String, ?> e : m.entrySet()) {
            Object v = e.getValue();
            if (v == null) {
                continue;
            }
            if (!first) {
                b.append(',');
            }
            first = false;
            ReconBreak.quote(b, e.getKey());
            b.append(':');
            if (v instanceof Number) {
                b.append(v);
            } else if (v instanceof Map) {
                @SuppressWarnings("unchecked")
                Map<String, ?> nested = (Map<String, ?>) v;
                write(b, nested);
            } else {
                ReconBreak.quote(b, v.toString());
            }
        }
        b.append('}');
    }
}
