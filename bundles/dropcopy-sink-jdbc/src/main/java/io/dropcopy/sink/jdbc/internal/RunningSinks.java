package io.dropcopy.sink.jdbc.internal;

import io.dropcopy.model.SinkCounters;
import io.dropcopy.sink.jdbc.JdbcSink;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The sinks the dropcopy-jdbc producers of this bundle have open, in every Camel context: what the counters read. */
public final class RunningSinks {
    private static final Set<JdbcSink> OPEN = Collections.synchronizedSet(Collections.newSetFromMap(
            new IdentityHashMap<>()));

    private RunningSinks() {
    }

    public static void opened(JdbcSink sink) {
        OPEN.add(sink);
    }

    public static void closed(JdbcSink sink) {
        OPEN.remove(sink);
    }

    /** One count per endpoint name (two contexts writing through endpoints of one name are summed), by name. */
    public static List<SinkCounters.Count> counts() {
        List<JdbcSink> open;
        synchronized (OPEN) {
            open = new ArrayList<>(OPEN);
        }
        Map<String, long[]> byName = new TreeMap<>();
        for (JdbcSink s : open) {
            long[] c = byName.computeIfAbsent(s.name(), k -> new long[4]);
            c[0] += s.stored();
            c[1] += s.applied();
            c[2] += s.duplicates();
            c[3] += s.deadLettered();
        }
        List<SinkCounters.Count> out = new ArrayList<>(byName.size());
        byName.forEach((name, c) -> out.add(new SinkCounters.Count("dropcopy-jdbc:" + name, c[0], c[1], c[2], c[3])));
        return out;
    }
}
