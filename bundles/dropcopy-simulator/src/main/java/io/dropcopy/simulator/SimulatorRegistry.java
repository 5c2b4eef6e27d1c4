package io.dropcopy.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The simulators running in this JVM (in Karaf: in this bundle), in start order, for the {@code dropcopy-sim:}
 * commands and the standalone console. A simulator registers itself when it starts and leaves when it stops.
 */
public final class SimulatorRegistry {
    private static final List<CmeSimulator> RUNNING = new CopyOnWriteArrayList<>();

    private SimulatorRegistry() {
    }

    static void register(CmeSimulator simulator) {
        if (!RUNNING.contains(simulator)) {
            RUNNING.add(simulator);
        }
    }

    static void unregister(CmeSimulator simulator) {
        RUNNING.remove(simulator);
    }

    /** Every running simulator, in start order. */
    public static List<CmeSimulator> all() {
        return new ArrayList<>(RUNNING);
    }

    /**
     * The simulator of that name; with no name, the only one running.
     *
     * @throws IllegalArgumentException naming the simulators there are when there is none, or several and no name
     */
    public static CmeSimulator find(String name) {
        List<CmeSimulator> all = all();
        if (name == null || name.isBlank()) {
            if (all.size() == 1) {
                return all.get(0);
            }
            if (all.isEmpty()) {
                throw new IllegalArgumentException("no drop copy simulator is running"
                        + " (one per etc/io.dropcopy.simulator-<name>.cfg)");
            }
            throw new IllegalArgumentException("several simulators are running, name one with --sim: " + names(all));
        }
        Optional<CmeSimulator> found = all.stream().filter(s -> s.name().equals(name)).findFirst();
        return found.orElseThrow(() -> new IllegalArgumentException("no simulator named '" + name + "'"
                + (all.isEmpty() ? ": none is running" : " (simulators: " + names(all) + ")")));
    }

    /** The names of the running simulators. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (CmeSimulator s : all()) {
            names.add(s.name());
        }
        return names;
    }

    private static String names(List<CmeSimulator> all) {
        StringBuilder b = new StringBuilder();
        for (CmeSimulator s : all) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(s.name());
        }
        return b.toString();
    }
}
