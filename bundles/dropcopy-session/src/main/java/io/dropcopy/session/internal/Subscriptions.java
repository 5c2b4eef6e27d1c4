package io.dropcopy.session.internal;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.session.api.DeferredDropCopyListener;
import io.dropcopy.session.api.DropCopyGroups;
import io.dropcopy.session.api.DropCopyListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumers and observers of each group. Read on the sessions' threads without a lock (copy-on-write lists);
 * consumers are added and removed under the registry's lock, since the group's sessions start and stop with them.
 */
final class Subscriptions {
    private static final Logger LOG = LoggerFactory.getLogger(Subscriptions.class);

    /** A consumer of a group: synchronous ({@link DropCopyListener}) or deferred, with its in-flight window. */
    static final class Subscriber {
        final DropCopyListener sync;
        final DeferredDropCopyListener deferred;
        final int maxInFlight;

        private Subscriber(DropCopyListener sync, DeferredDropCopyListener deferred, int maxInFlight) {
            this.sync = sync;
            this.deferred = deferred;
            this.maxInFlight = maxInFlight;
        }

        static Subscriber sync(DropCopyListener listener) {
            return new Subscriber(listener, null, 0);
        }

        static Subscriber deferred(int maxInFlight, DeferredDropCopyListener listener) {
            if (maxInFlight < 1) {
                throw new IllegalArgumentException("maxInFlight must be at least 1, got " + maxInFlight);
            }
            return new Subscriber(null, listener, maxInFlight);
        }

        String describe() {
            return deferred != null ? " (deferred, up to " + maxInFlight + " in flight)" : "";
        }
    }

    private static final List<Subscriber> NONE = List.of();
    private final Map<String, List<Subscriber>> consumers = new ConcurrentHashMap<>();
    private final Map<String, List<DropCopyListener>> observers = new ConcurrentHashMap<>();

    /** @return how many consumers the group has now */
    int add(String group, Subscriber subscriber) {
        List<Subscriber> list = consumers.computeIfAbsent(group, g -> new CopyOnWriteArrayList<>());
        list.add(subscriber);
        return list.size();
    }

    /** @return whether it was subscribed */
    boolean remove(String group, Subscriber subscriber) {
        List<Subscriber> list = consumers.get(group);
        if (list == null || !list.remove(subscriber)) {
            return false;
        }
        if (list.isEmpty()) {
            consumers.remove(group, list);
        }
        return true;
    }

    List<Subscriber> consumers(String group) {
        return consumers.getOrDefault(group, NONE);
    }

    int count(String group) {
        return consumers(group).size();
    }

    /** The smallest window among the group's deferred consumers, the default without one. */
    int maxInFlight(String group) {
        int max = Integer.MAX_VALUE;
        for (Subscriber s : consumers(group)) {
            if (s.deferred != null) {
                max = Math.min(max, s.maxInFlight);
            }
        }
        return max == Integer.MAX_VALUE ? DropCopyGroups.DEFAULT_MAX_IN_FLIGHT : max;
    }

    AutoCloseable observe(String group, DropCopyListener observer) {
        observers.computeIfAbsent(group, g -> new CopyOnWriteArrayList<>()).add(observer);
        return () -> {
            List<DropCopyListener> list = observers.get(group);
            if (list != null) {
                list.remove(observer);
            }
        };
    }

    /** Shows a committed event to the group's observers; their failures only reach the debug log. */
    void observed(String group, DropCopyEvent event) {
        List<DropCopyListener> watching = observers.get(group);
        if (watching != null) {
            for (DropCopyListener o : watching) {
                try {
                    o.onEvent(event);
                } catch (Exception | LinkageError e) {
                    LOG.debug("Observer of group {} failed: {}", group, e.toString());
                }
            }
        }
    }

    void clear() {
        consumers.clear();
        observers.clear();
    }
}
