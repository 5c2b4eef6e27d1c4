package io.dropcopy.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.camel.DropCopyComponent;
import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.EventKind;
import io.dropcopy.model.testing.TestMessages;
import io.dropcopy.session.api.DeferredDropCopyListener;
import io.dropcopy.session.api.DropCopyHub;
import io.dropcopy.sink.file.camel.FileSinkComponent;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example's RouteBuilder in a plain Camel context (how to test a route bundle without Karaf): the dropcopy:
 * component over a hub that hands it events as a session does on {@code delivery=async} (without waiting for each,
 * then waiting for every completion), and the dropcopy-file: component.
 */
class FillsRouteTest {
    @TempDir
    Path dir;

    @Test
    void appendsEachFillOnceAsOneJsonLineAndCountsItOnce() throws Exception {
        AtomicReference<DeferredDropCopyListener> consumer = new AtomicReference<>();
        DropCopyHub hub = (DropCopyHub) Proxy.newProxyInstance(DropCopyHub.class.getClassLoader(),
                new Class<?>[] {DropCopyHub.class}, (proxy, method, args) -> {
                    if (method.getName().equals("subscribeDeferred")) {
                        consumer.set((DeferredDropCopyListener) args[2]);
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
        List<DropCopyEvent> fills = new ArrayList<>();
        for (DropCopyEvent e : traffic.events) {
            if (e.kind() == EventKind.FILL || e.kind() == EventKind.PARTIAL_FILL) {
                fills.add(e);
            }
        }
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addComponent("dropcopy", new DropCopyComponent(hub));
            camel.addComponent("dropcopy-file", new FileSinkComponent()); // in Karaf: bundle dropcopy-sink-file
            camel.addRoutes(routes);
            camel.start();
            deliverAll(consumer.get(), traffic.events);
            // every message again, as after a crash before the session stored its position: nothing doubles
            deliverAll(consumer.get(), traffic.events);
        }

        List<String> lines = new ArrayList<>();
        try (var files = Files.list(dir.resolve(TestMessages.GROUP))) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".jsonl")).sorted()::iterator) {
                lines.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
            }
        }
        List<String> expected = fills.stream().map(DropCopyEvent::toJson).toList();
        assertEquals(expected.size(), lines.size(), "one line per fill");
        assertEquals(new HashSet<>(expected), new HashSet<>(lines));

        // the net quantities are those of each fill applied once (the copies were skipped)
        NetPositions once = new NetPositions();
        fills.forEach(once::apply);
        for (DropCopyEvent e : fills) {
            assertEquals(once.get(e.field(1), e.symbol()), routes.positions().get(e.field(1), e.symbol()),
                    e.field(1) + "/" + e.symbol());
        }
        assertTrue(!fills.isEmpty());
    }

    /** Hands every event over without waiting, then waits until every exchange completed; throws on a failure. */
    private static void deliverAll(DeferredDropCopyListener consumer, List<DropCopyEvent> events) throws Exception {
        CountDownLatch completed = new CountDownLatch(events.size());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (DropCopyEvent e : events) {
            consumer.onEvent(e, new DeferredDropCopyListener.Completion() {
                @Override
                public void committed() {
                    completed.countDown();
                }

                @Override
                public void failed(Throwable cause) {
                    failure.compareAndSet(null, cause);
                    completed.countDown();
                }
            });
        }
        assertTrue(completed.await(60, TimeUnit.SECONDS), "every exchange completed");
        assertNull(failure.get(), "no exchange failed");
    }
}
