package io.dropcopy.recon;

import io.dropcopy.model.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One break, as raised or as cleared: immutable. {@link #id()} is stable for as long as the break lasts (type, trade
 * date, the firm fill's key and the drop copy fill's ExecID), so a consumer can pair the RAISED event with its CLEARED
 * event. {@link #evidence()} holds both sides' fields as they were when the break was raised ({@code firm.*} and
 * {@code cme.*} keys, in a fixed order).
 */
public final class ReconBreak {
    /** Whether this event opens or closes the break. */
    public enum State { RAISED, CLEARED }

    private final String id;
    private final BreakType type;
    private final State state;
    private final String group;
    private final String tradeDate;
    private final String orderId;
    private final String summary;
    private final String raisedAt;
    private final String clearedAt;
    private final String clearReason;
    private final Map<String, String> evidence;

    public ReconBreak(String id, BreakType type, State state, String group, String tradeDate, String orderId,
            String summary, String raisedAt, String clearedAt, String clearReason, Map<String, String> evidence) {
        this.id = Objects.requireNonNull(id, "id");
        this.type = Objects.requireNonNull(type, "type");
        this.state = Objects.requireNonNull(state, "state");
        this.group = group;
        this.tradeDate = tradeDate;
        this.orderId = orderId;
        this.summary = summary;
        this.raisedAt = raisedAt;
        this.clearedAt = clearedAt;
        this.clearReason = clearReason;
        this.evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    }

    public String id() { return id; }
    public BreakType type() { return type; }
    public State state() { return state; }
    public String group() { return group; }
    /** The trade date (yyyy-MM-dd) both fills belong to. */
    public String tradeDate() { return tradeDate; }
    /** OrderID(37) of the fill(s) involved. */
    public String orderId() { return orderId; }
    /** One line saying what differs, for logs and the console. */
    public String summary() { return summary; }
    /** When the break was raised (ISO-8601 UTC). */
    public String raisedAt() { return raisedAt; }
    /** When it was cleared (ISO-8601 UTC), or null while open. */
    public String clearedAt() { return clearedAt; }
    /** Why it was cleared (what resolved it), or null while open. */
    public String clearReason() { return clearReason; }
    public Map<String, String> evidence() { return evidence; }

    /** This break, cleared. */
    public ReconBreak cleared(String at, String reason) {
        return new ReconBreak(id, type, State.CLEARED, group, tradeDate, orderId, summary, raisedAt, at, reason, evidence);
    }

    /** The break as one JSON object on one line (what the consumer endpoint delivers as body). */
    public String toJson() {
        StringBuilder b = new StringBuilder(256);
        b.append('{');
        member(b, "id", id, true);
        member(b, "type", type.label(), false);
        member(b, "state", state.name(), false);
        member(b, "group", group, false);
        member(b, "tradeDate", tradeDate, false);
        member(b, "orderId", orderId, false);
        member(b, "summary", summary, false);
        member(b, "raisedAt", raisedAt, false);
        member(b, "clearedAt", clearedAt, false);
        member(b, "clearReason", clearReason, false);
        b.append(",\"evidence\":{");
        boolean first = true;
        for (Map.Entry<String, String> e : evidence.entrySet()) {
            member(b, e.getKey(), e.getValue(), first);
            first = false;
        }
        return b.append("}}").toString();
    }

    private static void member(StringBuilder b, String name, String value, boolean first) {
        if (value == null) {
            return;
        }
        if (!first) {
            b.append(',');
        }
        quote(b, name);
        b.append(':');
        quote(b, value);
    }

    /** Appends a JSON string literal, escaped as every JSON of the model ({@link Json#quote(StringBuilder, String)}). */
    public static void quote(StringBuilder b, String s) {
        Json.quote(b, s);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ReconBreak)) {
            return false;
        }
        ReconBreak b = (ReconBreak) o;
        return id.equals(b.id) && state == b.state;
    }

    @Override
    public int hashCode() {
        return id.hashCode() * 31 + state.hashCode();
    }

    @Override
    public String toString() {
        return state + " " + type.label() + " " + summary;
    }
}
