package io.dropcopy.session.api;

/**
 * JMX view of one target session: {@code io.dropcopy:type=session,name=<name>}. Never exposes a secret.
 */
public interface DropCopySessionMBean {
    String getName();

    String getGroup();

    /** DISCONNECTED, STOPPED, CONNECTING or LOGGED_ON. */
    String getState();

    /** UP, DEGRADED, DOWN or IDLE: see {@link SessionStatus#health()}. */
    String getHealth();

    /** Why Health says what it says, in one line. */
    String getHealthReason();

    /** Messages whose routes failed (each comes again): a sink down shows here and makes Health DOWN. */
    long getRouteFailures();

    boolean isLoggedOn();

    String getAddresses();

    int getNextTargetSeqNum();

    int getNextSenderSeqNum();

    long getReceived();

    long getDeadLettered();

    long getRefusedSends();

    /** Input from CME refused at the session level (session Rejects sent, oversize frames); see SessionStatus. */
    long getRejected();

    String getLastMessageTime();

    String getResendInFlight();

    String[] getUnrecoverableGaps();

    /** The resend in flight when it makes no progress ("begin-end since time"), or null. */
    String getResendStalled();

    /** Incoming sequence numbers whose frame could not be read and was dead-lettered, "seq: reason (...)". */
    String[] getUnreadableFrames();

    void connect();

    void disconnect();
}
