package io.dropcopy.session.api;

/**
 * JMX view of one target session: {@code io.dropcopy:type=session,name=<name>}. Never exposes a secret.
 */
public interface DropCopySessionMBean {
    String getName();

    String getGroup();

    /** DISCONNECTED, STOPPED, CONNECTING or LOGGED_ON. */
    String getState();

    /**
     * UP (logged on), IDLE (no route consumes the group, or disconnected by an operator), DOWN (should be logged
     * on but is not), DEGRADED (logged on, but CME refused to resend some range: see UnrecoverableGaps).
     */
    String getHealth();

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

    void connect();

    void disconnect();
}
