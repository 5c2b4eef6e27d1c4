package io.dropcopy.session.internal;

import io.dropcopy.model.DropCopyEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CME's rule for possible resends (PossResend 97=Y, after a drop copy or iLink failover, mixed with real-time
 * messages): a copy is a duplicate when its source session, market segment, RequestTime(5979) and the source
 * session's sequence number match a message already delivered. Remembers the last {@code capacity} delivered
 * messages, and, with a file, across restarts: one key per line appended as each message is delivered (through a
 * memory mapping, {@link MappedKeyLog}: no system call a message, kept if the JVM dies), read back at start, rewritten
 * with the last {@code capacity} keys when it grows to twice that (bounded on disk too).
 */
final class PossibleResends {
    private static final Logger LOG = LoggerFactory.getLogger(PossibleResends.class);
    static final int DEFAULT_CAPACITY = 200_000;
    static final String FILE_NAME = "possible-resends.keys";

    private final int capacity;
    private final Path file;
    private final Map<String, Boolean> seen;
    private MappedKeyLog out;
    private long lines;

    PossibleResends(int capacity) {
        this(capacity, null);
    }

    /** With {@code file} (null: in memory only), read back at once. */
    PossibleResends(int capacity, Path file) {
        this.capacity = capacity;
        this.file = file;
        this.seen = new LinkedHashMap<>(1024, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
        if (file != null && Files.exists(file)) {
            try {
                out = new MappedKeyLog(file);
                for (String line : out.takeLines()) {
                    seen.put(line, Boolean.TRUE);
                    lines++;
                }
            } catch (IOException e) {
                LOG.error("Cannot read the possible-resend keys {}: copies of messages delivered before this start"
                        + " are not recognised (the sinks still drop them by ExecID)", file, e);
            }
        }
    }

    /** The identity CME de-duplicates by, or null when the message carries no RequestTime. */
    static String key(DropCopyEvent event) {
        String requestTime = event.requestTime();
        String source = event.sourceSession();
        if (requestTime == null || source == null) {
            return null;
        }
        String segment = event.marketSegment();
        return source + "/" + (segment == null ? "" : segment) + "#" + event.sourceSeqNum() + "@" + requestTime;
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
        if (key == null || seen.put(key, Boolean.TRUE) != null || file == null) {
            return;
        }
        try {
            if (lines >= 2L * capacity) {
                compact(); // the new key is in the map, so in the rewritten file
                return;
            }
            if (out == null) {
                out = new MappedKeyLog(file);
            }
            out.append(key); // in the page cache at once: a crash of the JVM keeps what was delivered
            lines++;
        } catch (IOException e) {
            LOG.warn("Cannot persist possible-resend key {} to {}: {}", key, file, e.toString());
        }
    }

    /** Rewrites the file with the keys remembered now (the last {@code capacity}). */
    private void compact() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        List<String> keys = new ArrayList<>(seen.keySet());
        Files.write(tmp, keys, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        lines = keys.size();
        out = new MappedKeyLog(file);
        out.takeLines(); // the keys just written, all in memory already
    }

    synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                LOG.warn("Closing {}: {}", file, e.toString());
            }
            out = null;
        }
    }
}
