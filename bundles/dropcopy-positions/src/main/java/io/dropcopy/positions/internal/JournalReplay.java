package io.dropcopy.positions.internal;

import io.dropcopy.model.JsonObjectReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds positions from the file sink's durable journal, {@code <directory>/<group>/<yyyy-MM-dd>.jsonl}, written
 * and forced to disk before the sink's route returns: what a crash cannot lose. Files of trade dates from
 * {@code from} on are read in date order, each line in its order; a line that cannot be read (a half-written last
 * line is repaired by the sink itself) is counted and skipped.
 */
final class JournalReplay {
    private static final Logger LOG = LoggerFactory.getLogger(JournalReplay.class);
    private static final Pattern FILE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}\\.jsonl");

    static final class Summary {
        int files;
        long lines;
        long unreadable;

        @Override
        public String toString() {
            return files + " file(s), " + lines + " line(s), " + unreadable + " unreadable";
        }
    }

    private JournalReplay() {
    }

    static Summary replay(Path directory, LocalDate from, RiskEngine engine) throws IOException {
        Summary s = new Summary();
        if (!Files.isDirectory(directory)) {
            return s;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> groups = Files.newDirectoryStream(directory, Files::isDirectory)) {
            for (Path group : groups) {
                try (DirectoryStream<Path> days = Files.newDirectoryStream(group)) {
                    for (Path day : days) {
                        String name = day.getFileName().toString();
                        if (FILE.matcher(name).matches() && !LocalDate.parse(name.substring(0, 10)).isBefore(from)) {
                            files.add(day);
                        }
                    }
                }
            }
        }
        files.sort((a, b) -> {
            int c = a.getFileName().toString().compareTo(b.getFileName().toString());
            return c != 0 ? c : a.compareTo(b);
        });
        for (Path file : files) {
            s.files++;
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                long n = 0;
                while ((line = in.readLine()) != null) {
                    n++;
                    if (line.isBlank()) {
                        continue;
                    }
                    s.lines++;
                    ExecReport r;
                    try {
                        r = ReportAdapter.fromJournal(JsonObjectReader.read(line));
                    } catch (RuntimeException e) {
                        s.unreadable++;
                        LOG.warn("{} line {}: not read back ({}), skipped", file, n, e.getMessage());
                        continue;
                    }
                    engine.replayed(r);
                }
            }
        }
        LOG.info("Positions rebuilt from {}: {}", directory, s);
        return s;
    }
}
