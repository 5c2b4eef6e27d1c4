package io.dropcopy.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappedKeyLogTest {

    @Test
    void linesAppendedAreReadBackAfterAReopen(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys");
        try (MappedKeyLog log = new MappedKeyLog(file)) {
            assertEquals(List.of(), log.takeLines());
            log.append("M2L000N/7#41@1764064800000000001");
            log.append("M2L000N/8#42@1764064800000000002");
        }
        try (MappedKeyLog log = new MappedKeyLog(file)) {
            assertEquals(List.of("M2L000N/7#41@1764064800000000001", "M2L000N/8#42@1764064800000000002"), log.takeLines());
            log.append("third");
        }
        try (MappedKeyLog log = new MappedKeyLog(file)) {
            List<String> lines = log.takeLines();
            assertEquals(3, lines.size());
            assertEquals("third", lines.get(2));
            assertEquals(List.of(), log.takeLines(), "given once: the log keeps no reference to them");
        }
    }

    @Test
    void whatIsAppendedIsInTheFileWithoutClosingIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys");
        MappedKeyLog writer = new MappedKeyLog(file); // never closed: as when the JVM dies
        writer.append("one");
        writer.append("two");
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("one\ntwo\n\u0000"), "the file as read by another reader: " + text.substring(0, 12));
        try (MappedKeyLog reader = new MappedKeyLog(file)) {
            assertEquals(List.of("one", "two"), reader.takeLines());
        }
        writer.close();
    }

    @Test
    void aPartialLastLineIsDroppedAndOverwritten(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys");
        byte[] crashed = new byte[64];
        byte[] written = "a\nb\nhalf-writ".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(written, 0, crashed, 0, written.length);
        Files.write(file, crashed);
        try (MappedKeyLog log = new MappedKeyLog(file)) {
            assertEquals(List.of("a", "b"), log.takeLines());
            log.append("c");
        }
        try (MappedKeyLog log = new MappedKeyLog(file)) {
            assertEquals(List.of("a", "b", "c"), log.takeLines(), "no trace of the partial line");
        }
    }

    @Test
    void theFileGrowsPastOneMappedRegion(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys");
        List<String> expected = new ArrayList<>();
        char[] pad = new char[97];
        Arrays.fill(pad, 'k');
        try (MappedKeyLog log = new MappedKeyLog(file)) {
            // lines of 100 bytes do not divide the region: one straddles its end
            for (int i = 0; expected.size() * 100L < 2L * MappedKeyLog.REGION + 12_345; i++) {
                String line = String.format("%02d", i % 100) + new String(pad);
                expected.add(line);
                log.append(line);
            }
        }
        try (MappedKeyLog log = new MappedKeyLog(file)) {
            assertEquals(expected, log.takeLines());
        }
    }
}
