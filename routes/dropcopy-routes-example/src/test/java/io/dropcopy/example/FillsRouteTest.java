package io.dropcopy.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dropcopy.camel.DropCopyComponent;
import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.EventKind;
import io.dropcopy.model.testing.TestMessages;
import io.dropcopy.session.api.DropCopyHub;
import io.dropcopy.session.api.DropCopyListener;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example's RouteBuilder in a plain Camel context (how to test a route bundle without Karaf): the dropcopy:
 * component over a hub that hands it events as a session does, synchronously.
 */
class FillsRouteTest {
    @TempDir
    Path dir;

    @Test
    void appendsEachFillAsOneJsonLineAndNothingElse() throws Exception {
        AtomicReference<DropCopyListener> consumer = new AtomicReference<>();
        DropCopyHub hub = (DropCopyHub) Proxy.newProxyInstance(DropCopyHub.class.getClassLoader(),
                new Class<?>[] {DropCopyHub.class}, (proxy, method, args) -> {
                    if (method.getName().equals("subscribe")) {
                        consumer.set((DropCopyListener) args[1]);
                        return (AutoCloseable) () -> consumer.set(null);
                    }
                    if (method.getName().equals("toString")) {
                        return "test hub";
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        TestMessages traffic = TestMessages.generate(500, 3L);
        FillsRouteBuilder routes = new FillsRouteBuilder();
        routes.setGroup(TestMessages.GROUP);
        routes.setDirectory(dir.toString());
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addComponent("dropcopy", new DropCopyComponent(hub));
            camel.addRoutes(routes);
            camel.start();
            for (DropCopyEvent e : traffic.events) {
                consumer.get().onEvent(e);
            }
        }
        List<String> expected = new ArrayList<>();
        for (DropCopyEvent e : traffic.events) {
            if (e.kind() == EventKind.FILL || e.kind() == EventKind.PARTIAL_FILL) {
                expected.add(e.toJson());
            }
        }
        List<String> lines = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                lines.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
            }
        }
        assertEquals(expected.size(), lines.size(), "one line per fill");
        assertEquals(new java.util.HashSet<>(expected), new java.util.HashSet<>(lines));
    }
}
