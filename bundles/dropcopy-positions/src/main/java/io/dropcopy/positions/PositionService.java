package io.dropcopy.positions;

import java.util.List;

/**
 * The risk view of this container: positions, alerts, the tape. Registered as an OSGi service by the
 * dropcopy-positions bundle; the console, the REST API, the dashboard and the Camel endpoint dropcopy-alerts: read it.
 */
public interface PositionService {

    /**
     * Positions, sorted by group, account, description, trade date (newest first).
     *
     * @param group null for every group
     * @param account null for every account, else an exact account
     * @param symbol null for every instrument, else a security id, or a case-insensitive prefix of the description
     * @param tradeDate null for every trade date (and the running positions), {@link Position#ALL_DATES} for the
     *        running positions only, else yyyy-MM-dd
     */
    List<Position> positions(String group, String account, String symbol, String tradeDate);

    /** Alerts, newest first: the active ones only, or the recent history too (bounded). */
    List<Alert> alerts(boolean activeOnly);

    /** Clears an alert by hand (admin). @return false when no active alert has that id */
    boolean acknowledge(String alertId, String operator);

    /** The latest fills, busts and corrections, newest first. */
    List<TapeEntry> tape(int max);

    /** An account's latest events of any kind (fills, acknowledgements, rejects...), newest first. */
    List<TapeEntry> recentEvents(String group, String account, int max);

    /** The target sessions, sorted by name. */
    List<SessionView> sessions();

    /** The groups seen (configured sessions or positions). */
    List<String> groups();

    /** The accounts holding positions, sorted. */
    List<String> accounts();

    /** Business messages per second, the last 120 seconds, oldest first. */
    long[] messageRates();

    /**
     * Mean end-to-end latency (CME SendingTime(52) to the routes' completion) of the messages of each second, in
     * microseconds, the last 120 seconds, oldest first; -1 for a second without messages.
     */
    long[] latencies();

    /** Until closed, told of every tape entry and alert change. */
    AutoCloseable listen(RiskListener listener);
}
