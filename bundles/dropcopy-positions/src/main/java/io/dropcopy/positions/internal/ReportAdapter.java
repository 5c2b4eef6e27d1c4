package io.dropcopy.positions.internal;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.EventKind;
import io.dropcopy.model.FixMessage;
import io.dropcopy.model.MalformedMessageException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The one place that reads drop copy events for positions: a live {@link DropCopyEvent} or a line of the file sink's
 * JSON-lines journal. Every inner field (including those the event has no accessor for: 442, 527, 37711, 1300, the
 * inner 50) is read from the raw inner FIX message, so both paths give the same report.
 */
public final class ReportAdapter {
    /** One label String per event kind: the tape and each account's recent events hold many (label() makes a new one). */
    private static final String[] LABELS;
    private static final Map<String, String> BY_LABEL;

    static {
        EventKind[] kinds = EventKind.values();
        LABELS = new String[kinds.length];
        Map<String, String> byLabel = new HashMap<>();
        for (EventKind k : kinds) {
            LABELS[k.ordinal()] = k.label();
            byLabel.put(LABELS[k.ordinal()], LABELS[k.ordinal()]);
        }
        BY_LABEL = Map.copyOf(byLabel);
    }

    private ReportAdapter() {
    }

    static ExecReport fromEvent(DropCopyEvent event) {
        return read(event.group(), event.targetSession(), LABELS[event.kind().ordinal()], event.sendingTime(),
                event.outerSenderSubId(), event::field);
    }

    /**
     * From the top-level members of a journal line (JsonObjectReader): group, targetSession, kind, sendingTime,
     * outerHeader.senderSubId, and the inner message in {@code raw}.
     *
     * @throws IllegalArgumentException when the line lacks them or its raw inner message does not parse
     */
    @SuppressWarnings("unchecked")
    static ExecReport fromJournal(Map<String, Object> json) {
        Object raw = json.get("raw");
        Object group = json.get("group");
        Object kind = json.get("kind");
        if (!(raw instanceof String) || !(group instanceof String) || !(kind instanceof String)) {
            throw new IllegalArgumentException("journal line without group, kind or raw");
        }
        FixMessage inner;
        try {
            inner = FixMessage.parse((String) raw);
        } catch (MalformedMessageException e) {
            throw new IllegalArgumentException("raw inner message: " + e.getMessage());
        }
        Object header = json.get("outerHeader");
        Object senderSubId = header instanceof Map ? ((Map<String, Object>) header).get("senderSubId") : null;
        return read((String) group, str(json.get("targetSession")), BY_LABEL.getOrDefault(kind, (String) kind),
                str(json.get("sendingTime")),
                str(senderSubId), inner::get);
    }

    private static ExecReport read(String group, String targetSession, String label, String sendingTime,
                                   String outerSenderSubId, IntFunction<String> tag) {
        ExecReport r = new ExecReport();
        r.group = group;
        r.targetSession = targetSession;
        r.label = label;
        switch (label) {
            case "fill":
            case "partial_fill":
                r.kind = ExecReport.Kind.FILL;
                break;
            case "bust":
                r.kind = ExecReport.Kind.BUST;
                break;
            case "correction":
                r.kind = ExecReport.Kind.CORRECTION;
                break;
            default:
                r.kind = ExecReport.Kind.OTHER;
        }
        r.execId = tag.apply(17);
        r.execRefId = tag.apply(19);
        r.orderId = tag.apply(37);
        r.securityId = tag.apply(48);
        String desc = tag.apply(107);
        r.description = desc != null ? desc : tag.apply(55);
        r.account = tag.apply(1);
        r.side = tag.apply(54);
        r.lastQty = tag.apply(32);
        r.lastPx = tag.apply(31);
        r.sendingTime = sendingTime;
        r.transactTime = isoTime(tag.apply(60));
        r.tradeDate = isoDate(tag.apply(75));
        if (r.tradeDate == null && sendingTime != null && sendingTime.length() >= 10) {
            r.tradeDate = sendingTime.substring(0, 10); // as the file sink files it
        }
        r.multiLeg = tag.apply(442);
        r.secondaryExecId = tag.apply(527);
        r.mdTradeEntryId = tag.apply(37711);
        r.segment = segment(tag.apply(1300), outerSenderSubId, tag.apply(50));
        return r;
    }

    /**
     * The market segment an ExecID is unique within: MarketSegmentID(1300) when sent; else the outer SenderSubID(50)
     * of an MSGW target session (its segment); else the inner SenderSubID(50), which carries the segment in iLink 3
     * payloads. Copies of a message carry the same inner message on the same target session, so they agree.
     */
    static String segment(String marketSegmentId, String outerSenderSubId, String innerSenderSubId) {
        if (marketSegmentId != null) {
            return marketSegmentId;
        }
        if (outerSenderSubId != null && !"G".equals(outerSenderSubId)) {
            return outerSenderSubId;
        }
        return innerSenderSubId == null ? "" : innerSenderSubId;
    }

    /** FIX UTCTimestamp yyyyMMdd-HH:mm:ss[.sss...] to ISO-8601 UTC; null or anything else unchanged. */
    static String isoTime(String fix) {
        if (fix == null || fix.length() < 17 || fix.charAt(8) != '-') {
            return fix;
        }
        return fix.substring(0, 4) + '-' + fix.substring(4, 6) + '-' + fix.substring(6, 8) + 'T' + fix.substring(9)
                + 'Z';
    }

    static String isoDate(String fix) {
        if (fix == null || fix.length() != 8) {
            return fix;
        }
        return fix.substring(0, 4) + '-' + fix.substring(4, 6) + '-' + fix.substring(6, 8);
    }

    private static String str(Object o) {
        return o instanceof String ? (String) o : null;
    }
}
