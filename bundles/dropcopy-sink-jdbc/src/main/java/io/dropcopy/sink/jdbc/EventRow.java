package io.dropcopy.sink.jdbc;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.EventKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** The values of one event as the tables want them, as its JSON has them (decimals exact, enums readable). */
final class EventRow {
    /** Columns are NUMERIC(38, 12). */
    static final int SCALE = 12;
    static final int INTEGER_DIGITS = 38 - SCALE;

    final DropCopyEvent event;
    final String json;
    final EventKind kind;
    final String group;
    final String targetSession;
    final String outerSenderSubId;
    final String outerTargetSubId;
    final long seqNum;
    final String execId;
    final String execRefId;
    final String orderId;
    final String clOrdId;
    final String account;
    final String symbol;
    final String securityId;
    final String securityDesc;
    final String side;
    final String execType;
    final String ordStatus;
    final BigDecimal orderQty;
    final BigDecimal price;
    final BigDecimal lastQty;
    final BigDecimal lastPx;
    final BigDecimal cumQty;
    final BigDecimal leavesQty;
    final OffsetDateTime transactTime;
    final LocalDate tradeDate;
    /** Why the row cannot be stored as it is (a decimal the columns cannot hold exactly), or null. */
    final String unfit;

    EventRow(DropCopyEvent e) {
        event = e;
        json = e.toJson();
        // the normalized values come from the event itself: parsing its JSON back was ~39% of the session's thread
        kind = e.kind();
        group = e.group();
        targetSession = e.targetSession();
        outerSenderSubId = nz(e.outerSenderSubId());
        outerTargetSubId = nz(e.outerTargetSubId());
        seqNum = e.seqNum();
        execId = empty(e.execId());
        execRefId = empty(e.execRefId());
        orderId = empty(e.orderId());
        clOrdId = e.jsonString("clOrdId");
        account = e.jsonString("account");
        symbol = e.jsonString("symbol");
        securityId = e.jsonString("securityId");
        securityDesc = e.jsonString("securityDesc");
        side = e.jsonString("side");
        execType = e.jsonString("execType");
        ordStatus = e.jsonString("ordStatus");
        StringBuilder problems = new StringBuilder();
        orderQty = decimal(e, "orderQty", problems);
        price = decimal(e, "price", problems);
        lastQty = decimal(e, "lastQty", problems);
        lastPx = decimal(e, "lastPx", problems);
        cumQty = decimal(e, "cumQty", problems);
        leavesQty = decimal(e, "leavesQty", problems);
        String time = e.jsonString("transactTime");
        transactTime = time == null ? null : utcTimestamp(time);
        String date = e.tradeDate();
        tradeDate = date == null ? null : isoDate(date);
        unfit = problems.length() == 0 ? null : problems.toString();
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} as the model writes times, read by hand (java.time's parser costs
     * microseconds a message); anything else goes to {@link OffsetDateTime#parse}.
     */
    static OffsetDateTime utcTimestamp(String t) {
        int n = t.length();
        if (n < 20 || n == 21 || n > 30 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T'
                || t.charAt(13) != ':' || t.charAt(16) != ':' || t.charAt(n - 1) != 'Z' || (n > 20 && t.charAt(19) != '.')) {
            return OffsetDateTime.parse(t);
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 7);
        int day = digits(t, 8, 10);
        int hour = digits(t, 11, 13);
        int minute = digits(t, 14, 16);
        int second = digits(t, 17, 19);
        int nanos = 0;
        if (n > 20) {
            int fraction = digits(t, 20, n - 1);
            if (fraction < 0) {
                return OffsetDateTime.parse(t);
            }
            nanos = fraction;
            for (int i = n - 1 - 20; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return OffsetDateTime.parse(t);
        }
        return OffsetDateTime.of(year, month, day, hour, minute, second, nanos, java.time.ZoneOffset.UTC);
    }

    /** {@code yyyy-MM-dd}, by hand; anything else goes to {@link LocalDate#parse}. */
    static LocalDate isoDate(String d) {
        if (d.length() == 10 && d.charAt(4) == '-' && d.charAt(7) == '-') {
            int year = digits(d, 0, 4);
            int month = digits(d, 5, 7);
            int day = digits(d, 8, 10);
            if (year >= 0 && month >= 0 && day >= 0) {
                return LocalDate.of(year, month, day);
            }
        }
        return LocalDate.parse(d);
    }

    /** The number written with the digits from..to, or -1 when one is not a digit. */
    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    boolean isChange() {
        return kind == EventKind.BUST || kind == EventKind.CORRECTION;
    }

    /** The identity of the message, for logs. */
    @Override
    public String toString() {
        return kind.label() + " " + targetSession + "/" + outerSenderSubId + "/" + outerTargetSubId + "#" + seqNum
                + (execId != null ? " execId=" + execId : "");
    }

    private static BigDecimal decimal(DropCopyEvent e, String key, StringBuilder problems) {
        String text = e.jsonString(key);
        if (text == null) {
            return null;
        }
        BigDecimal value = new BigDecimal(text); // the model has checked the FIX decimal
        BigDecimal stripped = value.stripTrailingZeros();
        if (Math.max(stripped.scale(), 0) > SCALE || stripped.precision() - stripped.scale() > INTEGER_DIGITS) {
            problems.append(problems.length() == 0 ? "" : "; ").append(key).append(' ').append(text)
                    .append(" does not fit NUMERIC(38, 12) exactly");
            return null;
        }
        return value;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String empty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
