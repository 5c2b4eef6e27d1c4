package io.dropcopy.recon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.EventKind;
import io.dropcopy.model.testing.TestMessages;
import io.dropcopy.recon.ReconBreak;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A day of real drop copy events (35=n wrapped execution reports, translated by the model: partial and final fills,
 * busts and corrections) from the model's traffic generator, and firm rows written from that generator's own ledger
 * (which fill is busted, which corrected and to what), with one break of each kind injected on its own order: the
 * breaks found are exactly those; none when nothing is injected.
 */
class GeneratedDayProofTest {
    @TempDir
    Path dir;

    record Result(Set<String> expected, Set<String> found) {
    }

    Result run(boolean inject, long seed) throws Exception {
        TestMessages day = TestMessages.generate(1500, seed);
        List<DropCopyEvent> fills = new ArrayList<>();
        for (DropCopyEvent e : day.events) {
            if (e.kind() == EventKind.FILL || e.kind() == EventKind.PARTIAL_FILL) {
                fills.add(e);
            }
        }
        Set<String> expected = new TreeSet<>();
        Set<String> usedOrders = new HashSet<>();
        String missing = null;
        String phantom = null;
        String qty = null;
        String px = null;
        String account = null;
        String staleBust = null;
        String staleCorrection = null;
        if (inject) {
            for (DropCopyEvent f : fills) {
                String id = f.execId();
                boolean plain = !day.busted.containsKey(id) && !day.corrected.containsKey(id);
                if (usedOrders.contains(f.orderId())) {
                    continue;
                }
                String type = null;
                if (missing == null && plain) {
                    missing = id;
                    type = "MissingFill";
                } else if (phantom == null && plain) {
                    phantom = id;
                    type = "PhantomFill";
                } else if (qty == null && plain) {
                    qty = id;
                    type = "QuantityMismatch";
                } else if (px == null && plain) {
                    px = id;
                    type = "PriceMismatch";
                } else if (account == null && plain) {
                    account = id;
                    type = "AccountMismatch";
                } else if (staleBust == null && day.busted.containsKey(id)) {
                    staleBust = id;
                    type = "StateMismatch";
                } else if (staleCorrection == null && day.corrected.containsKey(id)) {
                    staleCorrection = id;
                    type = "StateMismatch";
                }
                if (type != null) {
                    usedOrders.add(f.orderId());
                    expected.add(type + " " + f.orderId());
                }
            }
            assertEquals(7, expected.size(), "one of each kind was found to inject (two StateMismatch): " + expected);
        }

        StringBuilder firm = new StringBuilder("account,orderId,clOrdId,instrument,side,quantity,price,time,execId,status\n");
        int n = 0;
        for (DropCopyEvent f : fills) {
            String id = f.execId();
            if (id.equals(phantom)) {
                continue;
            }
            String q = f.field(32);
            String p = f.field(31);
            String status = "FILLED";
            String acct = f.field(1);
            if (day.busted.containsKey(id) && !id.equals(staleBust)) {
                status = "BUSTED";
            } else if (day.corrected.containsKey(id) && !id.equals(staleCorrection)) {
                status = "CORRECTED";
                q = day.correctedTo.get(id)[0];
                p = day.correctedTo.get(id)[1];
            }
            if (id.equals(qty)) {
                q = new BigDecimal(q).add(BigDecimal.ONE).toPlainString();
            } else if (id.equals(px)) {
                p = new BigDecimal(p).add(new BigDecimal("0.25")).toPlainString();
            } else if (id.equals(account)) {
                acct = acct + "-X";
            }
            firm.append(acct).append(',').append(f.orderId()).append(',').append(f.clOrdId()).append(',')
                    .append(f.securityDesc()).append(',').append("1".equals(f.field(54)) ? "BUY" : "SELL").append(',')
                    .append(q).append(',').append(p).append(',').append(f.jsonString("transactTime")).append(',')
                    .append(n++ % 2 == 0 ? id : "").append(',').append(status).append('\n');
        }

        AtomicLong now = new AtomicLong(0);
        try (GroupRecon r = new GroupRecon("DEMO", new GroupRecon.Settings(dir.resolve(inject + "-" + seed), 1000,
                TradeDates.cme(), false), now::get)) {
            r.submitFirm(firm.toString(), "csv", "oms.csv");
            for (DropCopyEvent e : day.events) {
                if (missing == null || !missing.equals(e.execId())) {
                    r.acceptDropCopy(e.toJson());
                }
            }
            now.addAndGet(1000);
            r.tick();
            Set<String> found = new TreeSet<>();
            for (ReconBreak b : r.openBreaks()) {
                found.add(b.type().label() + " " + b.orderId());
            }
            assertTrue(r.openBreaks().size() == found.size(), "one break per injection: expected " + expected + ", found " + r.openBreaks());
            return new Result(expected, found);
        }
    }

    @Test
    void exactlyTheInjectedBreaks() throws Exception {
        for (long seed : new long[] {1, 2}) {
            Result r = run(true, seed);
            assertEquals(r.expected(), r.found(), "seed " + seed);
        }
    }

    @Test
    void noBreakWithoutInjection() throws Exception {
        for (long seed : new long[] {1, 2}) {
            Result r = run(false, seed);
            assertEquals(Set.of(), r.found(), "seed " + seed);
        }
    }
}
