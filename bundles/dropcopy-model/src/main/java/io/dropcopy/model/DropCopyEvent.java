package io.dropcopy.model;

/**
 * One normalized drop copy event: one wrapped business message of one target session. Immutable.
 * Identity for duplicate suppression: {@link #targetSession()} + {@link #seqNum()}, and {@link #execId()}.
 * Decimals and timestamps keep their exact text; the raw inner FIX message is always kept.
 */
public final class DropCopyEvent {
    /** Version of the JSON form; bumped on any incompatible change. */
    public static final int SCHEMA_VERSION = 1;

    private final String group;
    private final String targetSession;
    private final long seqNum;
    private final boolean possDup;
    private final boolean possResend;
    private final String sendingTime;
    private final EventKind kind;
    private final FixMessage inner;
    private final String json;

    DropCopyEvent(String group, String targetSession, FixMessage outer, FixMessage inner)
            throws MalformedMessageException {
        this.group = group;
        this.targetSession = targetSession;
        this.seqNum = Fields.seqNum(outer.get(34), "outer MsgSeqNum(34)");
        this.possDup = "Y".equals(outer.get(43));
        this.possResend = "Y".equals(outer.get(97));
        this.sendingTime = Fields.timestamp(outer.get(52), 52);
        this.inner = inner;
        this.kind = EventKind.of(inner);
        this.json = EventJson.write(this);
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

    public boolean possDup() {
        return possDup;
    }

    public boolean possResend() {
        return possResend;
    }

    /** Outer SendingTime(52) in ISO-8601 UTC. */
    public String sendingTime() {
        return sendingTime;
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
        String tradeDate = inner.get(75);
        return tradeDate == null ? null : Fields.dateOrNull(tradeDate);
    }

    /** The iLink source session comp id (inner 56). */
    public String sourceSession() {
        return inner.get(56);
    }

    /** The inner iLink message, exactly as CME sent it inside {@code <RTRF>}. */
    public String rawInner() {
        return inner.raw();
    }

    /** Any inner field by tag. */
    public String field(int tag) {
        return inner.get(tag);
    }

    FixMessage inner() {
        return inner;
    }

    /** The event as one JSON object on one line (no line breaks: control characters are escaped). */
    public String toJson() {
        return json;
    }

    @Override
    public String toString() {
        return kind.label() + " " + targetSession + "#" + seqNum + " execId=" + execId();
    }
}
