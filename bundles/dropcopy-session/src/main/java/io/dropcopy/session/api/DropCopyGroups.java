package io.dropcopy.session.api;

import java.util.List;
import java.util.Optional;

/**
 * The drop copy groups of this container, for their consumers (routes, sinks) and watchers (console, metrics): a
 * group's target sessions log on while enough consumers subscribe to the group (and the session is not disconnected
 * by an operator), so no message is ever accepted with nowhere to go.
 */
public interface DropCopyGroups {

    /**
     * In-flight window of {@link #subscribeDeferred(String, int, DeferredDropCopyListener)} unless given: four batches
     * of the batching sinks (500). A larger window only keeps more exchanges alive, which costs the collector more than
     * it gains on a small machine.
     */
    int DEFAULT_MAX_IN_FLIGHT = 2_000;

    /**
     * Starts delivering the group's events to the consumer; close the returned handle to stop. A consumer
     * takes responsibility for each event: if it throws, the message is not counted as received.
     */
    AutoCloseable subscribe(String group, DropCopyListener consumer);

    /**
     * Like {@link #subscribe}, for a consumer that confirms each event later ({@link DeferredDropCopyListener}): the
     * session hands over up to {@code maxInFlight} events not yet committed (per target session; with several deferred
     * consumers of a group the smallest window applies) and waits when that many are, and it persists a message as
     * received only once it and every earlier one are committed by every consumer of the group.
     *
     * @throws IllegalArgumentException when {@code maxInFlight} is below 1
     */
    AutoCloseable subscribeDeferred(String group, int maxInFlight, DeferredDropCopyListener consumer);

    /**
     * Watches the group's events without consuming them (console tail, diagnostics): an observer neither
     * starts sessions nor affects delivery, and its exceptions are ignored.
     */
    AutoCloseable observe(String group, DropCopyListener observer);

    /** Every configured target session, consumed or not, sorted by name. */
    List<SessionStatus> sessions();

    /** One session by name. */
    Optional<SessionStatus> session(String name);
}
