package io.dropcopy.positions.internal;

import io.dropcopy.positions.Alert;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts by condition id: {@link #raise} makes one only when none is active for the id, {@link #clear} ends it only
 * when one is: crossing a limit a thousand times raises it once. Each change is logged and handed to the sink.
 * Not thread-safe: the engine serializes calls.
 */
final class AlertBook {
    private static final Logger LOG = LoggerFactory.getLogger(AlertBook.class);
    static final int HISTORY = 500;

    private final Map<String, Alert> active = new LinkedHashMap<>();
    private final Deque<Alert> history = new ArrayDeque<>();
    private final Consumer<Alert> sink;
    private long raisedTotal;
    private long clearedTotal;
    private final long[] raisedByType = new long[Alert.Type.values().length];
    private final long[] clearedByType = new long[Alert.Type.values().length];
    private final int[] activeByType = new int[Alert.Type.values().length];

    AlertBook(Consumer<Alert> sink) {
        this.sink = sink;
    }

    /** @return true when it was raised now (false: already active) */
    boolean raise(String id, Alert.Type type, Alert.Severity severity, String group, String subject, String message,
                  String now) {
        if (active.containsKey(id)) {
            return false;
        }
        Alert a = new Alert(id, type, severity, group, subject, message, now, null, null);
        active.put(id, a);
        remember(a);
        raisedTotal++;
        raisedByType[type.ordinal()]++;
        activeByType[type.ordinal()]++;
        if (severity == Alert.Severity.CRITICAL) {
            LOG.error("Alert raised: {} {}: {}", type, id, message);
        } else {
            LOG.warn("Alert raised: {} {}: {}", type, id, message);
        }
        sink.accept(a);
        return true;
    }

    /** @return true when an active alert was cleared now */
    boolean clear(String id, String now, String why) {
        Alert a = active.remove(id);
        if (a == null) {
            return false;
        }
        Alert cleared = new Alert(a.id(), a.type(), a.severity(), a.group(), a.subject(), a.message(), a.raisedAt(),
                now, why);
        remember(cleared);
        clearedTotal++;
        clearedByType[a.type().ordinal()]++;
        activeByType[a.type().ordinal()]--;
        LOG.info("Alert cleared ({}): {} {}: {}", why, a.type(), id, a.message());
        sink.accept(cleared);
        return true;
    }

    boolean isActive(String id) {
        return active.containsKey(id);
    }

    /** How many alerts of a type are active: 0 lets a check skip building ids when nothing is crossed. */
    int activeCount(Alert.Type type) {
        return activeByType[type.ordinal()];
    }

    /** Ids of the active alerts of a type. */
    List<String> activeIds(Alert.Type type) {
        List<String> ids = new ArrayList<>();
        for (Alert a : active.values()) {
            if (a.type() == type) {
                ids.add(a.id());
            }
        }
        return ids;
    }

    private void remember(Alert a) {
        // the history holds each condition once, its latest state
        for (Iterator<Alert> it = history.iterator(); it.hasNext(); ) {
            Alert h = it.next();
            if (h.id().equals(a.id()) && h.raisedAt().equals(a.raisedAt())) {
                it.remove();
                break;
            }
        }
        history.addFirst(a);
        while (history.size() > HISTORY) {
            history.removeLast();
        }
    }

    List<Alert> list(boolean activeOnly) {
        List<Alert> out = new ArrayList<>();
        if (activeOnly) {
            out.addAll(active.values());
            out.sort((x, y) -> y.raisedAt().compareTo(x.raisedAt()));
        } else {
            out.addAll(history);
        }
        return out;
    }

    /** Per alert type (by ordinal): raised since the start, cleared since the start, active now. */
    long[][] countsByType() {
        long[] activeNow = new long[Alert.Type.values().length];
        for (Alert a : active.values()) {
            activeNow[a.type().ordinal()]++;
        }
        return new long[][] {raisedByType.clone(), clearedByType.clone(), activeNow};
    }

    long raisedTotal() {
        return raisedTotal;
    }

    long clearedTotal() {
        return clearedTotal;
    }
}
