package io.dropcopy.simulator;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The simulator's operator commands, shared by the Karaf commands ({@code dropcopy-sim:fault disconnect}) and the
 * standalone console ({@code fault disconnect} typed on stdin): the names, their arguments and what each does.
 * No Karaf types here.
 */
public final class SimulatorControl {
    /** Text of {@code fault refuse-logon} without one: CME's answer to a logon on the backup while the primary is up. */
    public static final String BACKUP_NOT_ALLOWED = "Backup session not allowed. Logout forced.";

    /** A fault: its arguments and what it does, for help texts and completion. */
    public static final class Fault {
        public final String name;
        public final String args;
        public final String description;

        Fault(String name, String args, String description) {
            this.name = name;
            this.args = args;
            this.description = description;
        }
    }

    private static final Map<String, Fault> ALL = new LinkedHashMap<>();

    /** The faults, in the order of the help text. */
    public static final Map<String, Fault> FAULTS = java.util.Collections.unmodifiableMap(ALL);

    private static void fault(String name, String args, String description) {
        ALL.put(name, new Fault(name, args, description));
    }

    static {
        fault("disconnect", "", "drop the client's socket now, without a Logout");
        fault("down", "<seconds>", "primary down: drop the socket and stop listening (connection refused) for that long;"
                + " with a backup, the backup takes over with the failover sequence jump");
        fault("up", "", "listen again now after 'down' (with a backup: as the standby)");
        fault("logout", "[text]", "Logout now with Text(58) and NextExpectedMsgSeqNum(789); the client may log on again");
        fault("refuse-logon", "[count] [text]", "answer the next logons (default 1) with a Logout and 789 (default text '"
                + BACKUP_NOT_ALLOWED + "')");
        fault("gap", "<n>", "skip n outbound sequence numbers: a gap a resend can only gap-fill");
        fault("failover", "[jump]", "drop the socket and jump the outbound sequence (default "
                + CmeSimulator.FAILOVER_JUMP + "), as the backup after a failover; with a backup, the other gateway"
                + " becomes the active one");
        fault("drop", "<n>", "lose the next n business messages on the wire (stored: a resend recovers them)");
        fault("drop-every", "<n>", "lose every n-th business message on the wire; 0 = off");
        fault("possresend", "<n>", "send n PossResend (97=Y) copies of recent messages (with RequestTime 5979), mixed"
                + " into the real-time stream");
        fault("slow-read", "<seconds>|off", "stop reading the client's socket (back-pressure; heartbeats unheard:"
                + " Test Request, then disconnect); 0 = until 'slow-read off'");
        fault("throttle", "<msgs/s>|off", "slow link: at most that many messages per second leave (resends too; a new"
                + " Resend Request while a throttled resend is queued is rejected)");
        fault("ignore-resend", "<n>", "leave the next n Resend Requests unanswered");
        fault("resend-window", "<duration>", "resend only messages younger than that (48h, 30m, 1s, 500ms); older:"
                + " rejected");
        fault("expect-seq", "<n>", "expect that sequence number from the client next (a lower logon gets a Logout"
                + " with 789)");
        fault("resend-request", "[begin] [end]", "CME's own Resend Request (35=2, default 1 to 0 = all): the client"
                + " must answer with a gap fill (35=4 123=Y)");
        fault("seq-reset", "<n>", "CME's dual-reset Sequence Reset (35=4 without 123): the outbound sequence jumps"
                + " n ahead, to be adopted without acknowledgment");
        fault("weekly-reset", "", "both sequence numbers back to 1 (the client is logged out with 789=1), as at the"
                + " Sunday start-up");
        fault("clear", "", "undo what lasts: throttle off, reading resumed, listening again, pending drops, refusals"
                + " and ignored resends cancelled");
    }

    private SimulatorControl() {
    }

