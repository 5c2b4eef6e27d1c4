package io.dropcopy.simulator;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * One MSGW market segment's share of the stream. Every segment of a target session runs the same deterministic
 * stream and keeps only its own messages, so together the segments carry each message exactly once, each on its own
 * sequence stream, and each restarts where it stood. A message belongs to a segment:
 * <ul>
 * <li>in the realistic scenario, when every configured segment id is one of the scenario's (64, 74, 80): the
 *     segment of its instrument, as on CME, where a market segment gateway carries the products of that segment;</li>
 * <li>otherwise by its order: OrderID(37) hashed over the configured segments, so an order's whole life stays on
 *     one segment and every segment gets traffic.</li>
 * </ul>
 */
final class SegmentFilter implements MessageSource {
    /** MarketSegmentID of the realistic scenario's instruments ({@link RealisticOrders}), by SecurityID(48). */
    static final Map<String, String> SEGMENT_OF_SECURITY = Map.of("5602", "64", "31475", "64", "4478", "64",
            "16398", "64", "17128", "74", "23119", "80", "23120", "80", "16410", "80");
    private static final Set<String> SCENARIO_SEGMENTS = Set.of("64", "74", "80");
    private static final int MAX_SKIP = 100_000;
    private static final String SOH = "\u0001";

    private final MessageSource inner;
    private final List<String> ids = new ArrayList<>();
    private final String id;
    private final boolean byInstrument;
    private boolean warned;

    SegmentFilter(MessageSource inner, SimulatorConfig config) {
        this.inner = inner;
        for (Segment s : config.segments()) {
            ids.add(s.id());
        }
        this.id = config.segmentId();
        this.byInstrument = config.replay() == null && config.scenario() == SimulatorConfig.Scenario.REALISTIC
                && SCENARIO_SEGMENTS.containsAll(ids);
    }

    /** The segment (of {@code ids}) an inner message goes to. */
    static String segmentOf(String inner, List<String> ids, boolean byInstrument) {
        if (byInstrument) {
            // an iLink 3-shaped payload names its segment in the inner 50 (the iLink 3 session's segment)
            String named = GatewayGate.field(inner, "50");
            if (named != null && ids.contains(named)) {
                return named;
            }
            String seg = GatewayGate.field(inner, "1300");
            if (seg == null || !ids.contains(seg)) {
                String security = GatewayGate.field(inner, "48");
                seg = security == null ? null : SEGMENT_OF_SECURITY.get(security);
            }
            if (seg != null && ids.contains(seg)) {
                return seg;
            }
        }
        String key = GatewayGate.field(inner, "37");
        if (key == null) {
            key = GatewayGate.field(inner, "11");
        }
        if (key == null) {
            key = inner.substring(inner.indexOf(SOH + "35=") + 1);
        }
        return ids.get(Math.floorMod(key.hashCode(), ids.size()));
    }

    @Override
    public String current(Instant now) throws IOException {
        for (int i = 0; i < MAX_SKIP; i++) {
            String m = inner.current(now);
            if (m == null || id.equals(segmentOf(m, ids, byInstrument))) {
                return m;
            }
            inner.advance(); // another segment's message: that segment sends it
            if (inner.finished()) {
                return null;
            }
        }
        if (!warned) {
            warned = true;
            LoggerFactory.getLogger(CmeSimulator.class).warn("Segment {}: none of the next {} messages is for this"
                    + " segment (segments {})", id, MAX_SKIP, ids);
        }
        return null;
    }

    @Override
    public void advance() throws IOException {
        inner.advance();
    }

    @Override
    public boolean finished() throws IOException {
        return inner.finished();
    }

    @Override
    public String position() {
        return inner.position() + " (segment " + id + " of " + String.join(",", ids) + ")";
    }

    @Override
    public boolean possResend() {
        return inner.possResend();
    }

    @Override
    public LedgerNote note() {
        return inner.note();
    }

    @Override
    public long recordedGapNanos() {
        return inner.recordedGapNanos();
    }

    @Override
    public double speed() {
        return inner.speed();
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }
}
