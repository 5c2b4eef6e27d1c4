package io.dropcopy.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * Where the synthetic stream stands: the next order number (1-based) and the next of its three steps.
 * Persisted as a small properties file, replaced atomically after every message, so a restarted simulator
 * continues the stream where it stopped.
 */
final class GeneratorState {
    static final String FILE_NAME = "generator.properties";
    private static final String NEXT_ORDER = "nextOrder";
    private static final String NEXT_STEP = "nextStep";

    private final long order;
    private final int step;

    GeneratorState(long order, int step) {
        if (order < 1 || step < 1 || step > SyntheticOrders.STEPS) {
            throw new IllegalArgumentException("bad generator position: order " + order + " step " + step);
        }
        this.order = order;
        this.step = step;
    }

    static GeneratorState initial() {
        return new GeneratorState(1, 1);
    }

    long order() {
        return order;
    }

    int step() {
        return step;
    }

    GeneratorState next() {
        return step < SyntheticOrders.STEPS ? new GeneratorState(order, step + 1) : new GeneratorState(order + 1, 1);
    }

    /** The state saved in {@code file}, or the initial state when there is none. */
    static GeneratorState load(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            return initial();
        }
        try {
            return new GeneratorState(Long.parseLong(p.getProperty(NEXT_ORDER, "").strip()),
                    Integer.parseInt(p.getProperty(NEXT_STEP, "").strip()));
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt generator state in " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes a temporary file next to {@code file} and moves it over {@code file} atomically. */
    void save(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty(NEXT_ORDER, Long.toString(order));
        p.setProperty(NEXT_STEP, Integer.toString(step));
        store(p, file, "CME drop copy simulator: position of the synthetic stream (next message to send)");
    }

    /** Writes {@code p} to a temporary file next to {@code file} and moves it over {@code file} atomically. */
    static void store(Properties p, Path file, String comment) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            p.store(out, comment);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public String toString() {
        return "order " + order + " step " + step;
    }
}
