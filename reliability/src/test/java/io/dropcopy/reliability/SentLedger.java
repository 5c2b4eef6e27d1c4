package io.dropcopy.reliability;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the simulator sent, read from its own QuickFIX/J message store ({@code <storeDir>/store/*.body}, the copies it
 * answers Resend Requests from), independent of the product: every business message (35=n) by outer sequence number
 * with the identity of its inner message, and the business state a sink must end with: each order's filled quantity
 * (busted fills left out, corrected fills at their corrected quantity), each changed fill's final status and price,
 * and every bust and correction with the fill it names.
 */
final class SentLedger {
    private static final char SOH = '\u0001';

    /** One business message as sent: outer sequence number and the inner fields the checks use. */
    record Sent(long seq, String msgType, String execType, String execId, String execRefId, String orderId,
                BigDecimal lastQty, BigDecimal lastPx) {
        boolean isChange() {
            return "8".equals(msgType) && ("H".equals(execType) || "G".equals(execType));
        }
    }

    /** A fill's final state after the busts and corrections sent: status BUSTED or CORRECTED, quantity and price. */
    record FillState(String status, BigDecimal lastQty, BigDecimal lastPx) {
    }

    final SortedMap<Long, Sent> bySeq;

    private SentLedger(SortedMap<Long, Sent> bySeq) {
        this.bySeq = bySeq;
    }

    static SentLedger read(Path storeDir) throws IOException {
        Path store = storeDir.resolve("store");
        List<Path> headers;
        try (Stream<Path> files = Files.list(store)) {
            headers = files.filter(f -> f.toString().endsWith(".header")).collect(Collectors.toList());
        }
        if (headers.size() != 1) {
            throw new IllegalStateException("expected one simulator message store in " + store + ": " + headers);
        }
        Path header = headers.get(0);
        String name = header.getFileName().toString();
        byte[] body = Files.readAllBytes(header.resolveSibling(name.substring(0, name.length() - ".header".length())
                + ".body"));
        SortedMap<Long, Sent> bySeq = new TreeMap<>();
        // QuickFIX/J FileStore header: (int seq, long offset, int size) per stored message; a later entry for a seq
        // replaces it
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(header)))) {
            while (in.available() >= 16) {
                long seq = in.readInt();
                int offset = (int) in.readLong();
                int size = in.readInt();
                String message = new String(body, offset, size, StandardCharsets.ISO_8859_1);
                Sent sent = parse(seq, message);
                if (sent != null) {
                    bySeq.put(seq, sent);
                } else {
                    bySeq.remove(seq);
                }
            }
        }
        return new SentLedger(bySeq);
    }

    /** The business message (35=n) stored under {@code seq}, or null for a session message. */
    private static Sent parse(long seq, String outer) {
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
        return new Sent(seq, tags.get("35"), tags.get("150"), tags.get("17"), tags.get("19"), tags.get("37"),
                decimal(tags.get("32")), decimal(tags.get("31")));
    }

    private static BigDecimal decimal(String s) {
        return s == null ? null : new BigDecimal(s);
    }

    /** The sinks' identity of each message: target session (the product's session name) / seq / ExecID or "-". */
    Set<String> identities(String session) {
        return bySeq.values().stream().map(s -> identity(session, s.seq(), s.execId()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static String identity(String session, long seq, String execId) {
        return session + "/" + seq + "/" + (execId == null ? "-" : execId);
    }

    long size() {
        return bySeq.size();
    }

    /** Busts (150=H) and corrections (150=G) sent, by their own ExecID, each naming its fill's full ExecID. */
    Map<String, String> changes() {
        Map<String, String> bySuffix = new HashMap<>();
        for (Sent s : bySeq.values()) {
            if ("8".equals(s.msgType()) && s.execId() != null && s.execId().length() >= 9 && !s.isChange()) {
                bySuffix.put(s.execId().substring(s.execId().length() - 9), s.execId());
            }
        }
        Map<String, String> changes = new TreeMap<>();
        for (Sent s : bySeq.values()) {
            if (s.isChange()) {
                changes.put(s.execId(), bySuffix.getOrDefault(s.execRefId(), "unknown fill " + s.execRefId()));
            }
        }
        return changes;
    }

    /** The fills a bust or correction changed, by ExecID, in their final state (a busted trade stays busted). */
    Map<String, FillState> changedFills() {
        Map<String, String> changes = changes();
        Map<String, FillState> fills = new TreeMap<>();
        for (Sent s : bySeq.values()) {
            if (!s.isChange()) {
                continue;
            }
            String fill = changes.get(s.execId());
            FillState before = fills.get(fill);
            if ("H".equals(s.execType()) || (before != null && "BUSTED".equals(before.status()))) {
                fills.put(fill, new FillState("BUSTED", null, null));
            } else {
                fills.put(fill, new FillState("CORRECTED", s.lastQty(), s.lastPx()));
            }
        }
        return fills;
    }

    /**
     * Each order's filled quantity as the simulator sent it: LastQty(32) of its execution reports (not the busts and
     * corrections themselves), a busted fill left out, a corrected fill at its corrected quantity; orders at 0 omitted.
     */
    Map<String, BigDecimal> filledPerOrder() {
        Map<String, FillState> changed = changedFills();
        Map<String, BigDecimal> perOrder = new TreeMap<>();
        for (Sent s : bySeq.values()) {
            if (!"8".equals(s.msgType()) || s.isChange() || s.lastQty() == null || s.orderId() == null) {
                continue;
            }
            FillState state = changed.get(s.execId());
            BigDecimal qty = state == null ? s.lastQty() : "BUSTED".equals(state.status()) ? BigDecimal.ZERO
                    : state.lastQty();
            perOrder.merge(s.orderId(), qty, BigDecimal::add);
        }
        perOrder.values().removeIf(q -> q.signum() == 0);
        perOrder.replaceAll((k, v) -> v.stripTrailingZeros());
        return perOrder;
    }

    /**
     * What a sink holds against what was sent, by identity: the identities missing, those held more than once (with
     * how many copies) and those never sent. Empty when the sink holds each message sent exactly once.
     */
    static List<String> compare(String sink, Set<String> sent, Map<String, Integer> held) {
        List<String> problems = new ArrayList<>();
        Set<String> missing = new TreeSet<>(sent);
        missing.removeAll(held.keySet());
        Map<String, Integer> doubled = new TreeMap<>();
        held.forEach((id, n) -> {
            if (n > 1) {
                doubled.put(id, n);
            }
        });
        Set<String> unexpected = new TreeSet<>(held.keySet());
        unexpected.removeAll(sent);
        if (!missing.isEmpty()) {
            problems.add(sink + ": " + missing.size() + " missing " + first(missing));
        }
        if (!doubled.isEmpty()) {
            problems.add(sink + ": " + doubled.size() + " held more than once (identity=copies) "
                    + first(doubled.entrySet()));
        }
        if (!unexpected.isEmpty()) {
            problems.add(sink + ": " + unexpected.size() + " never sent " + first(unexpected));
        }
        return problems;
    }

    static <T> String first(Collection<T> c) {
        return c.stream().limit(20).map(String::valueOf).collect(Collectors.toCollection(LinkedHashSet::new))
                + (c.size() > 20 ? " ..." : "");
    }
}
