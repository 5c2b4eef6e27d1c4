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
final class JournalFile implements Closeable, IdentityIndex.Records {
    private static final Logger LOG = LoggerFactory.getLogger(JournalFile.class);

    final Path path;
    private final FileSink.Format format;
    private final FileChannel channel;
    final IdentityIndex index;
    private long size;
    private boolean headerPresent;
    /** CSV: the columns of this file's header row (an older file may order them differently). */
    private Map<String, Integer> csvHeader;
    /** Events written and not yet forced to disk (nor being forced). */
    int pending;
    /** Forces of this file running outside the sink's lock (on its fsync thread). */
    int forcing;
    /** Evicted while a force was running: closed when it ends. */
    boolean closeWhenForced;
    /** Group commit: told (null, or the failure) once the records written so far are forced. */
    final List<java.util.function.Consumer<Throwable>> waiting = new java.util.ArrayList<>();
    /** Bytes cut off on open (a record cut short by a crash), 0 when the file was whole. */
    final long repairedBytes;
    /** Complete records that could not be read back (damaged in the middle of the file): kept, logged, skipped. */
    int unreadable;
    int records;

    private JournalFile(Path path, FileSink.Format format, FileChannel channel, long repairedBytes, IdentityIndex index) {
        this.index = index;
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
            Scan scan = new Scan(format, new IdentityIndex());
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
            JournalFile file = new JournalFile(path, format, channel, cut, scan.index);
            file.size = valid;
            file.headerPresent = scan.header != null;
            file.csvHeader = scan.header;
            file.records = scan.records;
            file.unreadable = scan.unreadable;
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
        append(record, id, false);
    }

    /**
     * Appends one record. {@code buffered}: only for records acknowledged after their fsync (group commit), kept in
     * memory and handed to the OS in one write with the others by {@link #flush()} (before each force, each read
     * back, or when the buffer is full): one system call per ~100 records instead of one each. On failure the
     * file is left as it was, buffered records included: the caller fails them and reads the file again.
     */
    void append(String record, Identity id, boolean buffered) throws IOException {
        boolean withHeader = format == FileSink.Format.CSV && !headerPresent;
        String header = withHeader ? Csv.headerLine() : "";
        byte[] data = (withHeader ? header + record : record).getBytes(StandardCharsets.UTF_8);
        long before = size;
        long start = withHeader ? before + header.getBytes(StandardCharsets.UTF_8).length : before;
        if (buffered && data.length <= WRITE_BUFFER) {
            if (writeBuffer == null) {
                writeBuffer = new byte[WRITE_BUFFER];
            }
            if (bufferedBytes + data.length > WRITE_BUFFER) {
                flush();
            }
            System.arraycopy(data, 0, writeBuffer, bufferedBytes, data.length);
            bufferedBytes += data.length;
            size += data.length;
        } else {
            flush();
            ByteBuffer bytes = ByteBuffer.wrap(data);
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
        }
        if (withHeader) {
            csvHeader = Scan.columns(Csv.parse(header.substring(0, header.length() - 1)));
        }
        headerPresent = true;
        index.add(id, start);
        records++;
        pending++;
    }

    /** Group commit's write buffer, per open file. */
    private static final int WRITE_BUFFER = 256 * 1024;
    private byte[] writeBuffer;
    private int bufferedBytes;

