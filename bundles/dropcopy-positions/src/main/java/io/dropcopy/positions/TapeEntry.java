package io.dropcopy.positions;

/**
 * One line of the tape: a fill, bust or correction as it was applied to (or refused by) the positions.
 *
 * @param seq Increasing number of the entry in this container's tape
 * @param time TransactTime(60), else SendingTime, ISO-8601 UTC
 * @param kind The event kind label: fill, partial_fill, bust, correction, or another kind for an account's recent
 *     events
 * @param side BUY, SELL or null
 * @param outcome applied, duplicate, spread (summary, not counted), refused: REASON, or info (not a fill)
 * @param netAfter The position's net (this trade date) after the entry, or null when it changed no position
 */
public record TapeEntry(long seq, String time, String group, String account, String kind, String side, String qty,
        String price, String securityId, String description, String execId, String orderId, String outcome,
        Long netAfter) {
}
