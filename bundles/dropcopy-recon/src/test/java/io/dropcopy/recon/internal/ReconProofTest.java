package io.dropcopy.recon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.recon.BreakType;
import io.dropcopy.recon.ReconBreak;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both sides generated from one hand-written list of true fills, with one injected break of each kind: the breaks
 * found are exactly those injected (type and order), whatever order the two sides arrive in; none when none is
 * injected; nothing before the delay.
 */
class ReconProofTest {
    static final String DATE = "2026-12-04";
    static final long DELAY = 60_000;

    @TempDir
    Path dir;

    final AtomicLong now = new AtomicLong(1_000_000);

    /** 12 fills over 10 orders, two instruments, three accounts; ExecIDs chosen so that suffixes collide across orders. */
    static List<TrueFill> day() {
        List<TrueFill> f = new ArrayList<>();
        String[] acct = {"ACC1", "ACC2", "ACC3"};
        for (int i = 1; i <= 10; i++) {
            String order = "ORD" + (100 + i);
            String inst = i % 2 == 0 ? "ESZ6" : "NQZ6";
            String sec = i % 2 == 0 ? "118" : "229";
            String side = i % 3 == 0 ? "SELL" : "BUY";
            String time = String.format("2026-12-04T14:%02d:00.123456Z", i);
            // every ExecID ends with the same 9 characters as another order's: a suffix search across orders would
            // find two
            String exec = (i % 2 == 0 ? "X" : "Y") + (100 + i / 2) + "000000777";
            exec = "E" + i + "-" + exec;
            f.add(new TrueFill(order, "CL" + i, acct[i % 3], inst, sec, side, String.valueOf(i), "4500." + (i * 5), time, exec));
        }
        // two partial fills on one order
        f.add(new TrueFill("ORD111", "CL11", "ACC1", "ESZ6", "118", "BUY", "2", "4501.25", "2026-12-04T15:00:00Z", "E11-A000000111"));
        f.add(new TrueFill("ORD111", "CL11", "ACC1", "ESZ6", "118", "BUY", "3", "4501.50", "2026-12-04T15:00:01Z", "E12-A000000112"));
        return f;
    }

    GroupRecon open() throws Exception {
        return new GroupRecon("G1", new GroupRecon.Settings(dir, DELAY,
                new TradeDates(ZoneId.of("America/Chicago"), LocalTime.of(17, 0)), false), now::get);
    }

    /** The sides of a day with an injection of every kind. */
    static final class Sides {
        final List<String> dc = new ArrayList<>();
        final StringBuilder firm = new StringBuilder(TrueFill.CSV_HEADER);
        final Set<String> expected = new TreeSet<>();
    }

    static Sides sides(boolean inject) {
        Sides s = new Sides();
        int seq = 1;
        List<TrueFill> fills = day();
        for (int i = 0; i < fills.size(); i++) {
            TrueFill t = fills.get(i);
            TrueFill firm = t;
            boolean toDc = true;
            boolean toFirm = true;
            String firmStatus = "FILLED";
            String change = null;
            if (inject) {
                switch (i) {
                    case 0: toDc = false; s.expected.add("MissingFill " + t.orderId()); break;
                    case 1: toFirm = false; s.expected.add("PhantomFill " + t.orderId()); break;
                    case 2: firm = t.withQty("99"); s.expected.add("QuantityMismatch " + t.orderId()); break;
                    case 3: firm = t.withPx("4400.00"); s.expected.add("PriceMismatch " + t.orderId()); break;
                    case 4: firm = new TrueFill(t.orderId(), t.clOrdId(), "OTHER", t.instrument(), t.securityId(),
                            t.side(), t.qty(), t.px(), t.time(), t.execId());
                        s.expected.add("AccountMismatch " + t.orderId()); break;
                    case 5: change = "bust"; s.expected.add("StateMismatch " + t.orderId()); break;
                    case 6: change = "correction"; s.expected.add("StateMismatch " + t.orderId()); break;
                    case 7: change = "bust"; firmStatus = "BUSTED"; break; // busted on both sides: no break
                    case 8: change = "correction"; firm = t.withPx("4444.5"); firmStatus = "CORRECTED"; break;
                    default:
                }
            }
            if (toDc) {
                s.dc.add(t.fillEvent(DATE, seq++));
                if ("bust".equals(change)) {
                    s.dc.add(t.changeEvent("bust", "B" + i + "-000000999", t.qty(), t.px(), DATE, seq++));
                } else if ("correction".equals(change)) {
                    s.dc.add(t.changeEvent("correction", "C" + i + "-000000888", t.qty(), "4444.50", DATE, seq++));
                }
            }
            if (toFirm) {
                // half the firm rows carry the ExecID, half are matched by order, quantity and price
                s.firm.append(firm.csv(i % 2 == 0, firmStatus));
            }
        }
        return s;
    }

    static Set<String> found(List<ReconBreak> breaks) {
        Set<String> out = new TreeSet<>();
        for (ReconBreak b : breaks) {
            out.add(b.type().label() + " " + b.orderId());
        }
        return out;
    }

    @Test
    void findsExactlyTheInjectedBreaksFirmFirst() throws Exception {
        Sides s = sides(true);
        try (GroupRecon r = open()) {
            r.submitFirm(s.firm.toString(), "csv", "firm.csv");
            for (String e : s.dc) {
                r.acceptDropCopy(e);
            }
            assertEquals(List.of(), r.tick(), "nothing is raised before the delay");
            now.addAndGet(DELAY);
            List<ReconBreak> raised = r.tick();
            assertEquals(s.expected, found(raised));
            assertEquals(s.expected.size(), raised.size(), "each break raised once: " + raised);
            assertEquals(List.of(), r.tick(), "and not again");
        }
    }

