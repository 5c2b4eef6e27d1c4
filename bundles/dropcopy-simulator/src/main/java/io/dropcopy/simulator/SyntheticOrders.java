package io.dropcopy.simulator;

import io.dropcopy.model.FixMessageBuilder;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The deterministic synthetic iLink execution reports. Order {@code k} (1-based) yields three messages:
 * step 1 acknowledgement, step 2 partial fill, step 3 complete fill. Everything but the timestamps
 * (52, 60, 75) is a function of {@code k} and the step, so a restarted simulator continues the same stream.
 */
final class SyntheticOrders {
    static final int STEPS = 3;

    static final DateTimeFormatter UTC_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    static final DateTimeFormatter UTC_DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    /** iLink source sessions whose execution reports are copied; orders alternate between them. */
    static final String[] SOURCE_SESSIONS = {"M2L000N", "M2L001N"};
    static final String[] SOURCE_SUB_IDS = {"TRADER1", "TRADER2"};
    static final String[] ACCOUNTS = {"SIMACCT1", "SIMACCT2"};

    private static final Instrument[] INSTRUMENTS = {
        new Instrument("ES", "ESZ6", "5602", new BigDecimal("5000.00"), new BigDecimal("0.25")),
        new Instrument("NQ", "NQZ6", "4478", new BigDecimal("18000.00"), new BigDecimal("0.25")),
        new Instrument("ZN", "ZNZ6", "17128", new BigDecimal("110.000000"), new BigDecimal("0.015625")),
    };

    private SyntheticOrders() {
    }

    /** ExecID(17) of step {@code step} (1..3) of order {@code order}. */
    static String execId(long order, int step) {
        return String.format("SIM%08d-%d", order, step);
    }

    static String orderId(long order) {
        return String.format("%010d", 7000000000L + order);
    }

    static String clOrdId(long order) {
        return "CL" + order;
    }

    /** What step {@code step} of order {@code order} does to the expected ledger: steps 2 and 3 are fills. */
    static LedgerNote note(long order, int step) {
        if (order < 1 || step < 2 || step > STEPS) {
            return null;
        }
        int source = (int) ((order - 1) % SOURCE_SESSIONS.length);
        Instrument instrument = INSTRUMENTS[(int) ((order - 1) % INSTRUMENTS.length)];
        long qty = 2 + order % 9;
        long partial = qty / 2;
        return LedgerNote.fill(execId(order, step), orderId(order), instrument.securityId, instrument.securityDesc,
                ACCOUNTS[source], order % 2 == 1 ? "1" : "2", null, null, null, null, price(instrument, order)
                        .toPlainString(), step == 2 ? partial : qty - partial, step == 2 ? partial : qty);
    }

    private static BigDecimal price(Instrument instrument, long order) {
        return instrument.basePrice.add(instrument.tick.multiply(BigDecimal.valueOf(order % 40)));
    }

    /** The inner iLink Execution Report (a whole FIX 4.2 message with 9 and 10) for one step of one order. */
    static String executionReport(long order, int step, Instant now) {
        if (order < 1 || step < 1 || step > STEPS) {
            throw new IllegalArgumentException("order " + order + " step " + step);
        }
        int source = (int) ((order - 1) % SOURCE_SESSIONS.length);
        // each source session sees every other order: its own outbound sequence and the client's inbound one
        long sourceOrderIndex = (order - 1) / SOURCE_SESSIONS.length;
        long sourceSeq = sourceOrderIndex * STEPS + step;
        long clientSeq = sourceOrderIndex + 1;

        Instrument instrument = INSTRUMENTS[(int) ((order - 1) % INSTRUMENTS.length)];
        BigDecimal price = price(instrument, order);
        long qty = 2 + order % 9;
        String side = order % 2 == 1 ? "1" : "2";
        StepState state = StepState.of(step, qty);
        boolean fill = step > 1;
        String timestamp = UTC_TIMESTAMP.format(now);
        String clOrdId = clOrdId(order);

        return new FixMessageBuilder("FIX.4.2", "8")
                .add(34, sourceSeq)
                .add(49, "CME")
                .add(50, "G")
                .add(52, timestamp)
                .add(56, SOURCE_SESSIONS[source])
                .add(57, SOURCE_SUB_IDS[source])
                .add(143, "US,IL")
                .add(369, clientSeq)
                .add(1, ACCOUNTS[source])
                .add(6, fill ? price.toPlainString() : "0")
                .add(11, clOrdId)
                .add(14, state.cumQty())
                .add(17, execId(order, step))
                .add(20, "0")
                .add(31, fill ? price.toPlainString() : null)
                .add(32, fill ? state.lastShares() : null)
                .add(37, orderId(order))
                .add(38, qty)
                .add(39, state.ordStatus())
                .add(40, "2")
                .add(44, price.toPlainString())
                .add(48, instrument.securityId)
                .add(54, side)
                .add(55, instrument.symbol)
                .add(59, "0")
                .add(60, timestamp)
                .add(75, UTC_DATE.format(now))
                .add(107, instrument.securityDesc)
                .add(150, state.execType())
                .add(151, state.leaves())
                .add(1028, "Y")
                .add(1057, fill ? "Y" : null)
                .add(9717, clOrdId)
                .build();
    }

    /** Where one step leaves the order: 1 acknowledged, 2 half filled, 3 filled. */
    private record StepState(String execType, String ordStatus, long lastShares, long cumQty, long leaves) {
        static StepState of(int step, long qty) {
            long partial = qty / 2;
            long rest = qty - partial;
            switch (step) {
                case 1:
                    return new StepState("0", "0", 0, 0, qty);
                case 2:
                    return new StepState("1", "1", partial, partial, rest);
                default:
                    return new StepState("2", "2", rest, qty, 0);
            }
        }
    }

    private static final class Instrument {
        final String symbol;
        final String securityDesc;
        final String securityId;
        final BigDecimal basePrice;
        final BigDecimal tick;

        Instrument(String symbol, String securityDesc, String securityId, BigDecimal basePrice, BigDecimal tick) {
            this.symbol = symbol;
            this.securityDesc = securityDesc;
            this.securityId = securityId;
            this.basePrice = basePrice;
            this.tick = tick;
        }
    }
}
