package io.dropcopy.positions;

/**
 * One alert: raised once when its condition is crossed, cleared once when it is back inside (or, for alerts about a
 * single message such as a refused bust, when an operator acknowledges it). Immutable; a change is a new snapshot.
 */
public final class Alert {
    /** What the alert is about. */
    public enum Type {
        POSITION_LIMIT, FILL_SIZE, FILL_RATE, UNKNOWN_ACCOUNT, SESSION_DOWN, UNRECOVERABLE_GAP, DEAD_LETTERS,
        LINK_REFUSED, FILL_REFUSED
    }

    public enum Severity { CRITICAL, WARNING }

    private final String id;
    private final Type type;
    private final Severity severity;
    private final String group;
    private final String subject;
    private final String message;
    private final String raisedAt;
    private final String clearedAt;
    private final String clearedBy;

    public Alert(String id, Type type, Severity severity, String group, String subject, String message,
                 String raisedAt, String clearedAt, String clearedBy) {
        this.id = id;
        this.type = type;
        this.severity = severity;
        this.group = group;
        this.subject = subject;
        this.message = message;
        this.raisedAt = raisedAt;
        this.clearedAt = clearedAt;
        this.clearedBy = clearedBy;
    }

    /** Stable key of the condition, e.g. {@code position/DEMO/ACC1/12345}; one active alert per key at most. */
    public String id() { return id; }
    public Type type() { return type; }
    public Severity severity() { return severity; }
    /** The drop copy group, or null for a session alert without one. */
    public String group() { return group; }
    /** What it is about: an account, "account instrument", a session name. */
    public String subject() { return subject; }
    /** One line for a human, with the figures. */
    public String message() { return message; }
    /** ISO-8601 UTC. */
    public String raisedAt() { return raisedAt; }
    /** ISO-8601 UTC, or null while active. */
    public String clearedAt() { return clearedAt; }
    /** "back inside", "acknowledged by NAME", "configuration", or null while active. */
    public String clearedBy() { return clearedBy; }
    public boolean active() { return clearedAt == null; }

    @Override
    public String toString() {
        return (active() ? "RAISED " : "CLEARED ") + severity + " " + type + " " + id + ": " + message;
    }
}
