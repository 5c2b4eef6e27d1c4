package io.dropcopy.simulator;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The table of the simulator's faults, in the order of the help text: name, arguments, description and what each
 * does. A new fault is one more {@link #add} line (and, when it needs one, a method of {@link CmeSimulator}).
 */
final class Faults {
    private static final Map<String, Fault> TABLE = new LinkedHashMap<>();

    /** The faults by name, in the order of the help text. */
    static final Map<String, Fault> ALL = Collections.unmodifiableMap(TABLE);

    private Faults() {
    }

    private static void add(String name, String args, String description, Fault.Action action) {
        TABLE.put(name, new Fault(name, args, description, action));
    }

    static {
        add("disconnect", "", "drop the client's socket now, without a Logout",
                (sim, f, a) -> sim.disconnect() ? "socket dropped" : "no client connected");
        add("down", "<seconds>", "primary down: drop the socket and stop listening (connection refused) for that long;"
                + " with a backup, the backup takes over with the failover sequence jump", Faults::down);
        add("up", "", "listen again now after 'down' (with a backup: as the standby)", Faults::up);
        add("logout", "[text]", "Logout now with Text(58) and NextExpectedMsgSeqNum(789); the client may log on again",
                (sim, f, a) -> {
                    String text = a.isEmpty() ? "Logout forced" : String.join(" ", a);
                    sim.forceLogout(text);
                    return "Logout '" + text + "' with 789=" + sim.nextTargetSeqNum();
                });
        add("refuse-logon", "[count] [text]", "answer the next logons (default 1) with a Logout and 789 (default text '"
                + SimulatorControl.BACKUP_NOT_ALLOWED + "')", Faults::refuseLogon);
        add("gap", "<n>", "skip n outbound sequence numbers: a gap a resend can only gap-fill", (sim, f, a) -> {
            int by = f.positive(f.arg(a, 0));
            sim.jumpSequence(by);
            return "outbound sequence jumped by " + by + ", next " + sim.nextSenderSeqNum();
        });
        add("failover", "[jump]", "drop the socket and jump the outbound sequence (default "
                + CmeSimulator.FAILOVER_JUMP + "), as the backup after a failover; with a backup, the other gateway"
                + " becomes the active one", Faults::failover);
        add("drop", "<n>", "lose the next n business messages on the wire (stored: a resend recovers them)",
                (sim, f, a) -> {
                    int count = f.positive(f.arg(a, 0));
                    sim.wire().dropNext(count);
                    return "the next " + count + " business message(s) are lost on the wire";
                });
        add("drop-every", "<n>", "lose every n-th business message on the wire; 0 = off", (sim, f, a) -> {
            int every = f.nonNegative(f.arg(a, 0));
            try {
                sim.dropEvery(every);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(f.usage() + ": " + e.getMessage());
            }
            return every == 0 ? "no more periodic losses" : "every " + every + "th business message is lost";
        });
        add("bad-frame", "<xmldatalen|truncated|checksum|garbage> [n]", "damage the next n (default 1) business"
                + " messages on the wire, live and identically on every resend: XmlDataLen(212) overstating XmlData(213)"
                + " (the outer message cannot be parsed), a truncated inner message, a wrong inner CheckSum(10), or"
                + " non-FIX bytes in 213", (sim, f, a) -> {
                    FrameCorruption.Kind kind;
                    try {
                        kind = FrameCorruption.Kind.of(f.arg(a, 0));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(f.usage() + ": " + e.getMessage());
                    }
                    int count = a.size() < 2 ? 1 : f.positive(a.get(1));
                    sim.wire().corruption.arm(kind, count);
                    return "the next " + count + " business message(s) are damaged (" + kind.label + "), now and on"
                            + " every resend";
                });
        add("possresend", "<n>", "send n PossResend (97=Y) copies of recent messages (with RequestTime 5979), mixed"
                + " into the real-time stream", (sim, f, a) -> {
                    int count = f.positive(f.arg(a, 0));
                    int queued = sim.possResend(count);
                    return queued + " PossResend copies queued" + (queued < count ? " (only " + queued
                            + " real-time messages sent so far to copy)" : "");
                });
        add("slow-read", "<seconds>|off", "stop reading the client's socket (back-pressure; heartbeats unheard:"
                + " Test Request, then disconnect); 0 = until 'slow-read off'", Faults::slowRead);
        add("throttle", "<msgs/s>|off", "slow link: at most that many messages per second leave (resends too; a new"
                + " Resend Request while a throttled resend is queued is rejected)", Faults::throttle);
        add("ignore-resend", "<n>", "leave the next n Resend Requests unanswered", (sim, f, a) -> {
            int count = f.nonNegative(f.arg(a, 0));
            sim.ignoreResendRequests(count);
            return "the next " + count + " Resend Request(s) go unanswered";
        });
        add("resend-window", "<duration>", "resend only messages younger than that (48h, 30m, 1s, 500ms); older:"
                + " rejected", Faults::resendWindow);
        add("resend-floor", "<seq>|off", "the window's floor by sequence number: Resend Requests beginning below it are"
                + " rejected as outside the 48-hour window (as CME rejects them); the rest is served", Faults::resendFloor);
        add("expect-seq", "<n>", "expect that sequence number from the client next (a lower logon gets a Logout"
                + " with 789)", (sim, f, a) -> {
                    int next = f.positive(f.arg(a, 0));
                    sim.expectClientSeqNum(next);
                    return "expecting " + next + " from the client";
                });
        add("resend-request", "[begin] [end]", "CME's own Resend Request (35=2, default 1 to 0 = all): the client"
                + " must answer with a gap fill (35=4 123=Y)", (sim, f, a) -> {
                    int begin = a.isEmpty() ? 1 : f.positive(a.get(0));
                    int end = a.size() < 2 ? 0 : f.nonNegative(a.get(1));
                    sim.sessionFaults().sendResendRequest(begin, end);
                    return "Resend Request " + begin + "-" + end + " sent; gap fills received so far: "
                            + sim.gapFillsReceived();
                });
        add("seq-reset", "<n>", "CME's dual-reset Sequence Reset (35=4 without 123): the outbound sequence jumps"
                + " n ahead, to be adopted without acknowledgment", (sim, f, a) -> {
                    int next = sim.sessionFaults().dualReset(f.positive(f.arg(a, 0)));
                    return "Sequence Reset (dual-reset mode) sent, NewSeqNo(36)=" + next;
                });
        add("weekly-reset", "", "both sequence numbers back to 1 (the client is logged out with 789=1), as at the"
                + " Sunday start-up", (sim, f, a) -> {
                    sim.sessionFaults().weeklyReset();
                    return "both sequence numbers start again at 1";
                });
        add("clear", "", "undo what lasts: throttle off, reading resumed, listening again, pending drops, refusals"
                + " and ignored resends cancelled", Faults::clear);
    }

    private static String down(CmeSimulator sim, Fault f, List<String> a) throws java.io.IOException {
        sim.primaryDown(f.seconds(f.arg(a, 0)));
        if (sim.backupAddress() != null) {
            return "gateway down until " + sim.downUntil() + "; the " + activeGateway(sim) + " is active, next "
                    + sim.nextSenderSeqNum();
        }
        return "not listening until " + sim.downUntil();
    }

    private static String up(CmeSimulator sim, Fault f, List<String> a) {
        sim.primaryUp();
        return "listening on " + sim.config().host() + ":" + sim.config().port()
                + (sim.backupAddress() == null ? "" : " and " + CmeSimulator.addressText(sim.backupAddress())
                + "; active: " + activeGateway(sim));
    }

    private static String refuseLogon(CmeSimulator sim, Fault f, List<String> a) {
        int count = 1;
        List<String> words = a;
        if (!a.isEmpty() && a.get(0).matches("[0-9]+")) {
            count = Integer.parseInt(a.get(0));
            words = a.subList(1, a.size());
        }
        String text = words.isEmpty() ? SimulatorControl.BACKUP_NOT_ALLOWED : String.join(" ", words);
        sim.application().refuseLogons(count, text);
        return "the next " + count + " logon(s) get a Logout '" + text + "'";
    }

    private static String failover(CmeSimulator sim, Fault f, List<String> a) throws java.io.IOException {
        int by = a.isEmpty() ? CmeSimulator.FAILOVER_JUMP : f.positive(a.get(0));
        sim.sessionFaults().failover(by);
        return "socket dropped, outbound sequence jumped by " + by + ", next " + sim.nextSenderSeqNum()
                + (sim.backupAddress() == null ? "" : "; active: " + activeGateway(sim));
    }

    private static String slowRead(CmeSimulator sim, Fault f, List<String> a) {
        if (f.off(a)) {
            sim.wire().resumeRead();
            return "reading the client's socket again";
        }
        String v = f.arg(a, 0);
        Duration d = f.seconds(v);
        if (!sim.suspendReading(d)) {
            throw new IllegalStateException("no client connected");
        }
        return "not reading the client's socket " + (d.isZero() ? "until 'slow-read off'" : "for " + v + " s");
    }

    private static String throttle(CmeSimulator sim, Fault f, List<String> a) {
        double rate = f.off(a) ? 0 : f.number(f.arg(a, 0));
        sim.throttle(rate);
        return rate == 0 ? "throttle off" : "at most " + rate + " messages per second";
    }

    private static String resendWindow(CmeSimulator sim, Fault f, List<String> a) {
        Duration d;
        try {
            d = SimulatorConfigParser.parseDuration(SimulatorConfig.RESEND_WINDOW, f.arg(a, 0));
        } catch (ConfigException e) {
            throw new IllegalArgumentException(f.usage() + ": " + e.getMessage());
        }
        sim.resendWindow(d);
        return "resend window " + SimulatorConfigParser.durationText(d);
    }

    private static String resendFloor(CmeSimulator sim, Fault f, List<String> a) {
        int floor = f.off(a) ? 0 : f.positive(f.arg(a, 0));
        sim.resendFloor(floor);
        return floor == 0 ? "no resend floor" : "Resend Requests beginning below " + floor + " are rejected";
    }

    private static String clear(CmeSimulator sim, Fault f, List<String> a) {
        sim.throttle(0);
        sim.wire().resumeRead();
        sim.primaryUp();
        sim.wire().clearPendingDrops();
        sim.application().refuseLogons(0, null);
        sim.ignoreResendRequests(0);
        sim.wire().corruption.clear();
        return "throttle off, reading, listening; no pending drops, refusals, ignored resends or damaged frames";
    }

    private static String activeGateway(CmeSimulator sim) {
        return sim.activeRole() + " " + CmeSimulator.addressText(sim.activeAddress());
    }
}
