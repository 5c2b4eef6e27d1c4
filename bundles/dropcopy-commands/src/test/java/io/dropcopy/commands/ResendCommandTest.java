package io.dropcopy.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResendCommandTest {

    @Test
    void asksTheHubAndSaysHowManyRequests() throws Exception {
        List<String> calls = new ArrayList<>();
        InMemoryHub memory = new InMemoryHub();
        memory.add("demo", "DEMO");
        io.dropcopy.session.api.DropCopyHub hub = (io.dropcopy.session.api.DropCopyHub) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {io.dropcopy.session.api.DropCopyHub.class}, (p, m, args) -> {
                    if (m.getName().equals("resend")) {
                        calls.add(args[0] + " " + args[1] + ".." + args[2] + " by " + args[3]);
                        return null;
                    }
                    return m.invoke(memory, args);
                });
        ResendCommand c = new ResendCommand();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        c.hub = hub;
        c.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        c.name = "demo";
        c.from = 100;
        c.to = 6_099;
        c.execute();
        assertEquals(List.of("demo 100..6099 by console"), calls);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("6000 messages, 3 requests of at most 2,500"), out);

        ResendCommand unknown = new ResendCommand();
        unknown.hub = hub;
        unknown.name = "nope";
        unknown.from = 1;
        assertThrows(IllegalArgumentException.class, unknown::execute);
    }
}
