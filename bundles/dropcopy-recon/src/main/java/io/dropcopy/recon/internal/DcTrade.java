package io.dropcopy.recon.internal;

import io.dropcopy.model.ledger.LedgerTrade;

/**
 * One drop copy trade as reconciliation holds it: the fill as CME first sent it, and its ledger state (current
 * price and quantity, ExecID chain, busted) after the busts and corrections linked to it.
 */
public final class DcTrade {
    private final DcRecord fill;
    private LedgerTrade ledger;
    private final long seenAt;
    private long changedAt;
    private String changedBy;

    DcTrade(DcRecord fill, long seenAt) {
        this.fill = fill;
        this.ledger = ChangeLinking.trade(fill);
        this.seenAt = seenAt;
        this.changedAt = seenAt;
    }

    void apply(LedgerTrade next, DcRecord change, long at) {
        ledger = next;
        changedAt = Math.max(changedAt, at);
        changedBy = change.kind() + " " + change.execId() + " (" + change.where() + ")";
    }

    public DcRecord fill() { return fill; }
    LedgerTrade ledger() { return ledger; }
    public String fillExecId() { return fill.execId(); }
    public String orderId() { return fill.orderId(); }
    public String side() { return fill.side(); }
    public String account() { return fill.account(); }
    public String origQty() { return fill.lastQty(); }
    public String origPx() { return fill.lastPx(); }
    public String qty() { return ledger.lastQty(); }
    public String px() { return ledger.lastPx(); }
    public boolean busted() { return ledger.busted(); }
    public boolean corrected() { return ledger.execIds().size() > 1; }
    public long seenAt() { return seenAt; }
    public long changedAt() { return changedAt; }
    /** The bust or correction that last changed it, or null. */
    public String changedBy() { return changedBy; }

    public String state() {
        return busted() ? "BUSTED" : corrected() ? "CORRECTED" : "FILLED";
    }

    public boolean hasExecId(String execId) {
        return ledger.execIds().contains(execId);
    }
}