    @Test
    void theSameBreaksWhateverTheOrderOfArrival() throws Exception {
        Sides s = sides(true);
        List<String> dc = new ArrayList<>(s.dc);
        // fills before their busts and corrections, as CME sends them; the firm's rows first, last, or in between
        for (int variant = 0; variant < 3; variant++) {
            Path d = dir.resolve("v" + variant);
            try (GroupRecon r = new GroupRecon("G1", new GroupRecon.Settings(d, DELAY, TradeDates.cme(), false), now::get)) {
                if (variant == 1) {
                    r.submitFirm(s.firm.toString(), "csv", "firm.csv");
                }
                for (int i = 0; i < dc.size(); i++) {
                    r.acceptDropCopy(dc.get(i));
                    if (variant == 2 && i == dc.size() / 2) {
                        r.submitFirm(s.firm.toString(), "csv", "firm.csv");
                        r.tick();
                    }
                }
                if (variant == 0) {
                    r.submitFirm(s.firm.toString(), "csv", "firm.csv");
                }
                now.addAndGet(DELAY);
                r.tick();
                assertEquals(s.expected, found(r.openBreaks()), "variant " + variant);
            }
        }
    }

    @Test
    void firmRowsInAnyOrderGiveTheSameBreaks() throws Exception {
        Sides s = sides(true);
        String[] lines = s.firm.toString().split("\r\n");
        List<String> rows = new ArrayList<>(List.of(lines).subList(1, lines.length));
        Collections.shuffle(rows, new Random(7));
        String shuffled = lines[0] + "\r\n" + String.join("\r\n", rows) + "\r\n";
        try (GroupRecon r = open()) {
            for (String e : s.dc) {
                r.acceptDropCopy(e);
            }
            r.submitFirm(shuffled, "auto", "shuffled.csv");
            now.addAndGet(DELAY);
            r.tick();
            assertEquals(s.expected, found(r.openBreaks()));
        }
    }

    @Test
    void noBreakWhenNoneIsInjected() throws Exception {
        Sides s = sides(false);
        assertTrue(s.expected.isEmpty());
        try (GroupRecon r = open()) {
            for (String e : s.dc) {
                r.acceptDropCopy(e);
            }
            r.submitFirm(s.firm.toString(), "csv", "firm.csv");
            now.addAndGet(DELAY * 10);
            assertEquals(List.of(), r.tick());
        }
    }

    @Test
    void aBreakClearsOnceWhenTheMissingSideArrives() throws Exception {
        TrueFill t = day().get(0);
        try (GroupRecon r = open()) {
            r.submitFirm(TrueFill.CSV_HEADER + t.csv(false, "FILLED"), "csv", "firm.csv");
            now.addAndGet(DELAY);
            List<ReconBreak> raised = r.tick();
            assertEquals(Set.of("MissingFill ORD101"), found(raised));
            r.acceptDropCopy(t.fillEvent(DATE, 1));
            List<ReconBreak> cleared = r.tick();
            assertEquals(1, cleared.size());
            assertEquals(ReconBreak.State.CLEARED, cleared.get(0).state());
            assertEquals(raised.get(0).id(), cleared.get(0).id());
            assertEquals(List.of(), r.tick());
            assertEquals(List.of(), r.openBreaks());
        }
    }

    @Test
    void aBustNeverChangesAFillOfAnotherOrder() throws Exception {
        // Two orders whose fills' ExecIDs end with the same 9 characters: the bust of ORD201 must bust ORD201 only.
        TrueFill a = new TrueFill("ORD201", "A", "ACC1", "ESZ6", "118", "BUY", "1", "4500", "2026-12-04T14:00:00Z", "AAA123456789");
        TrueFill b = new TrueFill("ORD202", "B", "ACC1", "ESZ6", "118", "BUY", "1", "4500", "2026-12-04T14:00:01Z", "BBB123456789");
        try (GroupRecon r = open()) {
            r.acceptDropCopy(b.fillEvent(DATE, 1));
            r.acceptDropCopy(a.fillEvent(DATE, 2));
            r.acceptDropCopy(a.changeEvent("bust", "BUST00001", "1", "4500", DATE, 3));
            r.submitFirm(TrueFill.CSV_HEADER + a.csv(false, "BUSTED") + b.csv(false, "FILLED"), "csv", "f.csv");
            now.addAndGet(DELAY);
            assertEquals(List.of(), r.tick());
        }
    }

    @Test
    void duplicatesAndResendsCountOnce() throws Exception {
        TrueFill t = day().get(3);
        try (GroupRecon r = open()) {
            r.acceptDropCopy(t.fillEvent(DATE, 1));
            r.acceptDropCopy(t.fillEvent(DATE, 9)); // a resent copy: same ExecID, trade date and segment
            String rows = TrueFill.CSV_HEADER + t.csv(true, "FILLED");
            assertEquals(1, r.submitFirm(rows, "csv", "a.csv").added());
            assertEquals(1, r.submitFirm(rows, "csv", "b.csv").unchanged());
            now.addAndGet(DELAY);
            assertEquals(List.of(), r.tick());
        }
    }
}
