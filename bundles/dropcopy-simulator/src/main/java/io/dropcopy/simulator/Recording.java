package io.dropcopy.simulator;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Base64;

/**
 * The record file format: a UTF-8 text file, one line per FIX message as it went onto the wire,
 *
 * <pre>
 * &lt;epochNanos&gt; &lt;message&gt;
 * </pre>
 *
 * <p>{@code epochNanos}: the time the message was written, in nanoseconds since 1970-01-01T00:00:00Z (decimal).
 * {@code message}: either the FIX text with every control character written as {@code \}{@code uXXXX} (SOH is
 * {@code \}{@code u0001}) and every backslash doubled, or {@code b64:} followed by the raw bytes (ISO-8859-1) in
 * base64. The simulator writes the text form; both are read. Lines that are empty or start with {@code #} are
 * comments. A capture of real CME traffic converted to this format replays the same way.
 */
public final class Recording {
    static final String BASE64_PREFIX = "b64:";

    private Recording() {
    }

    /** One recorded message. */
    record Entry(long epochNanos, String message) {
    }

    static long epochNanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** The text form of a message: control characters as backslash-u escapes, backslashes doubled. */
    static String escape(String raw) {
        StringBuilder out = new StringBuilder(raw.length() + raw.length() / 4);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (c < 0x20 || c == 0x7f) {
                out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]); // not String.format: ~20 per message
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (i + 1 >= text.length()) {
                throw new IllegalArgumentException("dangling backslash at " + i);
            }
            char n = text.charAt(++i);
            if (n == '\\') {
                out.append('\\');
            } else if (n == 'u' && i + 4 < text.length()) {
                // by hand: substring + Integer.parseInt per escape was a third of the replaying thread's CPU
                int code = 0;
                for (int k = i + 1; k <= i + 4; k++) {
                    int digit = Character.digit(text.charAt(k), 16);
                    if (digit < 0) {
                        throw new IllegalArgumentException("bad escape at " + (i - 1));
                    }
                    code = code << 4 | digit;
                }
                out.append((char) code);
                i += 4;
            } else {
                throw new IllegalArgumentException("bad escape at " + (i - 1));
            }
        }
        return out.toString();
    }

    /** One line of the file (public for writers of recordings outside this package, e.g. the pipeline benchmark). */
    public static String line(long epochNanos, String raw) {
        return epochNanos + " " + escape(raw);
    }

    /**
     * Parses one line.
     *
     * @return the entry, or null for a comment or an empty line
     * @throws IllegalArgumentException when the line is neither
     */
    static Entry parse(String line) {
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("#")) {
            return null;
        }
        int space = l.indexOf(' ');
        if (space <= 0) {
            throw new IllegalArgumentException("expected '<epochNanos> <message>'");
        }
        long nanos;
        try {
            nanos = Long.parseLong(l.substring(0, space));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + l.substring(0, space) + "' is not a number of nanoseconds");
        }
        String payload = l.substring(space + 1).strip();
        String raw = payload.startsWith(BASE64_PREFIX)
                ? new String(Base64.getDecoder().decode(payload.substring(BASE64_PREFIX.length())),
                        StandardCharsets.ISO_8859_1)
                : unescape(payload);
        return new Entry(nanos, raw);
    }

    /** Appends every outbound message to a file, one line each, flushed at once (so {@code tail -f} works). */
    static final class Writer implements Closeable {
        private final Path file;
        private final BufferedWriter out;
        private long lines;

        Writer(Path file, String comment) throws IOException {
            this.file = file;
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            out.write("# " + comment.replace('\n', ' '));
            out.newLine();
            out.flush();
        }

        Path file() {
            return file;
        }

        synchronized long lines() {
            return lines;
        }

        synchronized void record(long epochNanos, String raw) throws IOException {
            out.write(line(epochNanos, raw));
            out.newLine();
            out.flush();
            lines++;
        }

        @Override
        public synchronized void close() throws IOException {
            out.close();
        }
    }

    /** Reads a file entry by entry. */
    static final class Reader implements Closeable {
        private final Path file;
        private final BufferedReader in;
        private long lineNumber;

        Reader(Path file) throws IOException {
            this.file = file;
            this.in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        }

        /** The next entry, or null at the end of the file. */
        Entry next() throws IOException {
            String line;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                try {
                    Entry e = parse(line);
                    if (e != null) {
                        return e;
                    }
                } catch (IllegalArgumentException e) {
                    throw new IOException(file + " line " + lineNumber + ": " + e.getMessage(), e);
                }
            }
            return null;
        }

        long lineNumber() {
            return lineNumber;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
