package io.dropcopy.session.api;

/** A snapshot of one target session, for consoles and health checks. Never carries a secret. */
public final class SessionStatus {
    private final String name;
    private final String group;
    private final String state;
    private final boolean loggedOn;
    private final String addresses;
    private final int nextSenderSeqNum;
    private final int nextTargetSeqNum;
    private final long received;
    private final long deadLettered;
    private final long refusedSends;
    private final boolean enabled;
    private final String lastMessageTime;
    private final String resendInFlight;
    private final java.util.List<String> unrecoverableGaps;
    private final String addressInUse;
    private final long rejected;

    public SessionStatus(String name, String group, String state, boolean loggedOn, String addresses,
                         int nextSenderSeqNum, int nextTargetSeqNum, long received, long deadLettered,
                         long refusedSends, boolean enabled, String lastMessageTime) {
        this(name, group, state, loggedOn, addresses, nextSenderSeqNum, nextTargetSeqNum, received, deadLettered,
                refusedSends, enabled, lastMessageTime, null, java.util.List.of());
    }

    public SessionStatus(String name, String group, String state, boolean loggedOn, String addresses,
                         int nextSenderSeqNum, int nextTargetSeqNum, long received, long deadLettered,
                         long refusedSends, boolean enabled, String lastMessageTime, String resendInFlight,
                         java.util.List<String> unrecoverableGaps) {
        this(name, group, state, loggedOn, addresses, nextSenderSeqNum, nextTargetSeqNum, received, deadLettered,
                refusedSends, enabled, lastMessageTime, resendInFlight, unrecoverableGaps, null);
    }

    public SessionStatus(String name, String group, String state, boolean loggedOn, String addresses,
                         int nextSenderSeqNum, int nextTargetSeqNum, long received, long deadLettered,
                         long refusedSends, boolean enabled, String lastMessageTime, String resendInFlight,
                         java.util.List<String> unrecoverableGaps, String addressInUse) {
        this(name, group, state, loggedOn, addresses, nextSenderSeqNum, nextTargetSeqNum, received, deadLettered,
                refusedSends, enabled, lastMessageTime, resendInFlight, unrecoverableGaps, addressInUse, 0);
    }

    public SessionStatus(String name, String group, String state, boolean loggedOn, String addresses,
                         int nextSenderSeqNum, int nextTargetSeqNum, long received, long deadLettered,
                         long refusedSends, boolean enabled, String lastMessageTime, String resendInFlight,
                         java.util.List<String> unrecoverableGaps, String addressInUse, long rejected) {
        this.rejected = rejected;
        this.name = name;
        this.group = group;
        this.state = state;
        this.loggedOn = loggedOn;
        this.addresses = addresses;
        this.nextSenderSeqNum = nextSenderSeqNum;
        this.nextTargetSeqNum = nextTargetSeqNum;
        this.received = received;
        this.deadLettered = deadLettered;
        this.refusedSends = refusedSends;
        this.enabled = enabled;
        this.lastMessageTime = lastMessageTime;
        this.resendInFlight = resendInFlight;
        this.unrecoverableGaps = java.util.List.copyOf(unrecoverableGaps);
        this.addressInUse = addressInUse;
    }

    public String name() { return name; }
    public String group() { return group; }
    /** DISCONNECTED (by an operator), STOPPED (no consumer), CONNECTING, LOGGED_ON. */
    public String state() { return state; }
    public boolean loggedOn() { return loggedOn; }
    public String addresses() { return addresses; }
    public int nextSenderSeqNum() { return nextSenderSeqNum; }
    public int nextTargetSeqNum() { return nextTargetSeqNum; }
    /** Business messages handed to consumers. */
    public long received() { return received; }
    /** Malformed business messages written to the dead-letter file. */
    public long deadLettered() { return deadLettered; }
    /** Application messages the read-only guard refused to send. */
    public long refusedSends() { return refusedSends; }
    /** False after an operator's disconnect, until connect. */
    public boolean enabled() { return enabled; }
    /** When the last business message was handled (ISO-8601 UTC), or null. */
    public String lastMessageTime() { return lastMessageTime; }
    /** The resend in flight, "begin-end", or null when no gap is open. */
    public String resendInFlight() { return resendInFlight; }
    /**
     * Ranges CME refused to resend (outside its 48-hour window), oldest first, each "from-to: reason": messages
     * that never reached any consumer. Kept across restarts until the store is reset.
     */
    public java.util.List<String> unrecoverableGaps() { return unrecoverableGaps; }
    /** The gateway address of the current connection (host:port), or null when not connected. */
    public String addressInUse() { return addressInUse; }
    /**
     * Input from CME refused at the session level, each logged with the reason: session Rejects (35=3) sent for
     * messages that broke the FIX rules (unknown message type, wrong comp id, bad field), and frames dropped unread
     * for announcing an absurd BodyLength (the connection is then dropped and the gap recovered by resend).
     */
    public long rejected() { return rejected; }

    @Override
    public String toString() {
        return name + "[" + group + "] " + state + " in=" + nextTargetSeqNum + " out=" + nextSenderSeqNum
                + " received=" + received + " deadLettered=" + deadLettered;
    }
}
