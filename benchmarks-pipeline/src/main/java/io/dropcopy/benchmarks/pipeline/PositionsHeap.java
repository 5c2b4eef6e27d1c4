package io.dropcopy.benchmarks.pipeline;

import io.dropcopy.model.DropCopyUnwrapper;
import io.dropcopy.model.EventTranslator;
import io.dropcopy.model.FixMessageBuilder;
import io.dropcopy.positions.internal.RiskEngine;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The heap the positions engine needs for many open positions: {@code positions} fills, each opening a position of
 * its own (1,000 accounts by as many instruments as needed), fed to dropcopy-positions' {@link RiskEngine} as the
 * bundle feeds it; the used heap after a full collection with the engine holding them, minus the same before. What the
 * engine keeps besides the positions (each fill, for busts and corrections; each account's recent events) is in it.
 */
final class PositionsHeap {
    static final int ACCOUNTS = 1_000;

    private PositionsHeap() {
    }

    static Map<String, String> measure(Map<String, String> opts) throws Exception {
        int positions = Integer.parseInt(opts.getOrDefault("positions", "100000"));
        long t0 = System.nanoTime();
        // each event is translated and applied in turn: what is left after the last collection, beyond what was
        // there before the engine, is what the engine holds
        long before = usedAfterGc();
        RiskEngine engine = new RiskEngine(System::currentTimeMillis);
        for (int i = 0; i < positions; i++) {
            String account = String.format(Locale.ROOT, "ACCT%04d", i % ACCOUNTS);
            int instrument = i / ACCOUNTS;
            String[] ins = {"ES", String.format(Locale.ROOT, "ESZ%d-%d", 6, instrument), String.valueOf(10_000 + instrument),
                "5000.00", "0.25"};
            long order = i + 1L;
            String outer = new FixMessageBuilder("FIX.4.2", "n").add(34, order).add(49, "CME").add(56, Bench.COMP_ID)
                    .add(52, "20261125-14:30:00.000")
                    .addData(212, 213, DropCopyUnwrapper.envelope(SyntheticStream.inner(order, 3, account, ins))).build();
            engine.onEvent(EventTranslator.translate(outer, Bench.GROUP, "bench"));
        }
        long after = usedAfterGc();
        // each (account, instrument) is held per trade date and running: two entries, one open position
        java.util.List<io.dropcopy.positions.Position> held = engine.positions(null, null, null, null);
        int open = (int) held.stream().map(p -> p.account() + '/' + p.securityId()).distinct().count();
        Map<String, String> r = new LinkedHashMap<>();
        r.put("positions", String.valueOf(open));
        r.put("entries", String.valueOf(held.size()));
        r.put("positionsHeapMb", String.format(Locale.ROOT, "%.1f", (after - before) / 1048576.0));
        r.put("bytesPerPosition", String.valueOf(open == 0 ? 0 : (after - before) / open));
        r.put("heapAfterGcMb", String.format(Locale.ROOT, "%.1f", after / 1048576.0));
        r.put("seconds", String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
        if (open != positions) {
            throw new IllegalStateException(open + " open positions after " + positions + " fills, expected " + positions);
        }
        // reachable until here: the figure is the engine's
        r.put("engine", engine.getClass().getSimpleName());
        return r;
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