    /**
     * Applies a fault.
     *
     * @return what was done, one line
     * @throws IllegalArgumentException for an unknown fault or bad arguments (the message says what is expected)
     * @throws IllegalStateException when the simulator cannot do it now (not started, no client)
     */
    public static String fault(CmeSimulator sim, String name, List<String> args) throws IOException {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        Fault f = FAULTS.get(n);
        if (f == null) {
            throw new IllegalArgumentException("unknown fault '" + name + "' (faults: " + String.join(", ", FAULTS.keySet())
                    + ")");
        }
        List<String> a = args == null ? List.of() : args;
        switch (n) {
            case "disconnect":
                return sim.disconnect() ? "socket dropped" : "no client connected";
            case "down": {
                Duration d = seconds(f, arg(f, a, 0));
                sim.primaryDown(d);
                if (sim.backupAddress() != null) {
                    return "gateway down until " + sim.downUntil() + "; the " + sim.activeRole() + " "
                            + CmeSimulator.addressText(sim.activeAddress()) + " is active, next "
                            + sim.nextSenderSeqNum();
                }
                return "not listening until " + sim.downUntil();
            }
            case "up":
                sim.primaryUp();
                return "listening on " + sim.config().host() + ":" + sim.config().port()
                        + (sim.backupAddress() == null ? "" : " and " + CmeSimulator.addressText(sim.backupAddress())
                        + "; active: " + sim.activeRole() + " " + CmeSimulator.addressText(sim.activeAddress()));
            case "logout": {
                String text = a.isEmpty() ? "Logout forced" : String.join(" ", a);
                sim.forceLogout(text);
                return "Logout '" + text + "' with 789=" + sim.nextTargetSeqNum();
            }
            case "refuse-logon": {
                int count = 1;
                List<String> words = a;
                if (!a.isEmpty() && a.get(0).matches("[0-9]+")) {
                    count = Integer.parseInt(a.get(0));
                    words = a.subList(1, a.size());
                }
                String text = words.isEmpty() ? BACKUP_NOT_ALLOWED : String.join(" ", words);
                sim.refuseLogons(count, text);
                return "the next " + count + " logon(s) get a Logout '" + text + "'";
            }
            case "gap": {
                int by = positive(f, arg(f, a, 0));
                sim.jumpSequence(by);
                return "outbound sequence jumped by " + by + ", next " + sim.nextSenderSeqNum();
            }
            case "failover": {
                int by = a.isEmpty() ? CmeSimulator.FAILOVER_JUMP : positive(f, a.get(0));
                sim.failover(by);
                return "socket dropped, outbound sequence jumped by " + by + ", next " + sim.nextSenderSeqNum()
                        + (sim.backupAddress() == null ? "" : "; active: " + sim.activeRole() + " "
                        + CmeSimulator.addressText(sim.activeAddress()));
            }
            case "drop": {
                int count = positive(f, arg(f, a, 0));
                sim.dropMessages(count);
                return "the next " + count + " business message(s) are lost on the wire";
            }
            case "drop-every": {
                int every = nonNegative(f, arg(f, a, 0));
                try {
                    sim.dropEvery(every);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(usage(f) + ": " + e.getMessage());
                }
                return every == 0 ? "no more periodic losses" : "every " + every + "th business message is lost";
            }
            case "possresend": {
                int count = positive(f, arg(f, a, 0));
                int queued = sim.possResend(count);
                return queued + " PossResend copies queued" + (queued < count ? " (only " + queued
                        + " real-time messages sent so far to copy)" : "");
            }
            case "slow-read": {
                String v = arg(f, a, 0);
                if (v.equalsIgnoreCase("off")) {
                    sim.resumeReading();
                    return "reading the client's socket again";
                }
                Duration d = seconds(f, v);
                if (!sim.suspendReading(d)) {
                    throw new IllegalStateException("no client connected");
                }
                return "not reading the client's socket " + (d.isZero() ? "until 'slow-read off'" : "for " + v + " s");
            }
            case "throttle": {
                String v = arg(f, a, 0);
                double rate = v.equalsIgnoreCase("off") ? 0 : number(f, v);
                sim.throttle(rate);
                return rate == 0 ? "throttle off" : "at most " + rate + " messages per second";
            }
            case "ignore-resend": {
                int count = nonNegative(f, arg(f, a, 0));
                sim.ignoreResendRequests(count);
                return "the next " + count + " Resend Request(s) go unanswered";
            }
            case "resend-window": {
                Duration d;
                try {
                    d = SimulatorConfig.parseDuration(SimulatorConfig.RESEND_WINDOW, arg(f, a, 0));
                } catch (ConfigException e) {
                    throw new IllegalArgumentException(usage(f) + ": " + e.getMessage());
                }
                sim.resendWindow(d);
                return "resend window " + SimulatorConfig.durationText(d);
            }
            case "expect-seq": {
                int next = positive(f, arg(f, a, 0));
                sim.expectClientSeqNum(next);
                return "expecting " + next + " from the client";
            }
            case "resend-request": {
                int begin = a.isEmpty() ? 1 : positive(f, a.get(0));
                int end = a.size() < 2 ? 0 : nonNegative(f, a.get(1));
                sim.sendResendRequest(begin, end);
                return "Resend Request " + begin + "-" + end + " sent; gap fills received so far: "
                        + sim.gapFillsReceived();
            }
            case "seq-reset": {
                int by = positive(f, arg(f, a, 0));
                int next = sim.dualReset(by);
                return "Sequence Reset (dual-reset mode) sent, NewSeqNo(36)=" + next;
            }
            case "weekly-reset":
                sim.weeklyReset();
                return "both sequence numbers start again at 1";
            case "clear":
                sim.throttle(0);
                sim.resumeReading();
                sim.primaryUp();
                sim.clearPendingDrops();
                sim.refuseLogons(0, null);
                sim.ignoreResendRequests(0);
                return "throttle off, reading, listening; no pending drops, refusals or ignored resends";
            default:
                throw new IllegalArgumentException("unknown fault '" + name + "'");
        }
    }

