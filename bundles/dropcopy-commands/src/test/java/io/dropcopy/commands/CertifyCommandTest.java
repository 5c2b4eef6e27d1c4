package io.dropcopy.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.simulator.certify.Scenarios;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dropcopy:certify's arguments; the scenarios themselves run against the real consumer in the session and itests. */
class CertifyCommandTest {
    private final InMemoryHub hub = new InMemoryHub();

    @TempDir
    Path tmp;

    private CertifyCommand command(String name, String... trailing) {
        CertifyCommand c = new CertifyCommand();
        c.hub = hub;
        c.out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        c.name = name;
        c.trailing = trailing.length == 0 ? null : new ArrayList<>(List.of(trailing));
        c.output = tmp.toString();
        return c;
    }

    @Test
    void anUnknownScenarioIsRefusedWithTheListOfScenarios() {
        hub.add("demo", "DEMO");
        String message = assertThrows(IllegalArgumentException.class,
                () -> command("demo", "--scenario", "nosuch").execute()).getMessage();
        assertTrue(message.startsWith("no scenario named 'nosuch' (scenarios: cgw-logon, logon-failover,"), message);
    }

    @Test
    void theSessionMayBeLeftOutOnlyWhenThereIsOne() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> command(null).execute()).getMessage()
                .contains("no drop copy session is configured"));
        hub.add("demo", "DEMO");
        hub.add("other", "OTHER");
        String which = assertThrows(IllegalArgumentException.class, () -> command("--scenario", "x").execute()).getMessage();
        assertEquals("which session? dropcopy:certify <session> (sessions: demo, other)", which);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> command("nosuch").execute()).getMessage()
                .contains("no drop copy session named 'nosuch'"));
    }

    @Test
    void scenarioNamesComplete() {
        assertEquals(13, Scenarios.names().size());
        assertTrue(Scenarios.names().contains("bi-directional-resend"));
    }
}
