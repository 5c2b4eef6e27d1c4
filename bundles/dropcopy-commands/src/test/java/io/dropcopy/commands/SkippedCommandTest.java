package io.dropcopy.commands;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.SinkCounters;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SkippedCommandTest {

    private static String run(List<SinkCounters> sinks) {
        SkippedCommand c = new SkippedCommand();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        c.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        c.sinks = sinks;
        c.execute();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void eachSinksSkipsAndWhereTheyAreListed() {
        SinkCounters jdbc = new SinkCounters() {
            @Override
            public List<Count> counts() {
                return List.of(new Count("dropcopy-jdbc:demo", 1200, 14, 37, 2));
            }

            @Override
            public String whereListed() {
                return "table dropcopy_skipped: SELECT ...";
            }
        };
        String text = run(List.of(jdbc));
        assertTrue(text.matches("(?s).*dropcopy-jdbc:demo\\s*\\|\\s*37\\s*\\|\\s*2\\s*\\|\\s*1200\\s*\\|\\s*14.*"), text);
        assertTrue(text.contains("Listed with the reason in table dropcopy_skipped: SELECT ..."), text);
    }

    @Test
    void saysSoWhenNoSinkCounts() {
        assertTrue(run(null).startsWith("No sink that counts skips is running"), run(null));
    }
}