    /** The help text of the faults, one per line. */
    public static String faultHelp() {
        return faultHelp("  ");
    }

    static String faultHelp(String indent) {
        StringBuilder b = new StringBuilder();
        for (Fault f : FAULTS.values()) {
            String head = f.name + (f.args.isEmpty() ? "" : " " + f.args);
            b.append(String.format("%s%-28s %s%n", indent, head, f.description));
        }
        return b.toString();
    }

    /** The status as {@code key: value} lines. */
    public static String status(CmeSimulator sim) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : sim.status().entrySet()) {
            b.append(e.getKey()).append(": ").append(e.getValue()).append(System.lineSeparator());
        }
        return b.toString();
    }

    /** Starts or stops recording: {@code file} or {@code stop}. */
    public static String record(CmeSimulator sim, String fileOrStop) throws IOException {
        if (fileOrStop == null || fileOrStop.isBlank() || fileOrStop.equalsIgnoreCase("stop")) {
            Path file = sim.stopRecording();
            return file == null ? "not recording" : "recording to " + file + " stopped";
        }
        Path file = Path.of(fileOrStop);
        sim.startRecording(file);
        return "recording the outbound stream to " + file.toAbsolutePath();
    }

    /** Replays a file at a speed ({@code 1}, {@code 10}, {@code max}; default 1). */
    public static String replay(CmeSimulator sim, String file, String speed) throws IOException {
        double s;
        try {
            s = speed == null || speed.isBlank() ? 1 : SimulatorConfig.parseSpeed(SimulatorConfig.REPLAY_SPEED, speed);
        } catch (ConfigException e) {
            throw new IllegalArgumentException("speed must be a number > 0 or max, got '" + speed + "'");
        }
        Path path = Path.of(file);
        sim.replay(path, s);
        return "replaying " + path.toAbsolutePath() + " at speed " + SimulatorConfig.speedText(s);
    }

    /**
     * One line of the standalone console: {@code status}, {@code fault <name> [args]}, {@code backlog <n>},
     * {@code record <file>|stop}, {@code replay <file> [speed]}, {@code help}.
     */
    public static String execute(CmeSimulator sim, String line) {
        return execute(List.of(sim), line);
    }

    /**
     * One console line for several simulators: after the command word, the name of a simulator picks it
     * ({@code fault msgw/64 disconnect}, {@code status b}); without one, the only simulator, or for {@code status}
     * all of them.
     */
    public static String execute(List<CmeSimulator> sims, String line) {
        List<String> words = new ArrayList<>(Arrays.asList(line.strip().split("\\s+")));
        if (words.isEmpty() || words.get(0).isEmpty()) {
            return "";
        }
        if (sims.size() == 1) {
            CmeSimulator only = sims.get(0);
            if (words.size() > 1 && words.get(1).equals(only.name())) {
                words.remove(1);
            }
            return executeOne(only, String.join(" ", words));
        }
        String command = words.get(0).toLowerCase(Locale.ROOT);
        if (command.equals("help") || command.equals("?")) {
            return consoleHelp() + "\n  (several simulators: name one after the command word: fault <name> disconnect;"
                    + " simulators: " + names(sims) + ")";
        }
        CmeSimulator target = null;
        if (words.size() > 1) {
            for (CmeSimulator s : sims) {
                if (s.name().equals(words.get(1))) {
                    target = s;
                }
            }
        }
        if (target != null) {
            words.remove(1);
            return executeOne(target, String.join(" ", words));
        }
        if (command.equals("status")) {
            StringBuilder b = new StringBuilder();
            for (CmeSimulator s : sims) {
                b.append(status(s)).append(System.lineSeparator());
            }
            return b.toString().strip();
        }
        return "error: several simulators run; name one after the command word (" + command + " <name> ...): "
                + names(sims);
    }

    private static String names(List<CmeSimulator> sims) {
        List<String> names = new ArrayList<>();
        sims.forEach(s -> names.add(s.name()));
        return String.join(", ", names);
    }

    private static String executeOne(CmeSimulator sim, String line) {
        List<String> words = new ArrayList<>(Arrays.asList(line.strip().split("\\s+")));
        if (words.isEmpty() || words.get(0).isEmpty()) {
            return "";
        }
        String command = words.remove(0).toLowerCase(Locale.ROOT);
        try {
            switch (command) {
                case "help":
                case "?":
                    return consoleHelp();
                case "status":
                    return status(sim).strip();
                case "fault":
                    if (words.isEmpty()) {
                        return "usage: fault <name> [args]\n" + faultHelp();
                    }
                    return fault(sim, words.get(0), words.subList(1, words.size()));
                case "backlog": {
                    if (words.size() != 1 || !words.get(0).matches("[0-9]+")) {
                        return "usage: backlog <n>";
                    }
                    int n = Integer.parseInt(words.get(0));
                    sim.sendBacklog(n);
                    return n + " messages sent at once, next " + sim.nextSenderSeqNum();
                }
                case "record":
                    return record(sim, words.isEmpty() ? "stop" : words.get(0));
                case "replay":
                    if (words.isEmpty()) {
                        return "usage: replay <file> [speed: 1, 10, max]";
                    }
                    return replay(sim, words.get(0), words.size() > 1 ? words.get(1) : null);
                default:
                    // a fault name alone is fine too
                    if (FAULTS.containsKey(command)) {
                        return fault(sim, command, words);
                    }
                    return "unknown command '" + command + "'; type help";
            }
        } catch (IOException | RuntimeException e) {
            return "error: " + e.getMessage();
        }
    }

    static String consoleHelp() {
        return "Commands:\n"
                + "  status                       the simulator's state\n"
                + "  fault <name> [args]          inject a fault (the word 'fault' may be left out):\n"
                + faultHelp("      ")
                + "  backlog <n>                  send the next n messages at once (a gap if the client is away)\n"
                + "  record <file> | record stop  record the outbound stream to a file\n"
                + "  replay <file> [speed]        replay a recorded file (speed 1, 10 or max; default 1)\n"
                + "  help                         this text";
    }

    private static String usage(Fault f) {
        return "usage: " + f.name + (f.args.isEmpty() ? "" : " " + f.args);
    }

    private static String arg(Fault f, List<String> a, int index) {
        if (a.size() <= index) {
            throw new IllegalArgumentException(usage(f));
        }
        return a.get(index);
    }

    private static int positive(Fault f, String v) {
        int n = nonNegative(f, v);
        if (n < 1) {
            throw new IllegalArgumentException(usage(f) + ": must be >= 1, got " + v);
        }
        return n;
    }

    private static int nonNegative(Fault f, String v) {
        try {
            int n = Integer.parseInt(v.strip());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(usage(f) + ": not a whole number >= 0: '" + v + "'");
        }
    }

    private static double number(Fault f, String v) {
        try {
            double d = Double.parseDouble(v.strip());
            if (!(d >= 0) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(usage(f) + ": not a number >= 0: '" + v + "'");
        }
    }

    private static Duration seconds(Fault f, String v) {
        return Duration.ofMillis(Math.round(number(f, v) * 1000));
    }
}
