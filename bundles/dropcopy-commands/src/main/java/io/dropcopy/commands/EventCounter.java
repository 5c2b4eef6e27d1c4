package io.dropcopy.commands;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.EventKind;
import io.dropcopy.session.api.DropCopyHub;
import io.dropcopy.session.api.SessionStatus;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Counts, per target session and per kind, the events the hub delivers to each group's consumers, for
 * {@code dropcopy:stats}. It observes (never consumes) every group of the hub's sessions: the groups are looked up
 * when it starts, every {@value #REFRESH_SECONDS} s and whenever {@link #refresh()} is called, so a group is counted
 * from the moment it was first seen; counts live in memory and start at 0 when the commands bundle (or the hub)
 * restarts. An event a consumer refused is not counted (observers see only what the consumers accepted); a
 * message resent after such a refusal is counted once, when accepted.
 */
@Component(service = EventCounter.class, immediate = true)
public class EventCounter {
    static final long REFRESH_SECONDS = 5;

    @Reference
    DropCopyHub hub;

    private final Map<String, Instant> groupsSince = new ConcurrentHashMap<>();
    private final Map<String, AutoCloseable> watches = new ConcurrentHashMap<>();
    private final Map<String, Map<EventKind, LongAdder>> perSession = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;
    private boolean active;

    @Activate
    synchronized void activate() {
        active = true;
        refresh();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dropcopy-event-counter");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::refreshQuietly, REFRESH_SECONDS, REFRESH_SECONDS, TimeUnit.SECONDS);
    }

    @Deactivate
    synchronized void deactivate() {
        active = false;
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
        for (AutoCloseable watch : watches.values()) {
            try {
                watch.close();
            } catch (Exception e) {
                // the hub is going away too
            }
        }
        watches.clear();
    }

    /** Starts observing the groups of the hub's sessions that are not observed yet. */
    synchronized void refresh() {
        if (!active) {
            return;
        }
        for (SessionStatus s : hub.sessions()) {
            String group = s.group();
            if (!watches.containsKey(group)) {
                watches.put(group, hub.observe(group, this::count));
                groupsSince.put(group, Instant.now());
            }
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // the hub is stopping; the next refresh or the next activation catches up
        }
    }

    void count(DropCopyEvent event) {
        perSession.computeIfAbsent(event.targetSession(), s -> new ConcurrentHashMap<>())
                .computeIfAbsent(event.kind(), k -> new LongAdder()).increment();
    }

    /** The events of one session counted so far, per kind (only the kinds seen). */
    Map<EventKind, Long> counts(String session) {
        Map<EventKind, Long> out = new EnumMap<>(EventKind.class);
        Map<EventKind, LongAdder> counts = perSession.get(session);
        if (counts != null) {
            counts.forEach((kind, n) -> out.put(kind, n.sum()));
        }
        return out;
    }

    /** The groups counted, each with the time counting began. */
    Map<String, Instant> groups() {
        return new TreeMap<>(groupsSince);
    }
}
