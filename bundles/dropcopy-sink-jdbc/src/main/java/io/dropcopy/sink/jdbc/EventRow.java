package io.dropcopy.sink.jdbc;

import io.dropcopy.model.JsonObjectReader;
import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.EventKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;

/** The values of one event as the tables want them, read from its JSON (decimals exact, enums readable). */
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

    @SuppressWarnings("unchecked")
    EventRow(DropCopyEvent e) {
        event = e;
        json = e.toJson();
        Map<String, Object> f = JsonObjectReader.read(json);
        Object outer = f.get("outerHeader");
        Map<String, Object> header = outer instanceof Map ? (Map<String, Object>) outer : Map.of();
        kind = e.kind();
        group = e.group();
        targetSession = e.targetSession();
        outerSenderSubId = nz(str(header.get("senderSubId")));
        outerTargetSubId = nz(str(header.get("targetSubId")));
        seqNum = e.seqNum();
        execId = empty(e.execId());
        execRefId = empty(e.execRefId());
        orderId = empty(e.orderId());
        clOrdId = str(f.get("clOrdId"));
        account = str(f.get("account"));
        symbol = str(f.get("symbol"));
        securityId = str(f.get("securityId"));
        securityDesc = str(f.get("securityDesc"));
        side = str(f.get("side"));
        execType = str(f.get("execType"));
        ordStatus = str(f.get("ordStatus"));
        StringBuilder problems = new StringBuilder();
        orderQty = decimal(f, "orderQty", problems);
        price = decimal(f, "price", problems);
        lastQty = decimal(f, "lastQty", problems);
        lastPx = decimal(f, "lastPx", problems);
        cumQty = decimal(f, "cumQty", problems);
        leavesQty = decimal(f, "leavesQty", problems);
        String time = str(f.get("transactTime"));
        transactTime = time == null ? null : OffsetDateTime.parse(time);
        String date = e.tradeDate();
        tradeDate = date == null ? null : LocalDate.parse(date);
        unfit = problems.length() == 0 ? null : problems.toString();
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

    private static BigDecimal decimal(Map<String, Object> f, String key, StringBuilder problems) {
        String text = str(f.get(key));
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

    private static String str(Object o) {
        return o instanceof String ? (String) o : null;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String empty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