    /** Hands the buffered records to the OS (one write). On failure none of them is left in the file. */
    void flush() throws IOException {
        if (bufferedBytes == 0) {
            return;
        }
        long from = size - bufferedBytes;
        ByteBuffer bytes = ByteBuffer.wrap(writeBuffer, 0, bufferedBytes);
        try {
            long position = from;
            while (bytes.hasRemaining()) {
                position += channel.write(bytes, position);
            }
        } catch (IOException | RuntimeException e) {
            try {
                channel.truncate(from);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        } finally {
            bufferedBytes = 0;
        }
    }

    void force() throws IOException {
        flush();
        if (pending > 0) {
            channel.force(false);
            pending = 0;
        }
    }

    /** For a force outside the sink's lock ({@link #flush()} done under it): the channel alone, no state touched. */
    void forceChannel() throws IOException {
        channel.force(false);
    }

    /** The waiting callbacks, handed over to whoever forces the records they wait for. */
    List<java.util.function.Consumer<Throwable>> takeWaiting() {
        if (waiting.isEmpty()) {
            return List.of();
        }
        List<java.util.function.Consumer<Throwable>> taken = new java.util.ArrayList<>(waiting);
        waiting.clear();
        return taken;
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

    @Override
    public Identity at(long offset) throws IOException {
        flush(); // read back what this file holds, buffered records included
        Identity[] found = new Identity[1];
        try {
            RecordScanner.scan(new PositionalInput(channel, offset), size - offset, format == FileSink.Format.CSV,
                    (record, end) -> {
                        found[0] = Scan.identity(format, csvHeader, record);
                        throw new StopScan();
                    });
        } catch (StopScan stop) {
            return found[0];
        }
        throw new IOException(path + ": no complete record at offset " + offset);
    }

    @Override
    public boolean containsExecId(String execId) throws IOException {
        LOG.debug("{}: reading the file back for ExecID {}", path, execId);
        flush();
        long headerRowEnd = format == FileSink.Format.CSV ? firstRecordEnd() : 0;
        try {
            RecordScanner.scan(new PositionalInput(channel, 0), size, format == FileSink.Format.CSV, (record, end) -> {
                if (end <= headerRowEnd) {
                    return; // the header row
                }
                try {
                    if (execId.equals(Scan.identity(format, csvHeader, record).execId)) {
                        throw new StopScan();
                    }
                } catch (IllegalArgumentException unreadable) {
                    // left as it is, as on open
                }
            });
        } catch (StopScan stop) {
            return true;
        }
        return false;
    }

    private long headerEnd = -1;

    private long firstRecordEnd() throws IOException {
        flush();
        if (headerEnd < 0) {
            long[] end = new long[1];
            try {
                RecordScanner.scan(new PositionalInput(channel, 0), size, true, (record, e) -> {
                    end[0] = e;
                    throw new StopScan();
                });
            } catch (StopScan stop) {
                headerEnd = end[0];
            }
        }
        return headerEnd;
    }

    /** Ends a scan early. */
    private static final class StopScan extends RuntimeException {
        StopScan() {
            super(null, null, false, false);
        }
    }

    /** Reads the channel from a position on without moving the channel's own position. */
    private static final class PositionalInput extends InputStream {
        private final FileChannel channel;
        private long position;

        PositionalInput(FileChannel channel, long position) {
            this.channel = channel;
            this.position = position;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = channel.read(ByteBuffer.wrap(b, off, Math.min(len, 8192)), position);
            if (n > 0) {
                position += n;
            }
            return n;
        }
    }

    /** Reads the records back into an index (with where each starts), and for CSV the header naming the columns. */
    private static final class Scan implements RecordScanner.RecordHandler {
        final FileSink.Format format;
        final IdentityIndex index;
        Map<String, Integer> header;
        int unreadable;
        int records;
        private long start;

        Scan(FileSink.Format format, IdentityIndex index) {
            this.format = format;
            this.index = index;
        }

        @Override
        public void record(String record, long endOffset) {
            long recordStart = start;
            start = endOffset;
            try {
                if (format == FileSink.Format.CSV && header == null) {
                    header = columns(Csv.parse(record));
                    if (!header.containsKey("targetSession") || !header.containsKey("seqNum")) {
                        throw new IllegalArgumentException("the first record is not the header row");
                    }
                    return;
                }
                index.add(identity(format, header, record), recordStart);
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

        static Map<String, Integer> columns(List<String> fields) {
            Map<String, Integer> h = new HashMap<>();
            for (int c = 0; c < fields.size(); c++) {
                h.put(fields.get(c), c);
            }
            return h;
        }

        /** The identity of one record of a file of this format (CSV: with that file's header). */
        static Identity identity(FileSink.Format format, Map<String, Integer> header, String record) {
            if (format == FileSink.Format.JSONL) {
                return Identity.ofJson(JsonObjectReader.read(record));
            }
            List<String> fields = Csv.parse(record);
            return new Identity(Identity.stream(get(header, fields, "targetSession"), get(header, fields, "outerSenderSubId"),
                    get(header, fields, "outerTargetSubId")), Long.parseLong(get(header, fields, "seqNum")),
                    get(header, fields, "execId"));
        }

        private static String get(Map<String, Integer> header, List<String> fields, String column) {
            Integer c = header.get(column);
            return c == null || c >= fields.size() ? null : fields.get(c);
        }
    }
}
