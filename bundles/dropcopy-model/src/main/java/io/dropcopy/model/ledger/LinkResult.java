package io.dropcopy.model.ledger;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What {@link TradeLinker#link} found: exactly one trade ({@link Outcome#LINKED}), or a refusal with its reason and
 * the candidates it saw. A refusal changes nothing: the caller dead-letters the bust or correction with
 * {@link #reason()}.
 */
public final class LinkResult {
    /** How the link ended. Every outcome but LINKED is a refusal. */
    public enum Outcome {
        /** Exactly one live trade is the one referred to. */
        LINKED,
        /** No trade of the order, instrument and trade date is the one referred to. */
        UNKNOWN,
        /** Several live trades of the order, instrument and trade date match the reference. */
        AMBIGUOUS,
        /** The trade referred to is busted already: a busted trade is never changed again. */
        ALREADY_BUSTED,
        /** The change lacks what places it (OrderID, SecurityID, TradeDate, or any reference). */
        INCOMPLETE
    }

    private final Outcome outcome;
    private final LedgerTrade trade;
    private final List<LedgerTrade> candidates;
    private final String reason;

    LinkResult(Outcome outcome, LedgerTrade trade, List<LedgerTrade> candidates, String reason) {
        this.outcome = outcome;
        this.trade = trade;
        this.candidates = List.copyOf(candidates);
        this.reason = reason;
    }

    public Outcome outcome() {
        return outcome;
    }

    public boolean linked() {
        return outcome == Outcome.LINKED;
    }

    /** The trade the change refers to, or null on a refusal. */
    public LedgerTrade trade() {
        return trade;
    }

    /** The trades that matched the reference (for AMBIGUOUS and ALREADY_BUSTED), else the one linked, else empty. */
    public List<LedgerTrade> candidates() {
        return candidates;
    }

    /** The current ExecIDs of {@link #candidates()}. */
    public List<String> candidateExecIds() {
        return candidates.stream().map(LedgerTrade::currentExecId).collect(Collectors.toList());
    }

    /**
     * One line for a dead letter, starting with the outcome in lower case ({@code ambiguous: ...},
     * {@code unknown: ...}) and naming the change and the candidates; for LINKED, what was linked.
     */
    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        return reason;
    }
}
