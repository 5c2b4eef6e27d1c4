package io.dropcopy.sink.file;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The CSV journal format: a fixed set of columns, RFC 4180 (fields holding a comma, a double quote, CR or LF are
 * enclosed in double quotes, quotes doubled; records end with CRLF; a header row first). Values are the event's JSON
 * values: enums as readable names ({@code SELL}, {@code PARTIALLY_FILLED}), decimals as the exact FIX text,
 * timestamps ISO-8601 UTC, absent fields empty.
 */
public final class Csv {
    /**
     * The columns, in order. The last two (the outer SenderSubID(50) and TargetSubID(57)) complete the message's
     * identity on an MSGW target session, whose market segments share sequence numbers.
     */
    public static final List<String> COLUMNS = List.of("kind", "group", "targetSession", "seqNum", "execId",
            "execRefId", "orderId", "clOrdId", "symbol", "securityDesc", "side", "lastQty", "lastPx", "cumQty",
            "leavesQty", "ordStatus", "execType", "transactTime", "tradeDate", "outerSenderSubId", "outerTargetSubId");

    static final String CRLF = "\r\n";

    private Csv() {
    }

    static String headerLine() {
        StringBuilder out = new StringBuilder(256);
        for (int c = 0; c < COLUMNS.size(); c++) {
            if (c > 0) {
                out.append(',');
            }
            field(out, COLUMNS.get(c));
        }
        return out.append(CRLF).toString();
    }

    /** One record (with its CRLF) from the top-level members of an event's JSON. */
    @SuppressWarnings("unchecked")
    static String line(Map<String, Object> json) {
        Object outer = json.get("outerHeader");
        Map<String, Object> header = outer instanceof Map ? (Map<String, Object>) outer : Map.of();
        StringBuilder out = new StringBuilder(256);
        for (int c = 0; c < COLUMNS.size(); c++) {
            if (c > 0) {
                out.append(',');
            }
            String column = COLUMNS.get(c);
            Object value;
            if ("outerSenderSubId".equals(column)) {
                value = header.get("senderSubId");
            } else if ("outerTargetSubId".equals(column)) {
                value = header.get("targetSubId");
            } else {
                value = json.get(column);
            }
            if (value instanceof String || value instanceof Boolean) {
                field(out, value.toString());
            }
        }
        return out.append(CRLF).toString();
    }

    /** Appends one field, quoted when RFC 4180 asks for it. */
    static void field(StringBuilder out, String value) {
        boolean quote = false;
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == ',' || ch == '"' || ch == '\r' || ch == '\n') {
                quote = true;
                break;
            }
        }
        if (!quote) {
            out.append(value);
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '"') {
                out.append('"');
            }
            out.append(ch);
        }
        out.append('"');
    }

    /** Splits one whole record (without its line break) into its fields. */
    public static List<String> parse(String record) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < record.length(); i++) {
            char ch = record.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < record.length() && record.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(ch);
                }
            } else if (ch == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (ch == '"' && field.length() == 0 && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else {
                field.append(ch);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quoted field");
        }
        fields.add(field.toString());
        return fields;
    }
}
