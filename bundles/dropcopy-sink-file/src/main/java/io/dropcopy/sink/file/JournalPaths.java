package io.dropcopy.sink.file;

import io.dropcopy.model.DropCopyEvent;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

/**
 * Where an event's record goes: {@code <directory>/<group>/<date>.<extension>}, {@code <date>} being the event's trade
 * date or, without one, the UTC date it was first sent (the same file again whenever the message comes again).
 * Thread-safe.
 */
final class JournalPaths {
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final Path directory;
    private final String extension;
    private volatile LastFile lastFile;

    JournalPaths(Path directory, String extension) {
        this.directory = directory;
        this.extension = extension;
    }

    /** The journal file of a group and date: {@code <directory>/<group>/<yyyy-MM-dd>.<extension>}. */
    Path of(String group, String date) {
        if (group == null || !SAFE_NAME.matcher(group).matches()) {
            throw new IllegalArgumentException("group '" + group + "' cannot name a directory (letters, digits, '.', '_', '-')");
        }
        LocalDate.parse(date); // yyyy-MM-dd, nothing else
        return directory.resolve(group).resolve(date + "." + extension);
    }

    /** The journal file an event goes to. */
    Path of(DropCopyEvent event) {
        String group = event.group();
        String date = fileDate(event);
        LastFile last = lastFile;
        if (last != null && last.group().equals(group) && last.date().equals(date)) {
            return last.path(); // nearly every event goes where the one before went: skip the checks and the resolve
        }
        Path path = of(group, date);
        lastFile = new LastFile(group, date, path);
        return path;
    }

    /** The event's trade date, else the date of OrigSendingTime(122) on a resent copy, else of SendingTime(52). */
    static String fileDate(DropCopyEvent event) {
        String tradeDate = event.tradeDate();
        if (tradeDate != null) {
            return tradeDate;
        }
        String sent = event.origSendingTime();
        if (sent == null) {
            sent = event.sendingTime();
        }
        if (sent != null && sent.length() >= 10) {
            return sent.substring(0, 10);
        }
        return LocalDate.now(ZoneOffset.UTC).toString();
    }

    private record LastFile(String group, String date, Path path) {
    }
}
