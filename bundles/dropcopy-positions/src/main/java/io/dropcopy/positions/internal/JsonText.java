package io.dropcopy.positions.internal;

import io.dropcopy.model.Json;
import io.dropcopy.positions.Alert;
import io.dropcopy.positions.Position;
import io.dropcopy.positions.SessionView;
import io.dropcopy.positions.TapeEntry;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** The JSON of the risk view's objects (REST API, Server-Sent Events, the dropcopy-alerts: endpoint). */
public final class JsonText {
    private JsonText() {
    }

    public static String position(Position p) {
        StringBuilder o = new StringBuilder(256).append('{');
        str(o, "group", p.group()).append(',');
        str(o, "account", p.account()).append(',');
        str(o, "securityId", p.securityId()).append(',');
        str(o, "description", p.description()).append(',');
        str(o, "tradeDate", p.tradeDate()).append(',');
        num(o, "net", p.net()).append(',');
        num(o, "boughtQty", p.boughtQty()).append(',');
        num(o, "soldQty", p.soldQty()).append(',');
        num(o, "fills", p.fills()).append(',');
        dec(o, "avgBuyPx", p.avgBuyPx()).append(',');
        dec(o, "avgSellPx", p.avgSellPx()).append(',');
        str(o, "lastFillTime", p.lastFillTime());
        return o.append('}').toString();
    }

    public static String alert(Alert a) {
        StringBuilder o = new StringBuilder(256).append('{');
        str(o, "id", a.id()).append(',');
        str(o, "type", a.type().name()).append(',');
        str(o, "severity", a.severity().name()).append(',');
        str(o, "state", a.active() ? "RAISED" : "CLEARED").append(',');
        str(o, "group", a.group()).append(',');
        str(o, "subject", a.subject()).append(',');
        str(o, "message", a.message()).append(',');
        str(o, "raisedAt", a.raisedAt()).append(',');
        str(o, "clearedAt", a.clearedAt()).append(',');
        str(o, "clearedBy", a.clearedBy());
        return o.append('}').toString();
    }

    public static String tape(TapeEntry e) {
        StringBuilder o = new StringBuilder(256).append('{');
        num(o, "seq", e.seq()).append(',');
        str(o, "time", e.time()).append(',');
        str(o, "group", e.group()).append(',');
        str(o, "account", e.account()).append(',');
        str(o, "kind", e.kind()).append(',');
        str(o, "side", e.side()).append(',');
        str(o, "qty", e.qty()).append(',');
        str(o, "price", e.price()).append(',');
        str(o, "securityId", e.securityId()).append(',');
        str(o, "description", e.description()).append(',');
        str(o, "execId", e.execId()).append(',');
        str(o, "orderId", e.orderId()).append(',');
        str(o, "outcome", e.outcome()).append(',');
        if (e.netAfter() == null) {
            quote(o, "netAfter").append(":null");
        } else {
            num(o, "netAfter", e.netAfter());
        }
        return o.append('}').toString();
    }

    public static String session(SessionView s) {
        StringBuilder o = new StringBuilder(256).append('{');
        str(o, "name", s.name()).append(',');
        str(o, "group", s.group()).append(',');
        str(o, "state", s.state()).append(',');
        str(o, "health", s.health()).append(',');
        str(o, "reason", s.reason()).append(',');
        num(o, "nextTargetSeqNum", s.nextTargetSeqNum()).append(',');
        num(o, "nextSenderSeqNum", s.nextSenderSeqNum()).append(',');
        num(o, "received", s.received()).append(',');
        num(o, "deadLetters", s.deadLetters()).append(',');
        o.append("\"unrecoverableGaps\":").append(strings(s.unrecoverableGaps())).append(',');
        str(o, "resendInFlight", s.resendInFlight()).append(',');
        str(o, "lastMessageTime", s.lastMessageTime());
        return o.append('}').toString();
    }

    public static String array(List<String> jsonItems) {
        return "[" + String.join(",", jsonItems) + "]";
    }

    public static String strings(List<String> values) {
        StringBuilder o = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            quote(o.append(i == 0 ? "" : ","), values.get(i));
        }
        return o.append(']').toString();
    }

    public static String longs(long[] values) {
        StringBuilder o = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            o.append(i == 0 ? "" : ",").append(values[i]);
        }
        return o.append(']').toString();
    }

    public static String counters(Map<String, Long> counters) {
        StringBuilder o = new StringBuilder("{");
        for (Map.Entry<String, Long> e : counters.entrySet()) {
            num(o.append(o.length() == 1 ? "" : ","), e.getKey(), e.getValue());
        }
        return o.append('}').toString();
    }

    private static StringBuilder str(StringBuilder o, String name, String value) {
        quote(o, name).append(':');
        return value == null ? o.append("null") : quote(o, value);
    }

    private static StringBuilder num(StringBuilder o, String name, long value) {
        return quote(o, name).append(':').append(value);
    }

    private static StringBuilder dec(StringBuilder o, String name, BigDecimal value) {
        return str(o, name, value == null ? null : value.toPlainString());
    }

    /** Appends a JSON string literal: the model's escaping ({@link Json#quote(StringBuilder, String)}), and '<'. */
    public static StringBuilder quote(StringBuilder o, String v) {
        int from = o.length();
        Json.quote(o, v);
        // and '<' as a unicode escape, so no value reads as a tag where the text lands in HTML (no escape holds a '<')
        for (int i = o.indexOf("<", from); i >= 0; i = o.indexOf("<", i + 6)) {
            o.replace(i, i + 1, "\\u003c");
        }
        return o;
    }
}
