package io.dropcopy.session.api;

import io.dropcopy.model.DropCopyEvent;

/**
 * A consumer that accepts an event now and says later whether it was durably handled (group commit: a sink that
 * forces or commits many events at once). Events are still handed over one at a time, in sequence order, on the
 * session's thread; completions may come on any thread, in any order.
 *
 * <p>The session counts a message as received in its persisted sequence store only once every consumer committed
 * it and every earlier message: after a crash the session logs on with the lowest message not yet committed and CME
 * resends from there (sinks drop what they already hold). At most a bounded number of events are in flight per session
 * (see {@link DropCopyHub#subscribeDeferred}); beyond that the session's thread waits, which pushes back on the socket.
 *
 * <p>{@link Completion#failed} makes the session stop taking messages, log out and log on again after its reconnect
 * interval from the lowest uncommitted message: nothing is lost, the failure shows in the session's health.
 */
@FunctionalInterface
public interface DeferredDropCopyListener {

    /**
     * Takes the event; {@code completion} must eventually be called exactly once (later calls are ignored). Throwing
     * here is the same as {@link Completion#failed}.
     */
    void onEvent(DropCopyEvent event, Completion completion) throws Exception;

    /** How a deferred consumer reports the fate of one event; thread-safe, the first call counts. */
    interface Completion {
        /** The event is durably handled (written and forced, committed, acknowledged by the broker). */
        void committed();

        /** The event could not be handled: it will come again (resend), nothing is lost. */
        void failed(Throwable cause);
    }
}
