package io.dropcopy.model;

import java.util.Objects;

/**
 * One normalized drop copy event: one wrapped business message of one target session. Immutable and
 * thread-safe. Every field is validated when the event is made ({@link EventTranslator#translate}); the JSON
 * text is written on first use.
 *
 * <p>Identity for duplicate suppression: {@link #targetSession()} + {@link #seqNum()} (on an MSGW target session
 * the same sequence numbers occur in different market segments: add the outer sub ids, see the JSON
 * {@code outerHeader}), and {@link #execId()}. Possible resends are ordered by {@link #requestTime()}, then by
 * {@link #sourceSeqNum()}. Decimals and timestamps keep their exact text; the raw inner FIX message is always
 * kept.
 */
public final class DropCopyEvent {
    /** Version of the JSON form; bumped on any incompatible change. */
    public static final int SCHEMA_VERSION = 2;
    /** Class path resource of the JSON Schema of {@link #toJson()}. */
    public static final String SCHEMA_RESOURCE = "/io/dropcopy/model/dropcopy-event-v2.schema.json";

    private final String group;
    private final String targetSession;
    private final long seqNum;
    private final boolean possDup;
    private final boolean possResend;
    private final String sendingTime;
    private final EventKind kind;
    private final FixMessage inner;
    private final Json fields;

    /** Written on first use; a race only writes the same immutable text twice. */
    private String json;

    DropCopyEvent(String group, String targetSession, FixMessage outer, FixMessage inner)
            throws MalformedMessageException {
        this.group = Objects.requireNonNull(group, "group");
        this.targetSession = Objects.requireNonNull(targetSession, "targetSession");
        FieldLookup o = new FieldLookup(outer, "outer");
        this.seqNum = Fields.seqNum(o.get(34), "outer MsgSeqNum(34)");
        try {
            this.possDup = Boolean.TRUE.equals(Fields.bool(o.get(43), 43));
            this.possResend = Boolean.TRUE.equals(Fields.bool(o.get(97), 97));
            this.sendingTime = Fields.timestamp(o.get(52), 52);
        } catch (MalformedMessageException e) {
            throw new MalformedMessageException("outer " + e.getMessage());
        }
        this.inner = inner;
        this.kind = EventKind.of(inner);
        this.fields = EventJson.normalize(this, o, inner);
    }

    public String group() {
        return group;
    }

    public String targetSession() {
        return targetSession;
    }

    /** The target session's sequence number (outer 34) that delivered this event. */
    public long seqNum() {
        return seqNum;
    }

    /** Outer PossDupFlag(43)=Y: a copy resent on request (gap fill), OrigSendingTime(122) beside it. */
    public boolean possDup() {
        return possDup;
    }

    /** Outer PossResend(97)=Y: possibly seen before (after a failover); compare RequestTime(5979). */
    public boolean possResend() {
        return possResend;
    }

    /** Outer SendingTime(52) in ISO-8601 UTC. */
    public String sendingTime() {
        return sendingTime;
    }

    /**
     * A top-level member of the JSON form ({@link #toJson()}) that is a string, exactly as written there (readable
     * enum names, decimals as their exact text, ISO-8601 UTC times), or null when absent or not a string: what a
     * sink storing columns needs, without parsing the JSON back.
     */
    public String jsonString(String member) {
        Object value = fields.get(member);
        return value instanceof String ? (String) value : null;
    }

    /**
     * A text member of the outer header as the JSON's {@code outerHeader} names it ({@code senderCompId} (49),
     * {@code senderSubId}, {@code targetCompId} (56), {@code targetSubId}, {@code targetLocationId}), or null.
     */
    public String outerHeaderField(String member) {
        Object value = ((Json) fields.get("outerHeader")).get(member);
        return value instanceof String ? (String) value : null;
    }

    /** Outer OrigSendingTime(122) of a resent copy, in ISO-8601 UTC, or null. */
    public String origSendingTime() {
        return (String) fields.get("origSendingTime");
    }

