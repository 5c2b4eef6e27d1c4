package io.dropcopy.recon.camel;

import io.dropcopy.recon.ReconBreak;
import io.dropcopy.recon.internal.JsonText;
import java.math.BigDecimal;
import java.time.temporal.TemporalAccessor;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * The rows of a SQL or JDBC consumer ({@code camel-sql}, {@code camel-jdbc}: a {@code Map} per row, or a {@code List}
 * of them) as the JSON text reconciliation reads: column names as keys, a SQL timestamp or date as its ISO-8601 UTC
 * instant, a number as its plain text, anything else as its text; SQL NULL left out.
 */
final class RowMaps {
    private RowMaps() {
    }

    /** The body as JSON rows when it is a map or a list of maps, else null (read as text). */
    static String json(Object body) {
        if (body instanceof Map) {
            return row(new StringBuilder(), (Map<?, ?>) body).toString();
        }
        if (body instanceof List && !((List<?>) body).isEmpty() && ((List<?>) body).stream().allMatch(Map.class::isInstance)) {
            StringBuilder b = new StringBuilder("[");
            for (Object r : (List<?>) body) {
                row(b.length() > 1 ? b.append(',') : b, (Map<?, ?>) r);
            }
            return b.append(']').toString();
        }
        return null;
    }

    private static StringBuilder row(StringBuilder b, Map<?, ?> row) {
        return JsonText.object(b, row, (out, v) -> ReconBreak.quote(out, text(v)));
    }

    private static String text(Object v) {
        if (v instanceof java.sql.Date) {
            return ((java.sql.Date) v).toLocalDate().toString();
        }
        if (v instanceof Date) {
            return ((Date) v).toInstant().toString();
        }
        if (v instanceof BigDecimal) {
            return ((BigDecimal) v).toPlainString();
        }
        if (v instanceof java.time.LocalDateTime) {
            return v + "Z";              // a timestamp without a zone: UTC, as for CSV
        }
        if (v instanceof TemporalAccessor) {
            return v.toString();
        }
        return String.valueOf(v);
    }
}
