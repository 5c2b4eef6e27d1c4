package io.dropcopy.sink.file;

import io.dropcopy.model.JsonObjectReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One open journal file (one group, one trade date): its channel, its length and the identities it holds. */
final class JournalFile implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(JournalFile.class);

    final Path path;
    private final FileSink.Format format;
    private final FileChannel channel;
    final IdentityIndex index = new IdentityIndex();
    private long size;
    private boolean headerPresent;
    /** Events written and not yet forced to disk. */
    int pending;
    /** Group commit: told (null, or the failure) once the records written so far are forced. */
    final List<java.util.function.Consumer<Throwable>> waiting = new java.util.ArrayList<>();
    /** Bytes cut off on open (a record cut short by a crash), 0 when the file was whole. */
    final long repairedBytes;
    /** Complete records that could not be read back (damaged in the middle of the file): kept, logged, skipped. */
    int unreadable;
    int records;

    private JournalFile(Path path, FileSink.Format format, FileChannel channel, long repairedBytes) {
        this.path = path;
        this.format = format;
        this.channel = channel;
        this.repairedBytes = repairedBytes;
    }

    /**
     * Opens (creating it and its directory when needed, both forced to disk) and reads the file back: every
     * identity it holds is indexed; a last record without its line break is cut off (and logged).
     */
    static JournalFile open(Path path, FileSink.Format format) throws IOException {
        Path dir = path.getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            FileSink.forceDirectory(dir.getParent());
        }
        boolean existed = Files.exists(path);
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            if (!existed) {
                FileSink.forceDirectory(dir);
            }
            long length = channel.size();
            Scan scan = new Scan(format);
            long valid;
            try (InputStream in = Files.newInputStream(path)) {
                valid = RecordScanner.scan(in, length, format == FileSink.Format.CSV, scan);
            }
            long cut = length - valid;
            if (cut > 0) {
                LOG.warn("{}: the last record was cut short ({} bytes without a line break, a crash while writing): "
                        + "truncated to {} bytes, the message will be written again when it comes again", path, cut, valid);
                channel.truncate(valid);
                channel.force(true);
            }
            JournalFile file = new JournalFile(path, format, channel, cut);
            file.size = valid;
            file.headerPresent = scan.header != null;
            file.records = scan.records;
            file.unreadable = scan.unreadable;
            scan.identities.forEach(file.index::add);
            if (scan.unreadable > 0) {
                LOG.warn("{}: {} complete records could not be read back and were left as they are", path, scan.unreadable);
            }
            channel.position(valid);
            return file;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Appends one record (and, to a new CSV file, the header first). On failure the file is left as it was. */
    void append(String record, Identity id) throws IOException {
        String text = format == FileSink.Format.CSV && !headerPresent ? Csv.headerLine() + record : record;
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        long before = size;
        try {
            long position = before;
            while (bytes.hasRemaining()) {
                position += channel.write(bytes, position);
            }
            size = position;
        } catch (IOException | RuntimeException e) {
            try {
                channel.truncate(before); // no half record left behind (disk full, I/O error)
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        headerPresent = true;
        index.add(id);
        records++;
        pending++;
    }

    void force() throws IOException {
        if (pending > 0) {
            channel.force(false);
            pending = 0;
        }
    }

    /** Everything forced: the waiting callbacks become ready. */
    void releaseWaiting(List<Runnable> ready) {
        if (!waiting.isEmpty()) {
            for (java.util.function.Consumer<Throwable> w : waiting) {
                ready.add(() -> w.accept(null));
            }
            waiting.clear();
        }
    }

    /** The records may not be on disk: the waiting callbacks learn why. */
    void failWaiting(Throwable why, List<Runnable> ready) {
        if (!waiting.isEmpty()) {
            for (java.util.function.Consumer<Throwable> w : waiting) {
                ready.add(() -> w.accept(why));
            }
            waiting.clear();
        }
    }

    long size() {
        return size;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Reads the records back: identities, and for CSV the header naming the columns. */
    private static final class Scan implements RecordScanner.RecordHandler {
        final FileSink.Format format;
        final List<Identity> identities = new java.util.ArrayList<>();
        Map<String, Integer> header;
        int unreadable;
        int records;

        Scan(FileSink.Format format) {
            this.format = format;
        }

        @Override
        public void record(String record, long endOffset) {
            try {
                if (format == FileSink.Format.JSONL) {
                    identities.add(Identity.ofJson(JsonObjectReader.read(record)));
                    records++;
                    return;
                }
                List<String> fields = Csv.parse(record);
                if (header == null) {
                    header = new HashMap<>();
                    for (int c = 0; c < fields.size(); c++) {
                        header.put(fields.get(c), c);
                    }
                    if (!header.containsKey("targetSession") || !header.containsKey("seqNum")) {
                        throw new IllegalArgumentException("the first record is not the header row");
                    }
                    return;
                }
                identities.add(new Identity(Identity.stream(get(fields, "targetSession"), get(fields, "outerSenderSubId"),
                        get(fields, "outerTargetSubId")), Long.parseLong(get(fields, "seqNum")), get(fields, "execId")));
                records++;
            } catch (RuntimeException e) {
                if (unreadable++ < 5) {
                    LOG.warn("unreadable record ending at offset {}: {}", endOffset, e.getMessage());
                }
                if (format == FileSink.Format.CSV && header == null) {
                    throw new IllegalStateException("not a drop copy CSV journal (no header row): " + e.getMessage(), e);
                }
            }
        }

        private String get(List<String> fields, String column) {
            Integer c = header.get(column);
            return c == null || c >= fields.size() ? null : fields.get(c);
        }
    }
}
