package io.dropcopy.recon.internal;

import io.dropcopy.model.JsonObjectReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reconciliation's own journal: {@code <dir>/<tradeDate>.jsonl}, one JSON object a line (firm fills, drop copy
 * records, breaks raised and cleared), appended and forced before the caller goes on, never rewritten. A last line cut
 * short by a crash is cut off when read; a damaged line elsewhere fails the load (state is never rebuilt from part of
 * a journal).
 */
final class ReconJournal implements AutoCloseable {
    private final Path dir;
    private final boolean force;
    private final Map<String, FileChannel> open = new TreeMap<>();

    ReconJournal(Path dir, boolean force) {
        this.dir = dir;
        this.force = force;
    }

    Path dir() {
        return dir;
    }

    synchronized void append(String tradeDate, List<String> lines) throws IOException {
        if (lines.isEmpty()) {
            return;
        }
        FileChannel ch = open.get(tradeDate);
        if (ch == null) {
            Files.createDirectories(dir);
            ch = FileChannel.open(dir.resolve(tradeDate + ".jsonl"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            if (open.size() >= 8) {
                String oldest = open.keySet().iterator().next();
                open.remove(oldest).close();
            }
            open.put(tradeDate, ch);
        }
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            b.append(l).append('\n');
        }
        ByteBuffer buf = ByteBuffer.wrap(b.toString().getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
        if (force) {
            ch.force(false);
        }
    }

    /** Deletes a trade date's journal (its state is dropped). */
    synchronized void delete(String tradeDate) throws IOException {
        FileChannel ch = open.remove(tradeDate);
        if (ch != null) {
            ch.close();
        }
        Files.deleteIfExists(dir.resolve(tradeDate + ".jsonl"));
    }

    /** Every trade date with a journal, sorted. */
    List<String> dates() throws IOException {
        List<String> dates = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return dates;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.jsonl")) {
            for (Path p : s) {
                String name = p.getFileName().toString();
                dates.add(name.substring(0, name.length() - ".jsonl".length()));
            }
        }
        dates.sort(null);
        return dates;
    }

    /** The records of one date, oldest first; repairs a torn last line. */
    List<Map<String, Object>> read(String tradeDate) throws IOException {
        Path file = dir.resolve(tradeDate + ".jsonl");
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        if (end < bytes.length) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(end);
                ch.force(true);
            }
        }
        String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
        List<Map<String, Object>> records = new ArrayList<>();
        int line = 0;
        for (String l : text.split("\n")) {
            line++;
            if (l.isEmpty()) {
                continue;
            }
            try {
                records.add(JsonObjectReader.read(l));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + " line " + line + " is damaged: " + e.getMessage(), e);
            }
        }
        return records;
    }

    @Override
    public synchronized void close() {
        for (FileChannel ch : open.values()) {
            try {
                ch.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        open.clear();
    }
}
