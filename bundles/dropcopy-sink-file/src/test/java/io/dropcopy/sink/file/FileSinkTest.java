package io.dropcopy.sink.file;

import io.dropcopy.model.testing.TestMessages;
import io.dropcopy.model.JsonObjectReader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSinkTest {
    @TempDir
    Path dir;

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    @Test
    void jsonLinesOnePerEventInTheFileOfItsGroupAndTradeDate() throws Exception {
        DropCopyEvent a = TestMessages.fill(1, "E-1", "ESZ6", "20261125");
        DropCopyEvent b = TestMessages.fill(2, "E-2", "ESZ6", "20261126");
        try (FileSink sink = new FileSink(new FileSinkOptions(dir))) {
            assertEquals(FileSink.Outcome.WRITTEN, sink.write(a));
            assertEquals(FileSink.Outcome.WRITTEN, sink.write(b));
            assertEquals(2, sink.forces(), "fsync=always forces every record");
        }
        Path day1 = dir.resolve("DEMO/2026-11-25.jsonl");
        assertEquals(List.of(a.toJson()), lines(day1));
        assertEquals(List.of(b.toJson()), lines(dir.resolve("DEMO/2026-11-26.jsonl")));
        assertTrue(Files.readString(day1).endsWith("}\n"));
    }

    @Test
    void aMessageWithoutTradeDateGoesToTheDayItWasFirstSent() throws Exception {
        DropCopyEvent e = TestMessages.fill(1, "E-1", "ESZ6", null); // outer 52 = 2026-11-24T23:59:59.999Z
        try (FileSink sink = new FileSink(new FileSinkOptions(dir))) {
            sink.write(e);
            assertEquals(dir.resolve("DEMO/2026-11-24.jsonl"), sink.fileFor(e));
        }
        assertEquals(1, lines(dir.resolve("DEMO/2026-11-24.jsonl")).size());
    }

    @Test
    void aMessageIsWrittenOnceEvenAfterARestart() throws Exception {
        DropCopyEvent a = TestMessages.fill(1, "E-1", "ESZ6", "20261125");
        DropCopyEvent b = TestMessages.fill(2, "E-2", "ESZ6", "20261125");
        DropCopyEvent aAgainNewSeq = TestMessages.fill(9, "E-1", "ESZ6", "20261125"); // PossResend copy: same ExecID
        try (FileSink sink = new FileSink(new FileSinkOptions(dir))) {
            sink.write(a);
            sink.write(b);
            assertEquals(FileSink.Outcome.DUPLICATE, sink.write(a));
            assertEquals(1, sink.duplicates());
        }
        Path file = dir.resolve("DEMO/2026-11-25.jsonl");
        String before = Files.readString(file);
        try (FileSink sink = new FileSink(new FileSinkOptions(dir))) { // restart: identities read back from the file
            assertEquals(FileSink.Outcome.DUPLICATE, sink.write(b));
            assertEquals(FileSink.Outcome.DUPLICATE, sink.write(a));
            assertEquals(FileSink.Outcome.DUPLICATE, sink.write(aAgainNewSeq));
            assertEquals(3, sink.duplicates());
            assertEquals(0, sink.written());
        }
        assertEquals(before, Files.readString(file), "nothing written twice");
    }

    @Test
    void aSequenceNumberUsedAgainByANewExecutionIsWrittenNotDropped() throws Exception {
        try (FileSink sink = new FileSink(new FileSinkOptions(dir))) {
            sink.write(TestMessages.fill(1, "E-1", "ESZ6", "20261125"));
            assertEquals(FileSink.Outcome.WRITTEN_REUSED_SEQUENCE, sink.write(TestMessages.fill(1, "E-77", "ESZ6", "20261125")));
            assertEquals(1, sink.reusedSequences());
        }
        assertEquals(2, lines(dir.resolve("DEMO/2026-11-25.jsonl")).size());
    }

    @Test
    void aLineCutShortByACrashIsRemovedOnOpenAndItsMessageWrittenWhenItComesAgain() throws Exception {
        DropCopyEvent a = TestMessages.fill(1, "E-1", "ESZ6", "20261125");
        DropCopyEvent b = TestMessages.fill(2, "E-2", "ESZ6", "20261125");
        DropCopyEvent c = TestMessages.fill(3, "E-3", "ESZ6", "20261125");
        try (FileSink sink = new FileSink(new FileSinkOptions(dir))) {
            sink.write(a);
            sink.write(b);
        }
        Path file = dir.resolve("DEMO/2026-11-25.jsonl");
        String half = c.toJson().substring(0, c.toJson().length() / 2); // the crash came in the middle of c's line
        Files.writeString(file, half, StandardOpenOption.APPEND);

        try (FileSink sink = new FileSink(new FileSinkOptions(dir))) {
            assertEquals(FileSink.Outcome.DUPLICATE, sink.write(b));
            assertEquals(1, sink.repairedFiles());
            assertEquals(FileSink.Outcome.WRITTEN, sink.write(c), "c was never whole on disk: it is written now");
        }
        assertEquals(List.of(a.toJson(), b.toJson(), c.toJson()), lines(file));
        for (String line : lines(file)) {
            JsonObjectReader.read(line); // every line whole
        }
    }

    @Test
    void csvHasAHeaderOnceAndQuotesPerRfc4180() throws Exception {
        DropCopyEvent a = TestMessages.fill(1, "E-1", "ES \"Z6\", calendar", "20261125");
        DropCopyEvent b = TestMessages.fill(2, "E-2", "plain", "20261125");
        FileSinkOptions options = new FileSinkOptions(dir).withFormat(FileSink.Format.CSV);
        try (FileSink sink = new FileSink(options)) {
            sink.write(a);
        }
        try (FileSink sink = new FileSink(options)) {
            assertEquals(FileSink.Outcome.DUPLICATE, sink.write(a));
            sink.write(b);
        }
        String text = Files.readString(dir.resolve("DEMO/2026-11-25.csv"));
        String[] records = text.split("\r\n", -1);
        assertEquals(4, records.length, "header + 2 records + the empty rest after the last CRLF: " + text);
        assertEquals("", records[3]);
        assertEquals(String.join(",", Csv.COLUMNS), records[0]);
        assertTrue(records[1].contains(",\"ES \"\"Z6\"\", calendar\","), records[1]);
        List<String> fields = Csv.parse(records[1]);
        assertEquals(Csv.COLUMNS.size(), fields.size());
        Map<String, String> row = new java.util.HashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            row.put(Csv.COLUMNS.get(i), fields.get(i));
        }
        assertEquals("fill", row.get("kind"));
        assertEquals("DEMO", row.get("group"));
        assertEquals("demo-cgw", row.get("targetSession"));
        assertEquals("1", row.get("seqNum"));
        assertEquals("E-1", row.get("execId"));
        assertEquals("", row.get("execRefId"));
        assertEquals("ES \"Z6\", calendar", row.get("securityDesc"));
        assertEquals("SELL", row.get("side"));
        assertEquals("5321.25", row.get("lastPx"));
        assertEquals("FILLED", row.get("ordStatus"));
        assertEquals("2026-11-25T14:00:00.000Z", row.get("transactTime"));
        assertEquals("2026-11-25", row.get("tradeDate"));
        assertEquals("DCOPS", row.get("outerTargetSubId"));
    }

    @Test
    void csvDuplicatesAreFoundByReadingRecordsBack() throws Exception {
        DropCopyEvent a = TestMessages.fill(1, "E-1", "ES \"Z6\",\r\n calendar", "20261125");
        DropCopyEvent b = TestMessages.fill(2, "E-2", "plain", "20261125");
        DropCopyEvent aAgainNewSeq = TestMessages.fill(9, "E-1", "ESZ6", "20261125");
        FileSinkOptions options = new FileSinkOptions(dir).withFormat(FileSink.Format.CSV);
        try (FileSink sink = new FileSink(options)) {
            sink.write(a); // with the header row before it
            sink.write(b);
            assertEquals(FileSink.Outcome.DUPLICATE, sink.write(a));
            assertEquals(FileSink.Outcome.DUPLICATE, sink.write(b));
            assertEquals(FileSink.Outcome.DUPLICATE, sink.write(aAgainNewSeq));
            assertEquals(FileSink.Outcome.WRITTEN_REUSED_SEQUENCE, sink.write(TestMessages.fill(2, "E-77", "ESZ6", "20261125")));
        }
        try (FileSink sink = new FileSink(options)) {
            assertEquals(FileSink.Outcome.DUPLICATE, sink.write(aAgainNewSeq));
            assertEquals(FileSink.Outcome.DUPLICATE, sink.write(a));
            assertEquals(FileSink.Outcome.WRITTEN, sink.write(TestMessages.fill(3, "E-3", "ESZ6", "20261125")));
        }
    }

    @Test
    void aCsvRecordCutShortInsideAQuotedFieldIsRemoved() throws Exception {
        DropCopyEvent a = TestMessages.fill(1, "E-1", "plain", "20261125");
        DropCopyEvent b = TestMessages.fill(2, "E-2", "two\r\nlines, \"quoted\"", "20261125");
        FileSinkOptions options = new FileSinkOptions(dir).withFormat(FileSink.Format.CSV);
        try (FileSink sink = new FileSink(options)) {
            sink.write(a);
        }
        Path file = dir.resolve("DEMO/2026-11-25.csv");
        String whole = Files.readString(file);
        String bLine = Csv.line(JsonObjectReader.read(b.toJson()));
        // cut just after the line break inside the quoted field: ends with LF, yet the record is not whole
        Files.writeString(file, bLine.substring(0, bLine.indexOf('\n') + 1), StandardOpenOption.APPEND);
        try (FileSink sink = new FileSink(options)) {
            assertEquals(FileSink.Outcome.WRITTEN, sink.write(b));
            assertEquals(1, sink.repairedFiles());
        }
        assertEquals(whole + bLine, Files.readString(file));
        try (FileSink sink = new FileSink(options)) {
            assertEquals(FileSink.Outcome.DUPLICATE, sink.write(b), "the multi-line record is read back whole");
        }
    }

    @Test
    void aSecondWriterOfTheSameJournalIsRefused() throws Exception {
        try (FileSink sink = new FileSink(new FileSinkOptions(dir))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> new FileSink(new FileSinkOptions(dir)));
            assertTrue(e.getMessage().contains("already written"), e.getMessage());
            // another format is another journal
            new FileSink(new FileSinkOptions(dir).withFormat(FileSink.Format.CSV)).close();
        }
    }

    @Test
    void badOptionsAndGroupsAreRefusedClearly() {
        assertThrows(IllegalArgumentException.class, () -> FileSink.Format.parse("xml"));
        assertThrows(IllegalArgumentException.class, () -> FileSink.Fsync.parse("sometimes"));
        assertThrows(IllegalArgumentException.class, () -> new FileSinkOptions(dir).withBatchEvents(0));
        assertThrows(IllegalArgumentException.class, () -> new FileSinkOptions(dir).withBatchIntervalMs(0));
        assertThrows(IllegalArgumentException.class, () -> new FileSinkOptions(dir).withMaxOpenFiles(0));
    }

    @Test
    void batchForcesAfterNEventsAndOnTheTimer() throws Exception {
        FileSinkOptions options = new FileSinkOptions(dir).withFsync(FileSink.Fsync.BATCH).withBatchEvents(3)
                .withBatchIntervalMs(20);
        try (FileSink sink = new FileSink(options)) {
            sink.write(TestMessages.fill(1, "E-1", "x", "20261125"));
            sink.write(TestMessages.fill(2, "E-2", "x", "20261125"));
            sink.write(TestMessages.fill(3, "E-3", "x", "20261125"));
            GroupCommitTest.awaitTrue(() -> sink.forces() >= 1, "3 events pending: forced on the fsync thread");
            long forced = sink.forces();
            sink.write(TestMessages.fill(4, "E-4", "x", "20261125"));
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (sink.forces() == forced && System.nanoTime() < deadline) {
                Thread.onSpinWait(); // await the timer's force (20 ms)
            }
            assertEquals(forced + 1, sink.forces(), "the timer forced the 4th event");
        }
    }

    @Test
    void rotationKeepsAtMostMaxOpenFilesAndReadsAClosedFileBack() throws Exception {
        FileSinkOptions options = new FileSinkOptions(dir).withMaxOpenFiles(1);
        try (FileSink sink = new FileSink(options)) {
            sink.write(TestMessages.fill(1, "E-1", "x", "20261125"));
            sink.write(TestMessages.fill(2, "E-2", "x", "20261126")); // closes the 25th
            assertEquals(FileSink.Outcome.DUPLICATE, sink.write(TestMessages.fill(1, "E-1", "x", "20261125")));
        }
    }
}
