package io.dropcopy.recon.internal;

import io.dropcopy.model.JsonObjectReader;
import io.dropcopy.recon.FirmRowException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the firm's rows: CSV with a header row (RFC 4180 quoting; column names in any case, with or without
 * {@code _}/spaces: {@code order_id}, {@code OrderId}), a JSON array of objects, one JSON object, or JSON lines. Columns
 * not listed here are ignored. Any bad row fails the whole batch with a {@link FirmRowException} naming the row and
 * field: a row is never skipped.
 *
 * <p>Fields: account, orderId, clOrdId, instrument (alias symbol), side (BUY/SELL, B/S, 1/2), quantity (alias qty),
 * price, time (ISO-8601 with a zone or offset, without one it is UTC; or epoch milliseconds) are required; execId, fillId, tradeDate
 * (yyyy-MM-dd; else from time at the trading day's roll) and status (FILLED, BUSTED, CORRECTED; default FILLED) are
 * optional.
 */
public final class FirmRows {
    private static final Map<String, String> ALIASES = new HashMap<>();

    static {
        for (String f : List.of("account", "orderId", "clOrdId", "instrument", "side", "quantity", "price", "time",
                "execId", "fillId", "tradeDate", "status")) {
            ALIASES.put(norm(f), f);
        }
        ALIASES.put("symbol", "instrument");
        ALIASES.put("qty", "quantity");
        ALIASES.put("transacttime", "time");
        ALIASES.put("clordid", "clOrdId");
    }

    private final TradeDates tradeDates;

    public FirmRows(TradeDates tradeDates) {
        this.tradeDates = tradeDates;
    }

    public List<FirmFill> parse(String body, String format, String source) {
        String text = body == null ? "" : body.strip();
        String f = format == null ? "auto" : format.toLowerCase(Locale.ROOT);
        if (f.equals("auto")) {
            f = text.startsWith("{") || text.startsWith("[") ? "json" : "csv";
        }
        List<Map<String, String>> rows;
        int firstRow;
        switch (f) {
            case "json":
                rows = jsonRows(text, source);
                firstRow = 1;
                break;
            case "csv":
                rows = csvRows(body == null ? "" : body, source);
                firstRow = 2;
                break;
            default:
                throw new IllegalArgumentException("format must be csv, json or auto, got '" + format + "'");
        }
        List<FirmFill> out = new ArrayList<>(rows.size());
        Map<String, Integer> occurrences = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            out.add(fill(rows.get(i), source, i + firstRow, occurrences));
        }
        return out;
    }

    private FirmFill fill(Map<String, String> row, String source, int n, Map<String, Integer> occurrences) {
        String account = required(row, "account", source, n);
        String orderId = required(row, "orderId", source, n);
        String clOrdId = required(row, "clOrdId", source, n);
        String instrument = required(row, "instrument", source, n);
        String side = side(required(row, "side", source, n), source, n);
        String qty = decimal(required(row, "quantity", source, n), "quantity", source, n);
        if (new BigDecimal(qty).signum() <= 0) {
            throw new FirmRowException(source, n, "quantity", "must be positive, got '" + qty + "'");
        }
        String price = decimal(required(row, "price", source, n), "price", source, n);
        String timeText = required(row, "time", source, n);
        Instant time = time(timeText, source, n);
        String tradeDate = optional(row, "tradeDate");
        if (tradeDate != null) {
            try {
                tradeDate = LocalDate.parse(tradeDate).toString();
            } catch (DateTimeParseException e) {
                throw new FirmRowException(source, n, "tradeDate", "not a date yyyy-MM-dd: '" + tradeDate + "'");
            }
        } else {
            tradeDate = tradeDates.tradeDate(time).toString();
        }
        String execId = optional(row, "execId");
        String status = status(optional(row, "status"), source, n);
        String fillId = optional(row, "fillId");
        String key;
        if (fillId != null) {
            key = "fill:" + fillId;
        } else if (execId != null) {
            key = "exec:" + execId;
        } else {
            String base = "order:" + orderId + "@" + time;
            int k = occurrences.merge(base, 1, Integer::sum);
            key = base + "#" + k;
        }
        return new FirmFill(key, account, orderId, clOrdId, instrument, side, qty, price, time.toString(), tradeDate,
                execId, status, source + " row " + n);
    }

    private static String required(Map<String, String> row, String field, String source, int n) {
        String v = optional(row, field);
        if (v == null) {
            throw new FirmRowException(source, n, field, "missing or empty");
        }
        return v;
    }

    private static String optional(Map<String, String> row, String field) {
        String v = row.get(field);
        if (v == null) {
            return null;
        }
        v = v.strip();
        return v.isEmpty() ? null : v;
    }

    private static String side(String v, String source, int n) {
        switch (v.toUpperCase(Locale.ROOT)) {
            case "BUY": case "B": case "1": return "BUY";
            case "SELL": case "S": case "2": return "SELL";
            default: throw new FirmRowException(source, n, "side", "must be BUY or SELL (B/S, 1/2), got '" + v + "'");
        }
    }

    private static String status(String v, String source, int n) {
        if (v == null) {
            return FirmFill.FILLED;
        }
        switch (v.toUpperCase(Locale.ROOT)) {
            case "FILLED": case "FILL": case "LIVE": case "NEW": return FirmFill.FILLED;
            case "BUSTED": case "BUST": case "CANCELLED": case "CANCELED": return FirmFill.BUSTED;
            case "CORRECTED": case "CORRECTION": return FirmFill.CORRECTED;
            default: throw new FirmRowException(source, n, "status", "must be FILLED, BUSTED or CORRECTED, got '" + v + "'");
        }
    }

    private static String decimal(String v, String field, String source, int n) {
        try {
            return new BigDecimal(v).toPlainString().equals(v) ? v : new BigDecimal(v).toPlainString();
        } catch (NumberFormatException e) {
            throw new FirmRowException(source, n, field, "not a decimal number: '" + v + "'");
        }
    }

    private static Instant time(String v, String source, int n) {
        if (v.matches("[0-9]{10,15}")) {
            return Instant.ofEpochMilli(Long.parseLong(v)); // epoch milliseconds, as Jackson writes a SQL timestamp
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(v.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw new FirmRowException(source, n, "time",
                        "not an ISO-8601 time (2026-12-04T14:30:00.123Z): '" + v + "'");
            }
        }
    }

    static String norm(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    // JSON: an array of objects, one object, or one object per line.
    private static List<Map<String, String>> jsonRows(String text, String source) {
        List<String> elements = new ArrayList<>();
        if (text.startsWith("[")) {
            elements = JsonArrays.elements(text, source);
        } else if (!text.isEmpty()) {
            try {
                JsonObjectReader.read(text);
                elements.add(text);
            } catch (IllegalArgumentException whole) {
                for (String line : text.split("\r?\n", -1)) {
                    elements.add(line);
                }
            }
        }
        List<Map<String, String>> rows = new ArrayList<>();
        int n = 0;
        for (String element : elements) {
            n++;
            if (element.isBlank()) {
                throw new FirmRowException(source, n, null, "empty line");
            }
            Map<String, Object> object;
            try {
                object = JsonObjectReader.read(element.strip());
            } catch (IllegalArgumentException e) {
                throw new FirmRowException(source, n, null, "not a JSON object: " + e.getMessage());
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : object.entrySet()) {
                String field = ALIASES.get(norm(e.getKey()));
                if (field == null) {
                    continue;
                }
                Object v = e.getValue();
                if (v instanceof Map) {
                    throw new FirmRowException(source, n, field, "an object, not a value");
                }
                row.put(field, v == null ? null : v.toString());
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<Map<String, String>> csvRows(String text, String source) {
        List<List<String>> records = Csv.parse(text, source);
        List<Map<String, String>> rows = new ArrayList<>();
        if (records.isEmpty()) {
            return rows;
        }
        List<String> header = records.get(0);
        String[] fields = new String[header.size()];
        for (int i = 0; i < header.size(); i++) {
            fields[i] = ALIASES.get(norm(header.get(i)));
        }
        for (int r = 1; r < records.size(); r++) {
            List<String> rec = records.get(r);
            if (rec.size() == 1 && rec.get(0).isEmpty()) {
                throw new FirmRowException(source, r + 1, null, "empty line");
            }
            if (rec.size() != header.size()) {
                throw new FirmRowException(source, r + 1, null,
                        rec.size() + " columns where the header has " + header.size());
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < fields.length; i++) {
                if (fields[i] != null) {
                    row.put(fields[i], rec.get(i));
                }
            }
            rows.add(row);
        }
        return rows;
    }
}
