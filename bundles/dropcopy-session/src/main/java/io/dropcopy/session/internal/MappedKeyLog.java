package io.dropcopy.session.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * An append-only file of text lines written through a memory mapping: an append is a copy into the page cache, with
 * no system call, and survives a crash of the JVM as a flushed {@code write} does (not a crash of the machine: neither
 * is synced). The file is extended a region at a time, so it ends in NUL bytes after its last line; a line is complete
 * once its newline is written, and a partial last line (the JVM died while writing it) is dropped on reading and
 * overwritten by the next append. Lines never contain NUL or a newline. Not thread-safe.
 */
final class MappedKeyLog implements Closeable {
    /** Bytes mapped at a time; the file grows by about this much when the current region is full. */
    static final int REGION = 4 << 20;
    private static final long PAGE = 4096;

    private final FileChannel channel;
    private MappedByteBuffer region;
    /** File offset of {@link #region}'s first byte. */
    private long regionStart;
    /** What the file held when opened, until taken. */
    private List<String> lines;

    /** Opens (or creates) the file; its complete lines are given once by {@link #takeLines()}. */
    MappedKeyLog(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            byte[] bytes = Files.readAllBytes(file);
            int end = 0; // after the last complete line
            List<String> read = new ArrayList<>();
            int lineStart = 0;
            for (int i = 0; i < bytes.length && bytes[i] != 0; i++) {
                if (bytes[i] == '\n') {
                    if (i > lineStart) {
                        read.add(new String(bytes, lineStart, i - lineStart, StandardCharsets.UTF_8));
                    }
                    lineStart = i + 1;
                    end = i + 1;
                }
            }
            this.lines = read;
            map(end);
            // a partial last line (a crash while writing it): cleared, so that the next append replaces it
            int garbage = 0;
            while (end + garbage < bytes.length && bytes[end + garbage] != 0) {
                garbage++;
            }
            for (int i = 0; i < garbage; i++) {
                region.put(region.position() + i, (byte) 0);
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * The complete lines found when the file was opened, in order; the log keeps no reference to them afterwards (the
     * caller decides how long each is remembered).
     */
    List<String> takeLines() {
        List<String> taken = lines;
        lines = List.of();
        return taken;
    }

    /** Appends the line (a newline is added). */
    void append(String line) throws IOException {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        if (bytes.length + 1 > REGION - PAGE) {
            throw new IOException("line of " + bytes.length + " bytes, over the limit of " + (REGION - PAGE - 1));
        }
        if (bytes.length + 1 > region.remaining()) {
            map(regionStart + region.position());
        }
        region.put(bytes);
        region.put((byte) '\n');
    }

    /** Maps a region starting at the page holding {@code offset}, positioned there. */
    private void map(long offset) throws IOException {
        long start = offset - offset % PAGE;
        region = channel.map(FileChannel.MapMode.READ_WRITE, start, REGION);
        regionStart = start;
        region.position((int) (offset - start));
    }

    @Override
    public void close() throws IOException {
        region = null; // unmapped when collected; the written pages are the file's already
        channel.close();
    }
}
