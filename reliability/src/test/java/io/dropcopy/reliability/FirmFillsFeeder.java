package io.dropcopy.reliability;

import io.dropcopy.simulator.CmeSimulator;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The firm's side of a reconciliation test, written from what the simulator really sent (its own QuickFIX/J store,
 * read through {@link CmeSimulator#storedMessages}, never from the product): one CSV row per fill it sent, dropped as
 * files into the inbox a file route polls, with one break of each kind injected on fills chosen by their place in the
 * stream. What reconciliation must end with is {@link #expected()}: one "type orderId" per injection, nothing else.
 */
final class FirmFillsFeeder {
    static final String HEADER = "account,orderId,clOrdId,instrument,side,quantity,price,time,tradeDate,execId,status\n";
    private static final char SOH = '\u0001';

    /** Injections, by the fill's place (0-based) in the order sent: spread over the stream so kills fall between. */
    private final Map<Integer, String> injections;
    private final Path inbox;
    private final Set<String> expected = new TreeSet<>();
    private int nextSeq = 1;
    private int fills;
    private int files;
    private String tradeDate;

    FirmFillsFeeder(Path inbox, int totalFills) {
        this.inbox = inbox;
        this.injections = new TreeMap<>();
        String[] kinds = {"PhantomFill", "QuantityMismatch", "MissingFill", "PriceMismatch", "AccountMismatch",
                "StateMismatch"};
        for (int i = 0; i < kinds.length; i++) {
            // an even place: a partial fill, the first fill of its order; the orders of two injections never meet
            injections.put(2 * ((2 + i * (totalFills - 4) / kinds.length) / 2), kinds[i]);
        }
    }

    /** The breaks the injections make: "type orderId", sorted. */
    synchronized Set<String> expected() {
        return new TreeSet<>(expected);
    }

    synchronized int fills() {
        return fills;
    }

    /** TradeDate(75) of the fills sent (yyyy-MM-dd), or null before the first. */
    synchronized String tradeDate() {
        return tradeDate;
    }

    synchronized int files() {
        return files;
    }

    /**
     * Reads what the simulator sent since the last call and writes its fills as one new CSV file (written aside, then
     * renamed into the inbox: the poller never sees half a file). Returns the number of fills written.
     */
    synchronized int poll(CmeSimulator sim) throws IOException {
        int last = sim.nextSenderSeqNum() - 1;
        if (last < nextSeq) {
            return 0;
        }
        List<String> stored;
        try {
            stored = sim.storedMessages(nextSeq, last);
        } catch (RuntimeException noSessionYet) {
            return 0;
        }
        nextSeq = last + 1;
        StringBuilder csv = new StringBuilder(HEADER);
        int rows = 0;
        for (String outer : stored) {
            Map<String, String> f = fill(outer);
            if (f == null) {
                continue;
            }
            String injection = injections.get(fills++);
            String d = f.get("75");
            tradeDate = d.substring(0, 4) + "-" + d.substring(4, 6) + "-" + d.substring(6, 8);
            String account = f.get("1");
            String qty = f.get("32");
            String px = f.get("31");
            String status = "FILLED";
            if (injection != null) {
                expected.add(injection + " " + (injection.equals("MissingFill") ? "FIRM-ONLY-" + fills : f.get("37")));
                switch (injection) {
                    case "PhantomFill": continue;                  // the firm never booked it
                    case "QuantityMismatch": qty = new BigDecimal(qty).add(BigDecimal.ONE).toPlainString(); break;
                    case "PriceMismatch": px = new BigDecimal(px).add(new BigDecimal("0.25")).toPlainString(); break;
                    case "AccountMismatch": account = account + "-X"; break;
                    case "StateMismatch": status = "BUSTED"; break;  // CME never busted it
                    case "MissingFill":                            // a fill CME never sent, next to a true one
                        csv.append(row(account, "FIRM-ONLY-" + fills, "FO" + fills, f.get("107"), f.get("54"), "1",
                                f.get("31"), f.get("60"), f.get("75"), "", "FILLED"));
                        rows++;
                        break;
                    default: throw new IllegalStateException(injection);
                }
            }
            csv.append(row(account, f.get("37"), f.get("11"), f.get("107"), f.get("54"), qty, px, f.get("60"),
                    f.get("75"), f.get("17"), status));
            rows++;
        }
        if (rows > 0) {
            files++;
            Path part = inbox.resolve(String.format("fills-%04d.csv.part", files));
            Files.writeString(part, csv, StandardCharsets.UTF_8);
            Files.move(part, inbox.resolve(String.format("fills-%04d.csv", files)), StandardCopyOption.ATOMIC_MOVE);
        }
        return rows;
    }

    private static String row(String account, String orderId, String clOrdId, String instrument, String side,
            String qty, String px, String transactTime, String tradeDate, String execId, String status) {
        // 60: yyyyMMdd-HH:mm:ss.SSS UTC; 75: yyyyMMdd
        String time = transactTime.substring(0, 4) + "-" + transactTime.substring(4, 6) + "-"
                + transactTime.substring(6, 8) + "T" + transactTime.substring(9) + "Z";
        String date = tradeDate.substring(0, 4) + "-" + tradeDate.substring(4, 6) + "-" + tradeDate.substring(6, 8);
        return String.join(",", account, orderId, clOrdId, instrument, "1".equals(side) ? "BUY" : "SELL", qty, px,
                time, date, execId, status) + "\n";
    }

    /** The inner execution report's fields of a business message (35=n) that carries a fill, else null. */
    static Map<String, String> fill(String outer) {
        if (!outer.contains(SOH + "35=n" + SOH)) {
            return null;
        }
        int lenAt = outer.indexOf(SOH + "212=");
        int dataAt = outer.indexOf(SOH + "213=");
        int len = Integer.parseInt(outer.substring(lenAt + 5, outer.indexOf(SOH, lenAt + 1)));
        String inner = outer.substring(dataAt + 5, dataAt + 5 + len);
        Map<String, String> tags = new HashMap<>();
        for (String field : inner.split(String.valueOf(SOH))) {
            int eq = field.indexOf('=');
            if (eq > 0) {
                tags.putIfAbsent(field.substring(0, eq), field.substring(eq + 1));
            }
        }
        String execType = tags.get("150");
        boolean fill = "8".equals(tags.get("35")) && ("1".equals(execType) || "2".equals(execType) || "F".equals(execType));
        return fill ? tags : null;
    }

    /** The net position per "account instrument" of every fill the simulator's ledger says it sent and did not bust. */
    static Map<String, BigDecimal> positions(io.dropcopy.simulator.ExpectedLedger ledger) {
        Map<String, BigDecimal> net = new TreeMap<>();
        for (io.dropcopy.simulator.ExpectedLedger.Fill f : ledger.fills()) {
            if (f.state() == io.dropcopy.simulator.ExpectedLedger.State.BUSTED || !f.countsForPosition()) {
                continue;
            }
            BigDecimal q = BigDecimal.valueOf(f.qty());
            net.merge(f.account() + " " + f.securityDesc(), "1".equals(f.side()) ? q : q.negate(), BigDecimal::add);
        }
        return net;
    }
}
