package io.dropcopy.positions;

/**
 * One alert: raised once when its condition is crossed, cleared once when it is back inside (or, for alerts about a
 * single message such as a refused bust, when an operator acknowledges it). Immutable; a change is a new snapshot.
 *
 * @param id Stable key of the condition, e.g. {@code position/DEMO/ACC1/12345}; one active alert per key at most
 * @param group The drop copy group, or null for a session alert without one
 * @param subject What it is about: an account, "account instrument", a session name
 * @param message One line for a human, with the figures
 * @param raisedAt ISO-8601 UTC
 * @param clearedAt ISO-8601 UTC, or null while active
 * @param clearedBy "back inside", "acknowledged by NAME", "configuration", or null while active
 */
public record Alert(String id, Type type, Severity severity, String group, String subject, String message,
        String raisedAt, String clearedAt, String clearedBy) {
    /** What the alert is about. */
    public enum Type {
        POSITION_LIMIT, FILL_SIZE, FILL_RATE, UNKNOWN_ACCOUNT, SESSION_DOWN, UNRECOVERABLE_GAP, DEAD_LETTERS,
        LINK_REFUSED, FILL_REFUSED
    }

    public enum Severity { CRITICAL, WARNING }

    public boolean active() { return clearedAt == null; }

    @Override
    public String toString() {
        return (active() ? "RAISED " : "CLEARED ") + severity + " " + type + " " + id + ": " + message;
    }
}
