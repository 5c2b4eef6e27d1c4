package io.dropcopy.certify.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.certify.Scenarios;
import io.dropcopy.session.api.DropCopyHub;
import io.dropcopy.session.api.SessionStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dropcopy:certify's arguments; the scenarios themselves run against the real consumer in AutoCertScenariosTest and the itests. */
class CertifyCommandTest {
    private final Map<String, SessionStatus> sessions = new TreeMap<>();
    /** The hub as dropcopy:certify sees it before a run: the configured sessions. */
    private final DropCopyHub hub = (DropCopyHub) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {DropCopyHub.class}, (proxy, method, args) -> {
                switch (method.getName()) {
                    case "sessions":
                        return List.copyOf(sessions.values());
                    case "session":
                        return Optional.ofNullable(sessions.get((String) args[0]));
                    default:
                        throw new UnsupportedOperationException(method.getName());
                }
            });

    private void add(String name, String group) {
        sessions.put(name, new SessionStatus(name, group, "LOGGED_ON", true, "127.0.0.1:19000", 5, 78, 77, 0, 0, true,
                "2026-11-25T07:40:00.125Z"));
    }

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
        add("demo", "DEMO");
        String message = assertThrows(IllegalArgumentException.class,
                () -> command("demo", "--scenario", "nosuch").execute()).getMessage();
        assertTrue(message.startsWith("no scenario named 'nosuch' (scenarios: cgw-logon, logon-failover,"), message);
    }

    @Test
    void theSessionMayBeLeftOutOnlyWhenThereIsOne() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> command(null).execute()).getMessage()
                .contains("no drop copy session is configured"));
        add("demo", "DEMO");
        add("other", "OTHER");
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
