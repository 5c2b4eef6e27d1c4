package io.dropcopy.certify;

import java.util.List;

/**
 * The drop copy consumer a scenario judges, as the certification tester drives it: started against the scripted
 * CME's addresses, logged out and in by its operator, reset at the beginning of a week, switched to its second
 * key pair. What it sends is judged on the wire; what it hands to its application through {@link #delivered()}.
 */
public interface ClientUnderTest extends AutoCloseable {

    /** Starts the client against these CME addresses ({@code host:port}, primary first); it connects and logs on. */
    void start(List<String> addresses) throws Exception;

    /** The operator logs the client out (it sends Logout) and keeps it out. */
    void logout() throws Exception;

    /** The operator lets the client log on again, keeping its sequence numbers. */
    void logon() throws Exception;

    /** Beginning of the week: both sequence numbers back to 1 (called while logged out). */
    void resetSequences() throws Exception;

    /**
     * Makes the next logon use key pair {@code n} (1 or 2) without losing the sequence numbers.
     *
     * @return false when the client has no such key pair configured
     */
    boolean useKeyPair(int n) throws Exception;

    /**
     * MSGW: starts one target session per market segment, TargetSubID(57) the segment id, each on its own addresses
     * ({@code host:port}, primary first) with its own sequence numbers. {@link #logout()} and {@link #close()} then
     * apply to all of them.
     *
     * @return false when the client cannot run an MSGW target
     */
    default boolean startSegments(java.util.Map<String, List<String>> addressesBySegment) throws Exception {
        return false;
    }

    /** One {@link #key} per business message handed to the application so far, in order. */
    List<String> delivered();

    @Override
    void close();

    /** The identity of a business message as CME de-duplicates possible resends: source session, RequestTime, its sequence. */
    static String key(String sourceSession, long sourceSeqNum, String requestTime) {
        return sourceSession + "#" + sourceSeqNum + "@" + requestTime;
    }
}
