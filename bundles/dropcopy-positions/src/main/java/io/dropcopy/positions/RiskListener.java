package io.dropcopy.positions;

/** Told of every tape entry and alert change, on the thread that made it: return quickly, never block. */
public interface RiskListener {
    default void onTape(TapeEntry entry) {
    }

    /** An alert raised ({@link Alert#active()}) or cleared. */
    default void onAlert(Alert alert) {
    }
}
