package io.dropcopy.model.ledger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Finds the one trade a bust or correction changes, exactly as CME defines the reference, or refuses.
 *
 * <ul>
 * <li>Only trades of the same OrderID(37), SecurityID(48) and TradeDate(75) are candidates: the rule never looks at
 * another order, instrument or day, whatever the caller passes.</li>
 * <li>Where the change and a trade both carry MDTradeEntryID(37711), they match when the values are equal (CME: it
 * "will continue to refer back to the original value as assigned to the trade being busted or adjusted").</li>
 * <li>Otherwise they match when one of the trade's ExecIDs (the fill's, or a correction's) ends with the change's
 * ExecRefID(19) (CME iLink 2: "These are the last 9 characters of tag 17-ExecID"; for iLink 3-sourced payloads
 * CME says 19 embeds the trade number that 17 embeds, see docs/cme-payloads.md).</li>
 * <li>Exactly one live match links. None, several, or only busted matches is a refusal naming the candidates.</li>
 * </ul>
 * Stateless and thread-safe; no I/O.
 */
public final class TradeLinker {
    private TradeLinker() {
    }

    /**
     * @param change the bust or correction
     * @param trades the trades the caller holds for the change's order (more may be passed: the rule filters)
     */
    public static LinkResult link(TradeChange change, Collection<LedgerTrade> trades) {
        Objects.requireNonNull(change, "change");
        String what = change.type().name().toLowerCase(Locale.ROOT) + " " + change.execId();
        List<String> missing = new ArrayList<>();
        if (blank(change.orderId())) {
            missing.add("OrderID(37)");
        }
        if (blank(change.securityId())) {
            missing.add("SecurityID(48)");
        }
        if (blank(change.tradeDate())) {
            missing.add("TradeDate(75)");
        }
        if (blank(change.execRefId()) && blank(change.mdTradeEntryId())) {
            missing.add("ExecRefID(19) or MDTradeEntryID(37711)");
        }
        if (!missing.isEmpty()) {
            return new LinkResult(LinkResult.Outcome.INCOMPLETE, null, List.of(),
                    "incomplete: " + what + " has no " + String.join(", ", missing) + ": it cannot be placed");
        }
        String scope = "order 37=" + change.orderId() + ", 48=" + change.securityId() + ", 75=" + change.tradeDate();
        String ref = (blank(change.execRefId()) ? "" : "ExecRefID " + change.execRefId())
                + (blank(change.mdTradeEntryId()) ? "" : (blank(change.execRefId()) ? "" : ", ")
                        + "MDTradeEntryID " + change.mdTradeEntryId());

        List<LedgerTrade> matches = new ArrayList<>();
        for (LedgerTrade t : trades) {
            if (change.orderId().equals(t.orderId()) && change.securityId().equals(t.securityId())
                    && change.tradeDate().equals(t.tradeDate()) && refersTo(change, t)) {
                matches.add(t);
            }
        }
        List<LedgerTrade> live = new ArrayList<>();
        for (LedgerTrade t : matches) {
            if (!t.busted()) {
                live.add(t);
            }
        }
        if (live.size() == 1) {
            return new LinkResult(LinkResult.Outcome.LINKED, live.get(0), live,
                    "linked: " + what + " (" + ref + ") changes " + live.get(0).currentExecId() + " of " + scope);
        }
        if (live.size() > 1) {
            return new LinkResult(LinkResult.Outcome.AMBIGUOUS, null, live, "ambiguous: " + what + " (" + ref + ") matches "
                    + live.size() + " trades of " + scope + ": " + ids(live));
        }
        if (!matches.isEmpty()) {
            return new LinkResult(LinkResult.Outcome.ALREADY_BUSTED, null, matches, "already busted: " + what + " (" + ref
                    + ") refers to busted " + ids(matches) + " of " + scope);
        }
        return new LinkResult(LinkResult.Outcome.UNKNOWN, null, List.of(),
                "unknown: " + what + " (" + ref + ") matches no trade of " + scope);
    }

    /** Whether the change refers to this trade (its place is checked by the caller). */
    static boolean refersTo(TradeChange change, LedgerTrade trade) {
        if (!blank(change.mdTradeEntryId()) && !blank(trade.mdTradeEntryId())) {
            return change.mdTradeEntryId().equals(trade.mdTradeEntryId());
        }
        String ref = change.execRefId();
        if (blank(ref)) {
            return false;
        }
        for (String execId : trade.execIds()) {
            if (execId.endsWith(ref)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> ids(List<LedgerTrade> trades) {
        List<String> ids = new ArrayList<>();
        for (LedgerTrade t : trades) {
            ids.add(t.currentExecId());
        }
        return ids;
    }

    private static boolean blank(String s) {
        return s == null || s.isEmpty();
    }
}
