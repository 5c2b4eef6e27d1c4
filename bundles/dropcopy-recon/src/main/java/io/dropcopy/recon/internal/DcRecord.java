package io.dropcopy.recon.internal;

import io.dropcopy.model.JsonObjectReader;
import java.util.List;
import java.util.Map;

/**
 * The part of a drop copy event reconciliation needs, read from the event's JSON (live, or a line of the file sink's
 * journal: the same text). {@code kind} is the event's kind label (fill, partial_fill, bust, correction, ...).
 */
public record DcRecord(String kind, String execId, String execRefId, String orderId, String clOrdId, String account,
        String side, String securityId, String securityDesc, String symbol, String lastQty, String lastPx,
        String tradeDate, String time, String marketSegment, String mdTradeEntryId, String where,
        String multiLegReportingType) {

    /** A spread summary fill (442=3): its legs carry the position, it does not. */
    public boolean isSpreadSummary() {
        return "3".equals(multiLegReportingType);
    }

    public boolean isFill() {
        return "fill".equals(kind) || "partial_fill".equals(kind);
    }

    public boolean isChange() {
        return "bust".equals(kind) || "correction".equals(kind);
    }

    /** From an event's JSON ({@code DropCopyEvent.toJson()} or a journal line). */
    public static DcRecord ofEventJson(String json) {
        Map<String, Object> m = JsonObjectReader.read(json);
        String time = s(m, "transactTime");
        if (time == null) {
            time = s(m, "origSendingTime") != null ? s(m, "origSendingTime") : s(m, "sendingTime");
        }
        String side = s(m, "sideCode");
        side = "1".equals(side) ? "BUY" : "2".equals(side) ? "SELL" : side;
        return new DcRecord(s(m, "kind"), s(m, "execId"), s(m, "execRefId"), s(m, "orderId"), s(m, "clOrdId"),
                s(m, "account"), side, s(m, "securityId"), s(m, "securityDesc"), s(m, "symbol"), s(m, "lastQty"),
                s(m, "lastPx"), s(m, "tradeDate"), time, s(m, "marketSegment"), s(m, "mdTradeEntryId"),
                s(m, "targetSession") + "#" + s(m, "seqNum"), s(m, "multiLegReportingTypeCode"));
    }

    public DcRecord withTradeDate(String date) {
        return new DcRecord(kind, execId, execRefId, orderId, clOrdId, account, side, securityId, securityDesc, symbol,
                lastQty, lastPx, date, time, marketSegment, mdTradeEntryId, where, multiLegReportingType);
    }

    /** The instrument as the firm most likely names it: SecurityDesc(107), else Symbol(55), else SecurityID(48). */
    public String instrument() {
        return securityDesc != null ? securityDesc : symbol != null ? symbol : securityId;
    }

    /** Identity of the message: the same ExecID within its trade date and market segment is the same message. */
    public String identity() {
        return tradeDate + "/" + (marketSegment == null ? "-" : marketSegment) + "/" + execId;
    }

    /** Journal keys, in the order of the components. */
    private static final List<String> NAMES = List.of("kind", "execId", "execRefId", "orderId", "clOrdId", "account",
            "side", "securityId", "securityDesc", "symbol", "lastQty", "lastPx", "tradeDate", "time", "marketSegment",
            "mdTradeEntryId", "where", "multiLeg");

    public Map<String, String> fields() {
        return TextFields.of(this, NAMES);
    }

    public static DcRecord ofFields(Map<String, ?> m) {
        return TextFields.read(DcRecord.class, NAMES, m);
    }

    private static String s(Map<String, ?> m, String k) {
        Object v = m.get(k);
        return v == null ? null : v.toString();
    }
}