    /** Outer SenderSubID(50): on an MSGW target session the market segment, with its own sequence numbers; or null. */
    public String outerSenderSubId() {
        return (String) ((Json) fields.get("outerHeader")).get("senderSubId");
    }

    /** Outer TargetSubID(57), or null. */
    public String outerTargetSubId() {
        return (String) ((Json) fields.get("outerHeader")).get("targetSubId");
    }

    public EventKind kind() {
        return kind;
    }

    /** Inner MsgType(35): 8, 9 or BZ. */
    public String msgType() {
        return inner.msgType();
    }

    public String execId() {
        return inner.get(17);
    }

    /**
     * ExecRefID(19) of a bust or correction: the unique id of the trade it changes (iLink 2 payloads: the last 9
     * characters of that fill's ExecID). Link it with {@link io.dropcopy.model.ledger.TradeLinker}.
     */
    public String execRefId() {
        return inner.get(19);
    }

    /** SecondaryExecID(527): links the leg fills of a spread to the spread fill. */
    public String secondaryExecId() {
        return inner.get(527);
    }

    /**
     * True when this event's ExecRefID(19) is the tail of that ExecID. Only meaningful inside one order, instrument
     * and trade date: use {@link io.dropcopy.model.ledger.TradeLinker}, which also reads MDTradeEntryID(37711) and
     * refuses ambiguous references.
     */
    public boolean refersTo(String originalExecId) {
        String ref = execRefId();
        return ref != null && originalExecId != null && originalExecId.endsWith(ref);
    }

    public String orderId() {
        return inner.get(37);
    }

    public String clOrdId() {
        return inner.get(11);
    }

    public String symbol() {
        return inner.get(55);
    }

    public String securityDesc() {
        return inner.get(107);
    }

    /** TradeDate(75) as ISO date (yyyy-MM-dd), or null when the message has none. */
    public String tradeDate() {
        return (String) fields.get("tradeDate");
    }

    /** RequestTime(5979) exactly as sent (CME: nanoseconds since the epoch), or null. */
    public String requestTime() {
        return inner.get(5979);
    }

    /**
     * The market segment the payload names: MarketSegmentID(1300) when present, else the inner SenderSubID(50) when
     * it is a number (an MSGW payload from an iLink 3 source session carries the market segment there); else null
     * (a CGW payload, where the inner 50 is {@code G}).
     */
    public String marketSegment() {
        String segment = inner.get(1300);
        if (segment != null && !segment.isEmpty()) {
            return segment;
        }
        String sub = inner.get(50);
        return sub != null && !sub.isEmpty() && Fields.digits(sub, 0, sub.length()) ? sub : null;
    }

    /** MDTradeEntryID(37711): CME's trade id, kept by busts and corrections of that trade; or null. */
    public String mdTradeEntryId() {
        return inner.get(37711);
    }

    /** The iLink source session comp id (inner 56). */
    public String sourceSession() {
        return inner.get(56);
    }

    /** The source session's own sequence number (inner 34), or 0 when the inner message has none. */
    public long sourceSeqNum() {
        String seq = inner.get(34);
        return seq == null ? 0 : Long.parseLong(seq); // validated digits, at most 18
    }

    /** The inner iLink message, exactly as CME sent it inside {@code <RTRF>}. */
    public String rawInner() {
        return inner.raw();
    }

    /** Any inner field by tag (its first occurrence). */
    public String field(int tag) {
        return inner.get(tag);
    }

    FixMessage inner() {
        return inner;
    }

    /** The event as one JSON object on one line (no line breaks: control characters are escaped). */
    public String toJson() {
        String text = json;
        if (text == null) {
            text = JsonText.of(fields);
            json = text;
        }
        return text;
    }

    /** Appends the JSON object (as {@link #toJson()}) to a buffer, without keeping a copy. */
    public void appendJson(StringBuilder out) {
        String text = json;
        out.append(text != null ? text : JsonText.of(fields));
    }

    @Override
    public String toString() {
        return kind.label() + " " + targetSession + "#" + seqNum + " execId=" + execId();
    }
}
