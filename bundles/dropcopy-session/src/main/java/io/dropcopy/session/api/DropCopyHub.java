package io.dropcopy.session.api;

import java.util.List;
import java.util.Optional;

/**
 * The drop copy groups of this container. A group's target sessions log on while at least one
 * consumer subscribes to the group (and the session is not disconnected by an operator), so no
 * message is ever accepted with nowhere to go.
 */
public interface DropCopyHub {

    /**
     * Starts delivering the group's events to the consumer; close the returned handle to stop. A consumer
     * takes responsibility for each event: if it throws, the message is not counted as received.
     */
    AutoCloseable subscribe(String group, DropCopyListener consumer);

    /**
     * In-flight window of {@link #subscribeDeferred(String, int, DeferredDropCopyListener)} unless given: four batches
     * of the batching sinks (500). Larger windows only keep more exchanges alive: 10,000 made the collector copy
     * ~130 MB at every young collection and cost artemis-batch ~40% of its rate on 2 cores (5,822 against 9,526 msg/s).
     */
    int DEFAULT_MAX_IN_FLIGHT = 2_000;

    /**
     * Like {@link #subscribe}, for a consumer that confirms each event later ({@link DeferredDropCopyListener}): the
     * session hands over up to {@code maxInFlight} events not yet committed (per target session; with several deferred
     * consumers of a group the smallest window applies) and waits when that many are, and it persists a message as
     * received only once it and every earlier one are committed by every consumer of the group.
     */
    default AutoCloseable subscribeDeferred(String group, int maxInFlight, DeferredDropCopyListener consumer) {
        throw new UnsupportedOperationException("deferred delivery");
    }

    /**
     * Watches the group's events without consuming them (console tail, diagnostics): an observer neither
     * starts sessions nor affects delivery, and its exceptions are ignored.
     */
    AutoCloseable observe(String group, DropCopyListener observer);

    /** Every configured target session, consumed or not, sorted by name. */
    List<SessionStatus> sessions();

    /** One session by name. */
    Optional<SessionStatus> session(String name);

    /** Lets the session log on again (it does once its group is consumed). */
    void connect(String name);

    /** Logs the session out and keeps it out until {@link #connect}. Sequence numbers are kept. */
    void disconnect(String name);

    /**
     * Resets both sequence numbers to 1, as at CME's weekly start: only for the beginning of a week or a
     * CME instruction, never to recover a gap. The session must be disconnected first.
     *
     * @param operator who asked, for the log
     */
    void resetSequence(String name, String operator);

    /**
     * Asks CME to resend from..to, messages this session already received, and hands the copies to the group's
     * consumers again (to refill a sink: the sinks drop what they already hold). In chunks of at most 2,500, one at
     * a time; progress shows in {@link SessionStatus#resendInFlight()}.
     *
     * @throws IllegalArgumentException for a range not already received
     * @throws IllegalStateException when the session is not logged on or a resend is already in flight
     */
    default void resend(String name, int from, int to, String operator) {
        throw new UnsupportedOperationException("resend");
    }

    /** The session's dead letters, oldest first. */
    List<DeadLetter> deadLetters(String name);

    /**
     * Re-submits a dead letter to the group's consumers after a fix (a newer model, a corrected route): it is
     * translated again and, when it now translates, delivered like any message and marked replayed.
     *
     * @throws IllegalArgumentException when there is no such dead letter
     * @throws IllegalStateException when it still does not translate (the reason says why), or no route consumes the group
     */
    void replayDeadLetter(String name, long seqNum, String operator) throws Exception;

    /**
     * Each consumed group's state on this node: OWNER (its sessions run here), STANDBY (another node owns it),
     * DRAINED, or NO ELECTION (clustering configured, its service missing). Single node: every consumed group is OWNER.
     */
    default java.util.Map<String, String> groupOwnership() {
        return java.util.Map.of();
    }

    /** How groups are owned: "single node", or the cluster (e.g. "zookeeper zk1:2181 as node-a"). */
    default String ownershipDescription() {
        return "single node";
    }

    /** The node owning the group, when the cluster knows it. */
    default java.util.Optional<String> groupOwner(String group) {
        return java.util.Optional.empty();
    }

    /**
     * Before maintenance: logs this node's groups out and leaves their elections, so the other nodes take them over;
     * the node joins none until {@link #undrain}. Survives nothing: a restarted node competes again.
     */
    default void drain(String operator) {
        throw new UnsupportedOperationException("drain");
    }

    /** Joins the elections again after {@link #drain}. */
    default void undrain(String operator) {
        throw new UnsupportedOperationException("undrain");
    }

    default boolean drained() {
        return false;
    }

    /**
     * A copy of session {@code name} for a certification dry run (see {@link TrialSession}), storing its sequences
     * under {@code storeDir} and handing every business message to {@code listener}.
     *
     * @throws IllegalArgumentException when there is no such session
     */
    default TrialSession trialSession(String name, java.nio.file.Path storeDir, DropCopyListener listener) {
        throw new UnsupportedOperationException("trialSession");
    }
}
