package io.dropcopy.simulator;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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

    /** The faults, in the order of the help text ({@link Faults} is the table). */
    public static final Map<String, Fault> FAULTS = Faults.ALL;

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
        return f.apply(sim, args == null ? List.of() : args);
    }

    /** The help text of the faults, one per line. */
    public static String faultHelp() {
        return faultHelp("  ");
    }

    static String faultHelp(String indent) {
        StringBuilder b = new StringBuilder();
        for (Fault f : FAULTS.values()) {
            String head = f.name() + (f.args().isEmpty() ? "" : " " + f.args());
            b.append(String.format("%s%-28s %s%n", indent, head, f.description()));
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
            s = speed == null || speed.isBlank() ? 1 : SimulatorConfigParser.parseSpeed(SimulatorConfig.REPLAY_SPEED, speed);
        } catch (ConfigException e) {
            throw new IllegalArgumentException("speed must be a number > 0 or max, got '" + speed + "'");
        }
        Path path = Path.of(file);
        sim.replay(path, s);
        return "replaying " + path.toAbsolutePath() + " at speed " + SimulatorConfigParser.speedText(s);
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
                case "ledger":
                    return ledger(sim, words.contains("--fills") || words.contains("fills"));
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

    /** The expected ledger: a summary per target, with {@code fills} one line per fill. */
    public static String ledger(CmeSimulator sim, boolean fills) {
        return String.join(System.lineSeparator(), sim.expectedLedger().lines(fills));
    }

    static String consoleHelp() {
        return "Commands:\n"
                + "  status                       the simulator's state\n"
                + "  fault <name> [args]          inject a fault (the word 'fault' may be left out):\n"
                + faultHelp("      ")
                + "  backlog <n>                  send the next n messages at once (a gap if the client is away)\n"
                + "  record <file> | record stop  record the outbound stream to a file\n"
                + "  ledger [fills]               what was sent: messages, fills and their final state\n"
                + "  replay <file> [speed]        replay a recorded file (speed 1, 10 or max; default 1)\n"
                + "  help                         this text";
    }
}
