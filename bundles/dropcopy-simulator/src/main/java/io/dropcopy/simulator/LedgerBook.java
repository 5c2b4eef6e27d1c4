package io.dropcopy.simulator;

import io.dropcopy.model.ledger.FillIdentity;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulator's own record of what it sent (the mutable side of {@link ExpectedLedger}): fed by {@link Traffic}
 * with each message's outer sequence number and the {@link LedgerNote} its generator wrote, never by parsing.
 */
final class LedgerBook {
    private static final class Entry {
        final LedgerNote fill;
        final FillIdentity identity;
        final ExpectedLedger.MessageId sentAs;
        ExpectedLedger.State state = ExpectedLedger.State.LIVE;
        String price;
        final List<String> changes = new ArrayList<>();

        Entry(LedgerNote fill, FillIdentity identity, ExpectedLedger.MessageId sentAs) {
            this.fill = fill;
            this.identity = identity;
            this.sentAs = sentAs;
            this.price = fill.price;
        }
    }

    private final String target;
    private final String segment;
    private final String key;
    private final Map<String, Entry> fills = new LinkedHashMap<>();
    private final Map<String, Long> cumQty = new HashMap<>();
    /** Outer sequence numbers, compact: a long run sends millions. */
    private long[] messages = new long[1024];
    private int messageCount;
    private long[] copies = new long[64];
    private int copyCount;
    private final List<String> unmatched = new ArrayList<>();
    private boolean complete = true;

    LedgerBook(String target, String segment) {
        this.target = target;
        this.segment = segment;
        this.key = segment == null ? target : target + "/" + segment;
    }

    /** A business message sent: its outer sequence number, whether a 97=Y copy, its note (or null), when built. */
    synchronized void sent(long outerSeq, boolean possResendCopy, LedgerNote note, Instant builtAt) {
        ExpectedLedger.MessageId id = new ExpectedLedger.MessageId(target, segment, outerSeq);
        if (possResendCopy) {
            if (copyCount == copies.length) {
                copies = java.util.Arrays.copyOf(copies, copyCount * 2);
            }
            copies[copyCount++] = outerSeq;
            return; // a copy of a message already counted: no business change
        }
        if (messageCount == messages.length) {
            messages = java.util.Arrays.copyOf(messages, messageCount * 2);
        }
        messages[messageCount++] = outerSeq;
        if (note == null) {
            return;
        }
        switch (note.type) {
            case FILL:
                cumQty.merge(note.orderId, note.cumQty, Math::max);
                if (fills.size() >= ExpectedLedger.MAX_FILLS) {
                    complete = false;
                    return;
                }
                String tradeDate = LocalDate.ofInstant(builtAt, ZoneOffset.UTC).toString();
                fills.put(note.execId, new Entry(note, new FillIdentity(tradeDate, note.marketSegment, note.execId),
                        id));
                break;
            case BUST:
            case CORRECTION: {
                Entry e = fills.get(note.fillExecId);
                if (e == null) {
                    unmatched.add(note.type + " " + note.execId + " of fill " + note.fillExecId + " (" + id + ")");
                    return;
                }
                e.changes.add(note.execId);
                if (note.type == LedgerNote.Type.BUST) {
                    e.state = ExpectedLedger.State.BUSTED;
                } else {
                    e.state = ExpectedLedger.State.CORRECTED;
                    e.price = note.price;
                }
                break;
            }
            default:
                break;
        }
    }

    /** Counts, without copying the ledger. */
    synchronized String summary() {
        int busted = 0;
        int corrected = 0;
        for (Entry e : fills.values()) {
            if (e.state == ExpectedLedger.State.BUSTED) {
                busted++;
            } else if (e.state == ExpectedLedger.State.CORRECTED) {
                corrected++;
            }
        }
        return messageCount + " business messages, " + copyCount + " PossResend copies, fills " + fills.size()
                + " (live " + (fills.size() - busted - corrected) + ", busted " + busted + ", corrected " + corrected
                + "), orders with fills " + cumQty.size() + (unmatched.isEmpty() ? "" : ", unmatched changes "
                + unmatched.size()) + (complete ? "" : ", INCOMPLETE (over " + ExpectedLedger.MAX_FILLS + " fills)");
    }

    synchronized ExpectedLedger snapshot() {
        List<ExpectedLedger.Fill> out = new ArrayList<>(fills.size());
        for (Entry e : fills.values()) {
            LedgerNote f = e.fill;
            out.add(new ExpectedLedger.Fill(e.identity, f.orderId, f.securityId, f.securityDesc, f.account, f.side,
                    f.multiLegReportingType, f.secondaryExecId, f.mdTradeEntryId, e.state, new BigDecimal(e.price),
                    f.qty, new BigDecimal(f.price), List.copyOf(e.changes), e.sentAs));
        }
        Map<String, List<ExpectedLedger.MessageId>> m = new LinkedHashMap<>();
        m.put(key, ids(messages, messageCount));
        Map<String, List<ExpectedLedger.MessageId>> c = new LinkedHashMap<>();
        if (copyCount > 0) {
            c.put(key, ids(copies, copyCount));
        }
        return new ExpectedLedger(out, cumQty, m, c, unmatched, complete);
    }

    private List<ExpectedLedger.MessageId> ids(long[] seqs, int n) {
        List<ExpectedLedger.MessageId> r = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            r.add(new ExpectedLedger.MessageId(target, segment, seqs[i]));
        }
        return r;
    }
}
