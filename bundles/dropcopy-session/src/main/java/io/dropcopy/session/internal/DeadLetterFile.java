package io.dropcopy.session.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Durable dead letters: one JSON line per message that could not be translated, written and forced
 * to disk before the session counts the message as received. File per session and UTC day.
 */
final class DeadLetterFile {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private final Path dir;
    private final String session;

    DeadLetterFile(Path dir, String session) {
        this.dir = dir;
        this.session = session;
    }

    /** Appends one dead letter and forces it to disk; an I/O failure propagates so the message is not consumed. */
    synchronized Path write(long seqNum, String reason, String raw) throws IOException {
        Instant now = Instant.now();
        Files.createDirectories(dir);
        Path file = dir.resolve(session + "-" + DAY.format(now) + ".jsonl");
        String line = "{\"time\":\"" + now + "\",\"targetSession\":" + quote(session) + ",\"seqNum\":" + seqNum
                + ",\"reason\":" + quote(reason) + ",\"raw\":" + quote(raw) + "}\n";
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        return file;
    }

    Path dir() {
        return dir;
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
