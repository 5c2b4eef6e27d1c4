package io.dropcopy.session.api;

import java.nio.file.Path;
import java.util.List;

/** What an operator (console, JMX, certification) does to the target sessions of this container. */
public interface SessionOperations {

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
    void resend(String name, int from, int to, String operator);

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
     * A copy of session {@code name} for a certification dry run (see {@link TrialSession}), storing its sequences
     * under {@code storeDir} and handing every business message to {@code listener}.
     *
     * @throws IllegalArgumentException when there is no such session
     */
    TrialSession trialSession(String name, Path storeDir, DropCopyListener listener);
}
