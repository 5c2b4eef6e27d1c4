package io.dropcopy.simulator;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything a simulator knows of itself, one entry per line of {@code dropcopy-sim:status}. */
final class SimulatorStatus {

    private SimulatorStatus() {
    }

    static Map<String, String> of(CmeSimulator sim, Gateways gateways, GatewayGate gate, Traffic traffic,
                                  Resends resends, WireFilter wire, CmeSessionApplication application,
                                  SessionFaults sessionFaults) {
        SimulatorConfig config = sim.config();
        boolean stopped = !sim.isStarted();
        Map<String, String> m = new LinkedHashMap<>();
        Instant down = gateways.downUntil();
        m.put("name", sim.name());
        if (gateways.backupAddress() == null) {
            m.put("listening", config.host() + ":" + config.port() + (stopped ? " (stopped)"
                    : down != null ? " (down until " + down + ")" : ""));
        } else {
            m.put("listening", "primary " + CmeSimulator.addressText(gateways.primaryAddress()) + ", backup "
                    + CmeSimulator.addressText(gateways.backupAddress())
                    + (stopped ? " (stopped)" : down != null ? " (one down until " + down + ")" : ""));
            m.put("active", gateways.activeRole() + " " + CmeSimulator.addressText(gateways.activeAddress())
                    + " (the other refuses Logons: " + gate.refused() + " refused so far)");
            m.put("failovers", gateways.failovers() + " (sequence jump " + config.failoverJump() + ")");
        }
        if (config.segmentId() != null) {
            List<String> ids = new ArrayList<>();
            config.segments().forEach(x -> ids.add(x.id()));
            m.put("segment", config.segmentId() + " of MSGW segments " + String.join(",", ids));
        }
        m.put("session", config.senderCompId() + " -> " + config.targetCompId());
        m.put("loggedOn", String.valueOf(sim.isLoggedOn()));
        m.put("logons", String.valueOf(application.logons()));
        m.put("nextSenderSeqNum", seqText(sim.nextSenderSeqNum()));
        m.put("nextTargetSeqNum", seqText(sim.nextTargetSeqNum()));
        m.put("scenario", config.replay() != null ? "replay" : config.scenario().label()
                + (config.scenario() == SimulatorConfig.Scenario.REALISTIC ? " (seed " + config.seed() + ", "
                        + (config.ilink3Payloads() ? "iLink 3" : "iLink 2") + "-shaped payloads)" : ""));
        m.put("rate", sim.rateText() + (config.burstSize() > 0 ? ", bursts of " + config.burstSize() + " every "
                + config.burstEvery() + " s" : ""));
        m.put("position", traffic.position());
        m.put("finished", String.valueOf(traffic.isFinished()));
        m.put("sent", String.valueOf(traffic.sent()));
        m.put("possResendsSent", String.valueOf(traffic.possResendsSent()));
        m.put("possResendsPending", String.valueOf(traffic.pendingPossResends()));
        m.put("possResendEvery", String.valueOf(config.possResendEvery()));
        m.put("expectedLedger", traffic.ledgerSummary());
        m.put("resendWindow", SimulatorConfigParser.durationText(resends.window()));
        m.put("resendRequests", String.valueOf(resends.requests().size()));
        m.put("resendsRejected", String.valueOf(resends.rejected()));
        m.put("resendsToIgnore", String.valueOf(resends.toIgnore()));
        m.put("dropped", String.valueOf(wire.dropped()));
        m.put("dropsPending", String.valueOf(wire.pendingDrops()));
        m.put("dropEvery", String.valueOf(wire.dropEvery()));
        m.put("throttle", wire.throttle() > 0 ? wire.throttle() + " msg/s (" + wire.queued() + " queued)" : "off");
        m.put("readingSuspended", String.valueOf(wire.isReadSuspended()));
        m.put("logonsToRefuse", String.valueOf(application.logonsToRefuse()));
        m.put("disconnectEvery", config.disconnectEvery() > 0 ? config.disconnectEvery() + " s" : "off");
        m.put("logonTimeout", config.logonTimeout().isZero() ? "off"
                : SimulatorConfigParser.durationText(config.logonTimeout()) + " (" + gate.timedOut() + " closed)");
        m.put("cmeResendRequests", sessionFaults.cmeResendRequests() + " sent, " + gate.gapFillsReceived()
                + " gap fills received");
        m.put("testRequestAfter", "(1 + " + config.testRequestDelayMultiplier() + ") x HeartBtInt");
        m.put("disconnectAfter", "(1 + " + config.heartbeatTimeoutMultiplier() + ") x HeartBtInt");
        Path rec = sim.recordingFile();
        m.put("recording", rec == null ? "off" : rec.toString());
        m.put("store", config.storeDir().toString());
        return m;
    }

    private static String seqText(int seq) {
        return seq > 0 ? Integer.toString(seq) : "-";
    }
}
