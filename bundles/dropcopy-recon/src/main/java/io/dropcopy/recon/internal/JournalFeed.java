package io.dropcopy.recon.internal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drop copy side rebuilt from the file sink's JSON-lines journal ({@code <dir>/<group>/<date>.jsonl}, one event
 * JSON a line): on every poll each file is read from where the last poll stopped, up to its last complete line. After a
 * restart the files are read again from the start; the records already taken are recognised and skipped.
 */
public final class JournalFeed implements ReconService.Feed {
    private static final Logger LOG = LoggerFactory.getLogger(JournalFeed.class);

    private final Path dir;
    private final Map<String, GroupRecon> groups = new ConcurrentHashMap<>();
    private final Map<Path, Long> offsets = new HashMap<>();

    public JournalFeed(Path dir) {
        this.dir = dir;
    }

    @Override
    public AutoCloseable attach(String group, GroupRecon recon) {
        groups.put(group, recon);
        return () -> groups.remove(group);
    }

    @Override
    public synchronized void poll() {
        for (Map.Entry<String, GroupRecon> g : groups.entrySet()) {
            Path groupDir = dir.resolve(g.getKey());
            if (!Files.isDirectory(groupDir)) {
                continue;
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(groupDir, "*.jsonl")) {
                for (Path f : files) {
                    read(f, g.getValue());
                }
            } catch (IOException e) {
                LOG.warn("Reconciliation {}: reading the file sink's journal {} failed (retried): {}", g.getKey(),
                        groupDir, e.toString());
            }
        }
    }

    private void read(Path file, GroupRecon recon) throws IOException {
        long from = offsets.getOrDefault(file, 0L);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long len = raf.length();
            if (len <= from) {
                return;
            }
            byte[] buf = new byte[(int) Math.min(len - from, 8 << 20)];
            raf.seek(from);
            raf.readFully(buf);
            int end = buf.length;
            while (end > 0 && buf[end - 1] != '\n') {
                end--;
            }
            int start = 0;
            for (int i = 0; i < end; i++) {
                if (buf[i] == '\n') {
                    String line = new String(buf, start, i - start, StandardCharsets.UTF_8);
                    if (!line.isBlank()) {
                        try {
                            recon.acceptDropCopy(line);
                        } catch (IllegalArgumentException e) {
                            LOG.warn("Reconciliation: {} at offset {}: not an event line, skipped: {}", file,
                                    from + start, e.getMessage());
                        }
                    }
                    start = i + 1;
                }
            }
            offsets.put(file, from + end);
        }
    }
}
