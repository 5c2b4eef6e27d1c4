package io.dropcopy.positions;

/** One line of the tape: a fill, bust or correction as it was applied to (or refused by) the positions. */
public final class TapeEntry {
    private final long seq;
    private final String time;
    private final String group;
    private final String account;
    private final String kind;
    private final String side;
    private final String qty;
    private final String price;
    private final String securityId;
    private final String description;
    private final String execId;
    private final String orderId;
    private final String outcome;
    private final Long netAfter;

    public TapeEntry(long seq, String time, String group, String account, String kind, String side, String qty,
                     String price, String securityId, String description, String execId, String orderId,
                     String outcome, Long netAfter) {
        this.seq = seq;
        this.time = time;
        this.group = group;
        this.account = account;
        this.kind = kind;
        this.side = side;
        this.qty = qty;
        this.price = price;
        this.securityId = securityId;
        this.description = description;
        this.execId = execId;
        this.orderId = orderId;
        this.outcome = outcome;
        this.netAfter = netAfter;
    }

    /** Increasing number of the entry in this container's tape. */
    public long seq() { return seq; }
    /** TransactTime(60), else SendingTime, ISO-8601 UTC. */
    public String time() { return time; }
    public String group() { return group; }
    public String account() { return account; }
    /** The event kind label: fill, partial_fill, bust, correction, or another kind for an account's recent events. */
    public String kind() { return kind; }
    /** BUY, SELL or null. */
    public String side() { return side; }
    public String qty() { return qty; }
    public String price() { return price; }
    public String securityId() { return securityId; }
    public String description() { return description; }
    public String execId() { return execId; }
    public String orderId() { return orderId; }
    /** applied, duplicate, spread (summary, not counted), refused: REASON, or info (not a fill). */
    public String outcome() { return outcome; }
    /** The position's net (this trade date) after the entry, or null when it changed no position. */
    public Long netAfter() { return netAfter; }
}
