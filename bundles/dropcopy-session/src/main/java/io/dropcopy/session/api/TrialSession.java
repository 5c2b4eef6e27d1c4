package io.dropcopy.session.api;

import java.nio.file.Path;
import java.util.List;

/**
 * A copy of a configured target session for a certification dry run: the same comp ids, location, application
 * identity and key pairs, but its own scratch store, pointed at addresses given at start (a loopback simulator),
 * reconnecting every second, always in session, and not attached to the group's routes. The secret keys never
 * leave it: {@link #sign} signs for the simulator that checks the logon.
 */
public interface TrialSession extends AutoCloseable {

    String senderCompId();

    String senderSubId();

    String senderLocationId();

    String targetSubId();

    /** Access key ids of the configured pairs: one, or two when a second key pair is configured. */
    List<String> accessKeyIds();

    /** The logon signature of {@code canonical} with key pair {@code keyPair} (1 or 2), as CME computes it. */
    String sign(int keyPair, String canonical);

    /** Starts the copy against {@code host:port} addresses, primary first. */
    void start(List<String> addresses) throws Exception;

    /** Logs out and stays out (sequence numbers kept). */
    void logout();

    /** Logs on again. */
    void logon() throws Exception;

    /** Both sequence numbers back to 1, as at the week's start; only while logged out. */
    void resetSequences() throws Exception;

    /** Signs the next logons with key pair {@code n}; false when not configured. Sequence numbers are kept. */
    boolean useKeyPair(int n) throws Exception;

    /**
     * Another copy of the same session on an MSGW market segment: TargetSubID(57) {@code targetSubId}, its own store
     * under {@code storeDir} and its own sequence numbers, handing messages to the same listener.
     */
    TrialSession segment(String targetSubId, Path storeDir);

    @Override
    void close();
}
