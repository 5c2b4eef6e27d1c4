package io.dropcopy.session.internal;

import io.dropcopy.session.api.DeadLetter;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Durable dead letters: one JSON line per message that could not be translated, written and forced
 * to disk before the session counts the message as received. File per session and UTC day; replays are
 * recorded in a file of their own so the dead letters themselves are never rewritten.
 */
final class DeadLetterFile {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final Pattern LINE = Pattern.compile("^\\{\"time\":\"([^\"]*)\",\"targetSession\":\"((?:[^\"\\\\]|\\\\.)*)\","
            + "\"seqNum\":(\\d+),\"reason\":\"((?:[^\"\\\\]|\\\\.)*)\",\"raw\":\"((?:[^\"\\\\]|\\\\.)*)\"\\}$");

    private final Path dir;
    private final String session;

    DeadLetterFile(Path dir, String session) {
        this.dir = dir;
        this.session = session;
    }

    /** Appends one dead letter and forces it to disk; an I/O failure propagates so the message is not consumed. */
    synchronized Path write(long seqNum, String reason, String raw) throws IOException {
        Instant now = Instant.now();
        Path file = dir.resolve(session + "-" + DAY.format(now) + ".jsonl");
        append(file, "{\"time\":\"" + now + "\",\"targetSession\":" + quote(session) + ",\"seqNum\":" + seqNum
                + ",\"reason\":" + quote(reason) + ",\"raw\":" + quote(raw) + "}\n");
        return file;
    }

    /** Records that the dead letter with this sequence number was re-submitted successfully. */
    synchronized void markReplayed(long seqNum, String operator) throws IOException {
        append(dir.resolve(session + "-replayed.jsonl"), "{\"time\":\"" + Instant.now() + "\",\"seqNum\":" + seqNum
                + ",\"operator\":" + quote(operator) + "}\n");
    }

    /** Every dead letter of this session, oldest first. */
    synchronized List<DeadLetter> read() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        Set<Long> replayed = new HashSet<>();
        Path replays = dir.resolve(session + "-replayed.jsonl");
        if (Files.exists(replays)) {
            Matcher m = Pattern.compile("\"seqNum\":(\\d+)").matcher(Files.readString(replays, StandardCharsets.UTF_8));
            while (m.find()) {
                replayed.add(Long.parseLong(m.group(1)));
            }
        }
        List<Path> files;
        try (Stream<Path> all = Files.list(dir)) {
            files = all.filter(p -> p.getFileName().toString().matches(Pattern.quote(session) + "-\\d{8}\\.jsonl"))
                    .sorted().collect(Collectors.toList());
        }
        List<DeadLetter> letters = new ArrayList<>();
        for (Path f : files) {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                Matcher m = LINE.matcher(line);
                if (m.matches()) {
                    long seq = Long.parseLong(m.group(3));
                    letters.add(new DeadLetter(unquote(m.group(2)), seq, m.group(1), unquote(m.group(4)),
                            unquote(m.group(5)), replayed.contains(seq)));
                }
            }
        }
        return letters;
    }

    Path dir() {
        return dir;
    }

    private void append(Path file, String line) throws IOException {
        Files.createDirectories(dir);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }

    static String quote(String s) {
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

    static String unquote(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                if (n == 'u' && i + 4 < s.length()) {
                    out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                } else {
                    out.append(n);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
