package io.dropcopy.session.internal;

import io.dropcopy.model.DropCopyEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CME's rule for possible resends (PossResend 97=Y, after a drop copy or iLink failover, mixed with real-time
 * messages): a copy is a duplicate when its source session, RequestTime(5979) and the source session's sequence
 * number match a message already delivered. Remembers the last {@code capacity} delivered messages (in memory:
 * possible resends follow a failover within minutes; the sinks drop older duplicates by ExecID).
 */
final class PossibleResends {
    static final int DEFAULT_CAPACITY = 200_000;

    private final Map<String, Boolean> seen;

    PossibleResends(int capacity) {
        this.seen = new LinkedHashMap<>(1024, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The identity CME de-duplicates by, or null when the message carries no RequestTime. */
    static String key(DropCopyEvent event) {
        String requestTime = event.requestTime();
        String source = event.sourceSession();
        return requestTime == null || source == null ? null : source + "#" + event.sourceSeqNum() + "@" + requestTime;
    }

    /** A possible resend of a message already delivered. */
    synchronized boolean isDuplicate(DropCopyEvent event) {
        if (!event.possResend() && !"Y".equals(event.field(97))) {
            return false;
        }
        String key = key(event);
        return key != null && seen.containsKey(key);
    }

    synchronized void delivered(DropCopyEvent event) {
        String key = key(event);
        if (key != null) {
            seen.put(key, Boolean.TRUE);
        }
    }
}
