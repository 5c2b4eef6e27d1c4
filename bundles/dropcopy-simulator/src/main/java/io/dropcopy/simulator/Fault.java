package io.dropcopy.simulator;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * One fault of the simulator's operator commands ({@code dropcopy-sim:fault <name> [args]}): its arguments and
 * description for help texts and completion, and what it does to a simulator. The table is {@link Faults}.
 */
public record Fault(String name, String args, String description, Action action) {

    /** What a fault does: applies it to {@code sim} with the operator's arguments, returns what was done, one line. */
    @FunctionalInterface
    interface Action {
        String apply(CmeSimulator sim, Fault fault, List<String> args) throws IOException;
    }

    String apply(CmeSimulator sim, List<String> arguments) throws IOException {
        return action.apply(sim, this, arguments);
    }

    // ---- the arguments, checked with a usage message --------------------------------------------------------------

    String usage() {
        return "usage: " + name + (args.isEmpty() ? "" : " " + args);
    }

    String arg(List<String> a, int index) {
        if (a.size() <= index) {
            throw new IllegalArgumentException(usage());
        }
        return a.get(index);
    }

    /** The first argument is {@code off}, the fault's off switch (no argument: the usage). */
    boolean off(List<String> a) {
        return arg(a, 0).equalsIgnoreCase("off");
    }

    int positive(String v) {
        int n = nonNegative(v);
        if (n < 1) {
            throw new IllegalArgumentException(usage() + ": must be >= 1, got " + v);
        }
        return n;
    }

    int nonNegative(String v) {
        try {
            int n = Integer.parseInt(v.strip());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(usage() + ": not a whole number >= 0: '" + v + "'");
        }
    }

    double number(String v) {
        try {
            double d = Double.parseDouble(v.strip());
            if (!(d >= 0) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(usage() + ": not a number >= 0: '" + v + "'");
        }
    }

    Duration seconds(String v) {
        return Duration.ofMillis(Math.round(number(v) * 1000));
    }
}
