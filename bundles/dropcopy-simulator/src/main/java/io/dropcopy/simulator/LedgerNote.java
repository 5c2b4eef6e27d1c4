package io.dropcopy.simulator;

/**
 * What one generated message does to the expected ledger, written by the generator when it decides to send it (not
 * read back from the message): a fill, or a bust or correction of the fill whose ExecID is {@link #fillExecId}.
 */
final class LedgerNote {
    enum Type { FILL, BUST, CORRECTION }

    final Type type;
    /** The ExecID(17) of this message. */
    final String execId;
    /** For a bust or correction: the ExecID of the fill it changes; for a fill: its own ExecID. */
    final String fillExecId;
    final String orderId;
    final String securityId;
    final String securityDesc;
    final String account;
    final String side;
    /** The market segment as the payload names it (iLink 3-shaped: the inner 50), null when it names none. */
    final String marketSegment;
    /** 442 (1 outright, 2 leg, 3 spread summary), null when not sent. */
    final String multiLegReportingType;
    final String secondaryExecId;
    final String mdTradeEntryId;
    /** LastPx(31) of this message: the fill's price, a correction's new price. */
    final String price;
    final long qty;
    /** CumQty(14) of the order after a fill (the spread order's for a leg fill). */
    final long cumQty;

    private LedgerNote(Type type, String execId, String fillExecId, String orderId, String securityId,
            String securityDesc, String account, String side, String marketSegment, String multiLegReportingType,
            String secondaryExecId, String mdTradeEntryId, String price, long qty, long cumQty) {
        this.type = type;
        this.execId = execId;
        this.fillExecId = fillExecId;
        this.orderId = orderId;
        this.securityId = securityId;
        this.securityDesc = securityDesc;
        this.account = account;
        this.side = side;
        this.marketSegment = marketSegment;
        this.multiLegReportingType = multiLegReportingType;
        this.secondaryExecId = secondaryExecId;
        this.mdTradeEntryId = mdTradeEntryId;
        this.price = price;
        this.qty = qty;
        this.cumQty = cumQty;
    }

    static LedgerNote fill(String execId, String orderId, String securityId, String securityDesc, String account,
            String side, String marketSegment, String multiLegReportingType, String secondaryExecId,
            String mdTradeEntryId, String price, long qty, long cumQty) {
        return new LedgerNote(Type.FILL, execId, execId, orderId, securityId, securityDesc, account, side,
                marketSegment, multiLegReportingType, secondaryExecId, mdTradeEntryId, price, qty, cumQty);
    }

    static LedgerNote bust(String execId, String fillExecId) {
        return new LedgerNote(Type.BUST, execId, fillExecId, null, null, null, null, null, null, null, null, null,
                null, 0, 0);
    }

    static LedgerNote correction(String execId, String fillExecId, String newPrice, long qty) {
        return new LedgerNote(Type.CORRECTION, execId, fillExecId, null, null, null, null, null, null, null, null,
                null, newPrice, qty, 0);
    }
}
