package io.dropcopy.benchmarks.pipeline;

import io.dropcopy.model.DropCopyUnwrapper;
import io.dropcopy.model.FixMessageBuilder;
import io.dropcopy.simulator.Recording;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The simulator's synthetic stream (order k: acknowledgement, partial fill, fill; ExecID {@code SIM%08d-%d}; the same
 * fields as its generator sends) written as a simulator recording, one line per 35=n message,
 * {@code <epochNanos> <FIX, control characters as \\uXXXX>}, spaced {@code 1/rate} apart.
 *
 * <p>Why a recording: the simulator's live generator saves its position to a properties file after every message
 * (write + atomic rename, so a restarted simulator continues the stream), which limits it to a few thousand messages
 * a second on this disk and would make the simulator, not the consumer, the thing measured. Replayed, the same stream
 * leaves the simulator as fast as QuickFIX/J sends (speed "max") or exactly at the recorded spacing (speed 1).
 */
final class SyntheticStream {
    private static final String[] SOURCES = {"M2L000N", "M2L001N"};
    private static final String[] SUB_IDS = {"TRADER1", "TRADER2"};
    private static final String[] ACCOUNTS = {"SIMACCT1", "SIMACCT2"};
    private static final String[][] INSTRUMENTS = {
        {"ES", "ESZ6", "5602", "5000.00", "0.25"},
        {"NQ", "NQZ6", "4478", "18000.00", "0.25"},
        {"ZN", "ZNZ6", "17128", "110.000000", "0.015625"},
    };

    private SyntheticStream() {
    }

    static void write(Path file, long messages, double rate) throws IOException {
        write(file, 0, messages, rate);
    }

    /** Messages {@code first} to {@code first + messages - 1} of the stream (a later part continues the orders). */
    static void write(Path file, long first, long messages, double rate) throws IOException {
        long spacing = rate > 0 ? (long) (1e9 / rate) : 1_000;
        long t = 1_764_000_000_000_000_000L;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("# synthetic drop copy stream for the pipeline benchmark: " + messages + " messages from "
                    + first + "\n");
            for (long i = first; i < first + messages; i++) {
                long order = i / 3 + 1;
                int step = (int) (i % 3) + 1;
                String outer = new FixMessageBuilder("FIX.4.2", "n").add(34, i + 1).add(49, "CME").add(56, Bench.COMP_ID)
                        .add(52, "20261125-14:30:00.000")
                        .addData(212, 213, DropCopyUnwrapper.envelope(inner(order, step))).build();
                out.write(Recording.line(t + (i - first) * spacing, outer));
                out.write('\n');
            }
        }
    }

    static String inner(long order, int step) {
        int source = (int) ((order - 1) % SOURCES.length);
        return inner(order, step, ACCOUNTS[source], INSTRUMENTS[(int) ((order - 1) % INSTRUMENTS.length)]);
    }

    /** Order {@code order}'s message {@code step} for the given account and instrument (product, symbol, security id, price, tick). */
    static String inner(long order, int step, String account, String[] ins) {
        int source = (int) ((order - 1) % SOURCES.length);
        long sourceOrderIndex = (order - 1) / SOURCES.length;
        BigDecimal price = new BigDecimal(ins[3]).add(new BigDecimal(ins[4]).multiply(BigDecimal.valueOf(order % 40)));
        long qty = 2 + order % 9;
        long partial = qty / 2;
        String[] exec = {"0", "1", "2"};
        long lastShares = step == 1 ? 0 : step == 2 ? partial : qty - partial;
        long cumQty = step == 1 ? 0 : step == 2 ? partial : qty;
        boolean fill = step > 1;
        String clOrdId = "CL" + order;
        return new FixMessageBuilder("FIX.4.2", "8")
                .add(34, sourceOrderIndex * 3 + step).add(49, "CME").add(50, "G").add(52, "20261125-14:30:00.000")
                .add(56, SOURCES[source]).add(57, SUB_IDS[source]).add(143, "US,IL").add(369, sourceOrderIndex + 1)
                .add(1, account).add(6, fill ? price.toPlainString() : "0").add(11, clOrdId).add(14, cumQty)
                .add(17, String.format("SIM%08d-%d", order, step)).add(20, "0")
                .add(31, fill ? price.toPlainString() : null).add(32, fill ? lastShares : null)
                .add(37, String.format("%010d", 7000000000L + order)).add(38, qty).add(39, exec[step - 1]).add(40, "2")
                .add(44, price.toPlainString()).add(48, ins[2]).add(54, order % 2 == 1 ? "1" : "2").add(55, ins[1])
                .add(59, "0").add(60, "20261125-14:30:00.000").add(75, "20261125").add(107, ins[1])
                .add(150, exec[step - 1]).add(151, qty - cumQty).add(1028, "Y").add(1057, fill ? "Y" : null)
                .add(9717, clOrdId).build();
    }
}
