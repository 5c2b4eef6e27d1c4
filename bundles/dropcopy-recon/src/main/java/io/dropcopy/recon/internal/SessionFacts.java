package io.dropcopy.recon.internal;

import java.util.List;

/**
 * What the session layer can tell the end-of-day report about a group's target sessions for one trade date. Only
 * facts that belong to the day (so that a report rerun gives the same bytes): unrecoverable ranges and dead letters;
 * and each session's state now ({@link #states}), which reconciliation journals as it changes (logged-on time, gaps).
 */
public interface SessionFacts {
    /** One target session's facts for the day. */
    record Session(String name, List<String> unrecoverableGaps, List<DeadLetterFact> deadLetters) {
    }

    /** A dead letter: when it was dead-lettered (ISO-8601 UTC), the sequence number and the reason. */
    record DeadLetterFact(String session, long seqNum, String time, String reason) {
    }

    /** The group's sessions, sorted by name; dead letters only of the trade date (yyyy-MM-dd). */
    List<Session> sessions(String group, String tradeDate, TradeDates tradeDates);

    /** One target session now: logged on or not, and the resend in flight ("begin-end") or null. */
    record SessionState(String name, boolean loggedOn, String resendInFlight) {
    }

    /** The group's target sessions now; empty without a session layer. */
    default List<SessionState> states(String group) {
        return List.of();
    }

    SessionFacts NONE = (group, date, td) -> List.of();
}
