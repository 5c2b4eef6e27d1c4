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
    private long rejected;
    private int inFlight;
    private int consumers = -1;
    private int consumersRequired = 1;
    private int persistedNextTargetSeqNum;
    private long routeFailures;
    private String lastRouteFailure;
    private String lastRouteFailureTime;
    private LatencyBuckets routeLatency = new LatencyBuckets();
    private LatencyBuckets endToEndLatency = new LatencyBuckets();
    private java.util.Map<String, Long> eventsByKind = java.util.Map.of();
    private String resendStalled;
    private java.util.List<String> unreadableFrames = java.util.List.of();

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

    /**
     * Messages whose routes failed (a sink down, a broker refusing): each was not counted as received and comes again.
     */
    public long routeFailures() { return routeFailures; }
    /** The last route failure's message, or null. */
    public String lastRouteFailure() { return lastRouteFailure; }
    /** When the last route failure happened (ISO-8601 UTC), or null. */
    public String lastRouteFailureTime() { return lastRouteFailureTime; }

    /**
     * Time from a business message's arrival (before translation) to its routes' return, per message handed to
     * them, successful or not; live, not a copy.
     */
    public LatencyBuckets routeLatency() { return routeLatency; }

    /**
     * CME's SendingTime(52) to the routes' (sinks') completion, per message the routes took; two clocks (CME's and
     * ours); live, not a copy.
     */
    public LatencyBuckets endToEndLatency() { return endToEndLatency; }

    /** Messages the routes took, per event kind label ({@code fill}, {@code bust}, ...), kinds seen only. */
    public java.util.Map<String, Long> eventsByKind() { return eventsByKind; }

    /** A copy with the route counters and latencies. */
    public SessionStatus withRouteStats(long failures, String lastFailure, String lastFailureTime,
                                        LatencyBuckets routeLatency, LatencyBuckets endToEndLatency,
                                        java.util.Map<String, Long> eventsByKind) {
        SessionStatus s = withRouteFailures(failures, lastFailure, lastFailureTime);
        s.routeLatency = routeLatency;
        s.endToEndLatency = endToEndLatency;
        s.eventsByKind = java.util.Map.copyOf(eventsByKind);
        return s;
    }

    /** This status with the count of input refused at the session level ({@link #rejected()}). */
    public SessionStatus withRejected(long rejected) {
        this.rejected = rejected;
        return this;
    }

    /**
     * This status with the session's stream problems: the resend in flight when it makes no progress
     * ({@link #resendStalled()}) and the frames moved past unread ({@link #unreadableFrames()}).
     */
    public SessionStatus withStreamProblems(String resendStalled, java.util.List<String> unreadableFrames) {
        this.resendStalled = resendStalled;
        this.unreadableFrames = java.util.List.copyOf(unreadableFrames);
        return this;
    }

    /**
     * The resend in flight when it made no progress for the resend timeout ("begin-end since time"), or null: the
     * session is waiting for messages CME does not deliver (or that cannot be read).
     */
    public String resendStalled() { return resendStalled; }

    /**
     * Incoming sequence numbers whose frame could not be read (not even parsed as FIX) several times, live and on
     * resend, and was dead-lettered with its raw bytes so the stream could go on; oldest first,
     * "seq: reason (...)". Since the session started.
     */
    public java.util.List<String> unreadableFrames() { return unreadableFrames; }

    /** Deferred delivery: events handed to the routes and not yet completed, and the incoming number the store holds. */
    public SessionStatus withDeferred(int inFlight, int persistedNextTargetSeqNum) {
        this.inFlight = inFlight;
        this.persistedNextTargetSeqNum = persistedNextTargetSeqNum;
        return this;
    }

    /** The group's consumers (routes) subscribed now, and how many its sessions wait for before logging on. */
    public SessionStatus withConsumers(int subscribed, int required) {
        this.consumers = subscribed;
        this.consumersRequired = required;
        return this;
    }

    /** Consumers (routes) of the group subscribed now; -1 when unknown. */
    public int consumers() {
        return consumers;
    }

    /** Consumers the group's sessions wait for before logging on (the session's {@code consumers} setting). */
    public int consumersRequired() {
        return consumersRequired;
    }

    /** Events handed to {@code delivery=async} routes and not yet completed (0 with synchronous routes). */
    public int inFlight() {
        return inFlight;
    }

    /**
     * The next incoming sequence number as persisted (where the session starts again after a crash): with async
     * routes, the lowest message not yet completed; otherwise {@link #nextTargetSeqNum()}. 0 when unknown.
     */
    public int persistedNextTargetSeqNum() {
        return persistedNextTargetSeqNum;
    }

    /** A copy with the route failure counters. */
    public SessionStatus withRouteFailures(long failures, String lastFailure, String lastFailureTime) {
        SessionStatus s = new SessionStatus(name, group, state, loggedOn, addresses, nextSenderSeqNum,
                nextTargetSeqNum, received, deadLettered, refusedSends, enabled, lastMessageTime, resendInFlight,
                unrecoverableGaps, addressInUse);
        s.resendStalled = resendStalled;
        s.unreadableFrames = unreadableFrames;
        s.routeFailures = failures;
        s.lastRouteFailure = lastFailure;
        s.lastRouteFailureTime = lastFailureTime;
        return s;
    }

    /**
     * For health checks: UP (logged on, routes taking messages), DEGRADED (up, but CME could not resend some
     * messages: see {@link #unrecoverableGaps()}; or a resend makes no progress, {@link #resendStalled()}; or frames
     * could not be read, {@link #unreadableFrames()}), DOWN (not logged on while it should be, or its routes fail:
     * the last message's route failed and none succeeded since), IDLE (stopped on purpose: no route consumes its
     * group, or an operator disconnected it).
     */
    public String health() {
        if (!enabled || "DISCONNECTED".equals(state) || "STOPPED".equals(state)) {
            return "IDLE";
        }
        if (!loggedOn) {
            return "DOWN";
        }
        if (routesFailing()) {
            return "DOWN";
        }
        return unrecoverableGaps.isEmpty() && resendStalled == null && unreadableFrames.isEmpty() ? "UP" : "DEGRADED";
    }

    /** Why {@link #health()} says what it says, in one line. */
    public String healthReason() {
        switch (health()) {
            case "IDLE":
                if (!enabled || "DISCONNECTED".equals(state)) {
                    return "disconnected by an operator";
                }
                return consumers > 0 && consumers < consumersRequired
                        ? "waiting for the routes of group " + group + ": " + consumers + " of " + consumersRequired
                          + " subscribed (setting consumers)"
                        : "no route consumes group " + group;
            case "DOWN":
                if (!loggedOn) {
                    return "not logged on (" + state + " " + addresses + ")";
                }
                return "routes failing since " + lastRouteFailureTime + ": " + lastRouteFailure;
            case "DEGRADED": {
                java.util.List<String> why = new java.util.ArrayList<>();
                if (resendStalled != null) {
                    why.add("resend " + resendStalled + " makes no progress");
                }
                if (!unreadableFrames.isEmpty()) {
                    why.add(unreadableFrames.size() + " unreadable frame(s) dead-lettered and moved past: "
                            + String.join("; ", unreadableFrames));
                }
                if (!unrecoverableGaps.isEmpty()) {
                    why.add(unrecoverableGaps.size() + " range(s) CME could not resend: "
                            + String.join("; ", unrecoverableGaps));
                }
                return String.join("; ", why);
            }
            default:
                return "logged on" + (addressInUse == null ? "" : " at " + addressInUse);
        }
    }

    private boolean routesFailing() {
        if (lastRouteFailureTime == null) {
            return false;
        }
        if (lastMessageTime == null) {
            return true;
        }
        return java.time.Instant.parse(lastRouteFailureTime).isAfter(java.time.Instant.parse(lastMessageTime));
    }

    @Override
    public String toString() {
        return name + "[" + group + "] " + state + " in=" + nextTargetSeqNum + " out=" + nextSenderSeqNum
                + " received=" + received + " deadLettered=" + deadLettered + " routeFailures=" + routeFailures;
    }
}
