package io.dropcopy.positions.internal;

/**
 * The fields of one drop copy execution report that positions need, however it came (live event or journal line).
 * Values are the FIX text, trade date yyyy-MM-dd, times ISO-8601 UTC. Made by {@link ReportAdapter}.
 */
final class ExecReport {
    enum Kind { FILL, BUST, CORRECTION, OTHER }

    String group;
    String targetSession;
    /** The event kind label (fill, partial_fill, bust, new, ...). */
    String label;
    Kind kind;
    String execId;
    String execRefId;
    String orderId;
    String securityId;
    String description;
    String account;
    /** Side(54): 1 buy, 2 sell. */
    String side;
    String lastQty;
    String lastPx;
    String tradeDate;
    String transactTime;
    String sendingTime;
    /** MultiLegReportingType(442): 1 outright, 2 leg, 3 spread summary; null when absent. */
    String multiLeg;
    /** SecondaryExecID(527): links legs and their spread. */
    String secondaryExecId;
    /** MDTradeEntryID(37711), where CME sends it. */
    String mdTradeEntryId;
    /** The market segment the ExecID is unique within (see {@link ReportAdapter#segment}). */
    String segment;

    String time() {
        return transactTime != null ? transactTime : sendingTime;
    }

    @Override
    public String toString() {
        return label + " execId=" + execId + (execRefId != null ? " execRefId=" + execRefId : "") + " order=" + orderId
                + " security=" + securityId + " account=" + account + " tradeDate=" + tradeDate;
    }
}
