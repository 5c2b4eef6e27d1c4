package io.dropcopy.simulator;

import io.dropcopy.model.ledger.FillIdentity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a simulator sent, from its own bookkeeping (what the generator decided to send, never read back from the
 * messages): every fill with its identity and its final state, price and quantity, each order's cumulative quantity,
 * and the outer sequence numbers of every business message sent, per target session (and MSGW market segment). An
 * immutable snapshot, for tests that compare a sink's identities and business state with it.
 *
 * <p>It covers what this simulator instance sent since it started: a restarted simulator that continues its stream
 * starts a new ledger. Fills are kept up to {@value #MAX_FILLS} per simulator; beyond, {@link #complete()} is false.
 */
public final class ExpectedLedger {
    public static final int MAX_FILLS = 1_000_000;

    /** A fill's final state. */
    public enum State { LIVE, BUSTED, CORRECTED }

    /** An outer message: its target session (comp id, MSGW segment or null) and outer MsgSeqNum(34). */
    public record MessageId(String target, String segment, long seq) {
        @Override
        public String toString() {
            return target + (segment == null ? "" : "/" + segment) + ":" + seq;
        }
    }

    /**
     * One fill as sent and as busts and corrections left it.
     *
     * @param identity trade date, market segment (as the payload names it, null on iLink 2-shaped payloads), ExecID
     * @param multiLegReportingType 442: 1 outright (or null when not sent), 2 leg fill, 3 spread summary
     * @param price the final price: the fill's, or the last correction's; a busted fill keeps its last price
     * @param originalPrice the fill's own price
     * @param changeExecIds the ExecIDs of the busts and corrections applied, in order
     * @param sentAs the outer message that carried the fill
     */
    public record Fill(FillIdentity identity, String orderId, String securityId, String securityDesc, String account,
            String side, String multiLegReportingType, String secondaryExecId, String mdTradeEntryId, State state,
            BigDecimal price, long qty, BigDecimal originalPrice, List<String> changeExecIds, MessageId sentAs) {
        public String execId() {
            return identity.execId();
        }

        /** True for an outright fill or a leg fill: what a position counts (a spread summary is not). */
        public boolean countsForPosition() {
            return !"3".equals(multiLegReportingType);
        }
    }

    private final List<Fill> fills;
    private final Map<String, Long> cumQty;
    private final Map<String, List<MessageId>> messages;
    private final Map<String, List<MessageId>> possResendCopies;
    private final List<String> unmatched;
    private final boolean complete;

    ExpectedLedger(List<Fill> fills, Map<String, Long> cumQty, Map<String, List<MessageId>> messages,
            Map<String, List<MessageId>> possResendCopies, List<String> unmatched, boolean complete) {
        this.fills = List.copyOf(fills);
        this.cumQty = Collections.unmodifiableMap(new TreeMap<>(cumQty));
        this.messages = copy(messages);
        this.possResendCopies = copy(possResendCopies);
        this.unmatched = List.copyOf(unmatched);
        this.complete = complete;
    }

    private static Map<String, List<MessageId>> copy(Map<String, List<MessageId>> m) {
        Map<String, List<MessageId>> c = new LinkedHashMap<>();
        m.forEach((k, v) -> c.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(c);
    }

    /** The ledgers of several simulators (a group, the segments of an MSGW session) as one. */
    public static ExpectedLedger merge(Collection<ExpectedLedger> ledgers) {
        List<Fill> fills = new ArrayList<>();
        Map<String, Long> cum = new TreeMap<>();
        Map<String, List<MessageId>> messages = new LinkedHashMap<>();
        Map<String, List<MessageId>> copies = new LinkedHashMap<>();
        List<String> unmatched = new ArrayList<>();
        boolean complete = true;
        for (ExpectedLedger l : ledgers) {
            fills.addAll(l.fills);
            l.cumQty.forEach((k, v) -> cum.merge(k, v, Math::max));
            l.messages.forEach((k, v) -> messages.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
            l.possResendCopies.forEach((k, v) -> copies.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
            unmatched.addAll(l.unmatched);
            complete &= l.complete;
        }
        return new ExpectedLedger(fills, cum, messages, copies, unmatched, complete);
    }

    /** Every fill sent (outright, spread summary and leg fills), in the order sent. */
    public List<Fill> fills() {
        return fills;
    }

    /** The fill of an ExecID, or null. */
    public Fill fill(String execId) {
        for (Fill f : fills) {
            if (f.execId().equals(execId)) {
                return f;
            }
        }
        return null;
    }

    /** The fills in a state. */
    public List<Fill> fills(State state) {
        List<Fill> r = new ArrayList<>();
        for (Fill f : fills) {
            if (f.state() == state) {
                r.add(f);
            }
        }
        return r;
    }

    /** Each order's cumulative quantity (CumQty(14) of its last fill), by OrderID. */
    public Map<String, Long> cumQtyByOrder() {
        return cumQty;
    }

    /**
     * The outer message identities of every business message sent in real time (or in a backlog), by target
     * ("comp id" or "comp id/segment"), in the order sent.
     */
    public Map<String, List<MessageId>> messages() {
        return messages;
    }

    /** Every business message identity sent, all targets. */
    public List<MessageId> allMessages() {
        List<MessageId> r = new ArrayList<>();
        messages.values().forEach(r::addAll);
        return r;
    }

    /** The outer identities of the PossResend (97=Y) copies sent: the same inner message again, a duplicate. */
    public Map<String, List<MessageId>> possResendCopies() {
        return possResendCopies;
    }

    /** Busts or corrections of fills this ledger does not hold (sent before a restart): named, never applied. */
    public List<String> unmatched() {
        return unmatched;
    }

    /** False when more fills were sent than the ledger keeps ({@value #MAX_FILLS}). */
    public boolean complete() {
        return complete;
    }

    /** A summary line per target and one line per fill. */
    public List<String> lines(boolean withFills) {
        List<String> out = new ArrayList<>();
        int live = fills(State.LIVE).size();
        int busted = fills(State.BUSTED).size();
        int corrected = fills(State.CORRECTED).size();
        for (Map.Entry<String, List<MessageId>> e : messages.entrySet()) {
            int copies = possResendCopies.getOrDefault(e.getKey(), List.of()).size();
            out.add(e.getKey() + ": " + e.getValue().size() + " business messages, " + copies + " PossResend copies");
        }
        out.add("fills " + fills.size() + " (live " + live + ", busted " + busted + ", corrected " + corrected
                + "), orders with fills " + cumQty.size() + (unmatched.isEmpty() ? "" : ", unmatched changes "
                + unmatched.size()) + (complete ? "" : ", INCOMPLETE (over " + MAX_FILLS + " fills)"));
        if (withFills) {
            for (Fill f : fills) {
                out.add(f.identity().tradeDate() + " " + (f.identity().marketSegment() == null ? "-"
                        : f.identity().marketSegment()) + " " + f.execId() + " order " + f.orderId() + " "
                        + f.securityDesc() + " acct " + f.account() + " side " + f.side()
                        + (f.multiLegReportingType() == null ? "" : " 442=" + f.multiLegReportingType()) + " "
                        + f.state().name().toLowerCase(java.util.Locale.ROOT) + " " + f.qty() + "@"
                        + f.price().toPlainString() + " sent " + f.sentAs());
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return String.join("\n", lines(false));
    }
}
