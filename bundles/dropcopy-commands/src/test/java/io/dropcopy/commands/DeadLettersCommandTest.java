package io.dropcopy.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.session.api.DeadLetter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadLettersCommandTest {

    private static InMemoryHub hub() {
        InMemoryHub hub = new InMemoryHub();
        hub.add("demo", "DEMO");
        hub.deadLetters.put("demo", List.of(
                new DeadLetter("demo", 42, "2026-11-25T08:00:00Z", "XmlData(213) is not enclosed in <RTRF>...</RTRF>",
                        "8=FIX.4.2\u00019=5\u000135=n\u000110=000\u0001", false),
                new DeadLetter("demo", 43, "2026-11-25T08:00:01Z", "still bad: tag 31 is not a decimal", "8=FIX.4.2", false)));
        return hub;
    }

    private static String run(DeadLettersCommand c, InMemoryHub hub) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        c.hub = hub;
        c.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        c.execute();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void listsShowsAndReplays() throws Exception {
        InMemoryHub hub = hub();
        String list = run(new DeadLettersCommand(), hub);
        assertTrue(list.contains("demo:42") && list.contains("demo:43"), list);
        assertTrue(list.contains("not enclosed in <RTRF>"), list);

        DeadLettersCommand show = new DeadLettersCommand();
        show.show = "demo:42";
        String shown = run(show, hub);
        assertTrue(shown.contains("raw: 8=FIX.4.2|9=5|35=n|10=000|"), shown);

        DeadLettersCommand replay = new DeadLettersCommand();
        replay.replay = "demo:42";
        assertTrue(run(replay, hub).contains("re-submitted"));
        assertEquals("console", hub.replayedBy.get("demo:42"));

        DeadLettersCommand stillBad = new DeadLettersCommand();
        stillBad.replay = "demo:43";
        Exception e = assertThrows(IllegalStateException.class, () -> run(stillBad, hub));
        assertTrue(e.getMessage().contains("still does not translate"));

        DeadLettersCommand badId = new DeadLettersCommand();
        badId.show = "demo";
        assertThrows(IllegalArgumentException.class, () -> run(badId, hub));
    }
}
