package io.dropcopy.positions;

import java.util.List;

/** A target session as the risk view shows it: health, sequence numbers, gaps, dead letters. */
public final class SessionView {
    private final String name;
    private final String group;
    private final String state;
    private final String health;
    private final String reason;
    private final int nextTargetSeqNum;
    private final int nextSenderSeqNum;
    private final long received;
    private final long deadLetters;
    private final List<String> unrecoverableGaps;
    private final String resendInFlight;
    private final String lastMessageTime;

    public SessionView(String name, String group, String state, String health, String reason, int nextTargetSeqNum,
                       int nextSenderSeqNum, long received, long deadLetters, List<String> unrecoverableGaps,
                       String resendInFlight, String lastMessageTime) {
        this.name = name;
        this.group = group;
        this.state = state;
        this.health = health;
        this.reason = reason;
        this.nextTargetSeqNum = nextTargetSeqNum;
        this.nextSenderSeqNum = nextSenderSeqNum;
        this.received = received;
        this.deadLetters = deadLetters;
        this.unrecoverableGaps = List.copyOf(unrecoverableGaps);
        this.resendInFlight = resendInFlight;
        this.lastMessageTime = lastMessageTime;
    }

    public String name() { return name; }
    public String group() { return group; }
    public String state() { return state; }
    /** UP, DEGRADED, DOWN or IDLE. */
    public String health() { return health; }
    public String reason() { return reason; }
    public int nextTargetSeqNum() { return nextTargetSeqNum; }
    public int nextSenderSeqNum() { return nextSenderSeqNum; }
    public long received() { return received; }
    /** Dead letters not replayed. */
    public long deadLetters() { return deadLetters; }
    public List<String> unrecoverableGaps() { return unrecoverableGaps; }
    public String resendInFlight() { return resendInFlight; }
    public String lastMessageTime() { return lastMessageTime; }
}
