package io.dropcopy.session.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Operator events: sequence ranges CME refused to resend. They are recorded durably (one JSON line each in the
 * session's store directory) and shown by the console until an operator resets the session's sequences.
 */
final class UnrecoverableGaps {
    private static final Pattern LINE = Pattern.compile("\"from\":(\\d+),\"to\":(\\d+),\"reason\":\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final Path file;
    private final List<String> gaps = new CopyOnWriteArrayList<>();

    UnrecoverableGaps(Path file) {
        this.file = file;
        if (Files.exists(file)) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    Matcher m = LINE.matcher(line);
                    if (m.find()) {
                        gaps.add(describe(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3)));
                    }
                }
            } catch (IOException e) {
                gaps.add("(cannot read " + file + ": " + e.getMessage() + ")");
            }
        }
    }

    synchronized void add(String session, int from, int to, String reason) throws IOException {
        Files.createDirectories(file.getParent());
        String clean = reason == null ? "" : reason.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("[\\x00-\\x1f]", " ");
        String line = "{\"time\":\"" + Instant.now() + "\",\"targetSession\":\"" + session + "\",\"from\":" + from
                + ",\"to\":" + to + ",\"reason\":\"" + clean + "\"}\n";
        Files.write(file, line.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.SYNC);
        gaps.add(describe(from, to, clean));
    }

    List<String> list() {
        return new ArrayList<>(gaps);
    }

    synchronized void clear() throws IOException {
        Files.deleteIfExists(file);
        gaps.clear();
    }

    private static String describe(int from, int to, String reason) {
        return from + "-" + to + ": " + reason;
    }
}
