package io.dropcopy.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.DropCopyUnwrapper;
import io.dropcopy.model.EventTranslator;
import io.dropcopy.model.FixMessageBuilder;
import io.dropcopy.session.api.DropCopyGroups;
import io.dropcopy.session.api.DropCopyListener;
import io.dropcopy.session.api.SessionStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class DropCopyConsumerTest {

    /** The hub as the session layer sees it: a listener per group, called synchronously. */
    static final class InMemoryHub implements DropCopyGroups {
        final Map<String, List<DropCopyListener>> listeners = new ConcurrentHashMap<>();
        volatile List<SessionStatus> statuses = List.of();

        @Override
        public AutoCloseable subscribe(String group, DropCopyListener listener) {
            listeners.computeIfAbsent(group, g -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(listener);
            return () -> {
                listeners.get(group).remove(listener);
                listeners.remove(group, List.of());
            };
        }

        final Map<String, io.dropcopy.session.api.DeferredDropCopyListener> deferred = new ConcurrentHashMap<>();
        volatile int maxInFlight;

        @Override
        public AutoCloseable subscribeDeferred(String group, int maxInFlight,
                                               io.dropcopy.session.api.DeferredDropCopyListener listener) {
            deferred.put(group, listener);
            this.maxInFlight = maxInFlight;
            return () -> deferred.remove(group);
        }

        @Override
        public AutoCloseable observe(String group, DropCopyListener observer) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<SessionStatus> sessions() {
            return statuses;
        }

        @Override
        public Optional<SessionStatus> session(String name) {
            return Optional.empty();
        }

        void deliver(DropCopyEvent e) throws Exception {
            for (DropCopyListener l : listeners.get(e.group())) {
                l.onEvent(e);
            }
        }
    }

    static DropCopyEvent event(String group, long seq, String execId) throws Exception {
        String inner = new FixMessageBuilder("FIX.4.2", "8").add(34, seq).add(49, "CME").add(56, "M2L000N")
                .add(17, execId).add(37, "OID1").add(150, "2").add(39, "2").add(55, "ES").add(75, "20261125").build();
        String outer = new FixMessageBuilder("FIX.4.2", "n").add(34, seq).add(49, "CME").add(56, "DEMO01N")
                .addData(212, 213, DropCopyUnwrapper.envelope(inner)).build();
        return EventTranslator.translate(outer, group, "S1");
    }

    @Test
    void eachEventBecomesOneExchangeWithHeadersAndAFailedRouteReachesTheSession() throws Exception {
        InMemoryHub hub = new InMemoryHub();
        List<Exchange> received = new ArrayList<>();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addComponent("dropcopy", new DropCopyComponent(hub));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    errorHandler(noErrorHandler());
                    from("dropcopy:DEMO").process(e -> {
                        if ("BAD".equals(e.getIn().getHeader(DropCopyConstants.EXEC_ID))) {
                            throw new IllegalStateException("sink down");
                        }
                        received.add(e.copy());
                    });
                }
            });
            camel.start();
            assertTrue(hub.listeners.containsKey("DEMO"), "starting the route subscribes to the group");

            hub.deliver(event("DEMO", 7, "E-7"));
            assertEquals(1, received.size());
            Exchange ex = received.get(0);
            assertEquals("DEMO", ex.getIn().getHeader(DropCopyConstants.GROUP));
            assertEquals("S1", ex.getIn().getHeader(DropCopyConstants.TARGET_SESSION));
            assertEquals(7L, ex.getIn().getHeader(DropCopyConstants.SEQ_NUM));
            assertEquals("fill", ex.getIn().getHeader(DropCopyConstants.KIND));
            assertEquals("2026-11-25", ex.getIn().getHeader(DropCopyConstants.TRADE_DATE));
            assertTrue(ex.getIn().getBody(String.class).contains("\"execId\":\"E-7\""));

            Exception failure = assertThrows(Exception.class, () -> hub.deliver(event("DEMO", 8, "BAD")));
            assertEquals("sink down", failure.getMessage());

            assertThrows(UnsupportedOperationException.class,
                    () -> camel.getEndpoint("dropcopy:DEMO").createProducer());
            camel.stop();
            assertTrue(hub.listeners.isEmpty(), "stopping the route unsubscribes");
        }
    }

    /** A completion as the session sees it: committed, or failed with what. */
    static final class Outcome implements io.dropcopy.session.api.DeferredDropCopyListener.Completion {
        final java.util.concurrent.CompletableFuture<Throwable> done = new java.util.concurrent.CompletableFuture<>();

        @Override
        public void committed() {
            done.complete(null);
        }

        @Override
        public void failed(Throwable cause) {
            done.complete(cause);
        }
    }

    @Test
    void asyncDeliveryCompletesTheSessionsEventOnlyWhenTheExchangeEndsWhereverItEnds() throws Exception {
        InMemoryHub hub = new InMemoryHub();
        List<org.apache.camel.AsyncCallback> parked = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Exchange> exchanges = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addComponent("dropcopy", new DropCopyComponent(hub));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    errorHandler(noErrorHandler());
                    // a sink committing later: parks the exchange's callback until the test releases it
                    from("dropcopy:DEMO?delivery=async&maxInFlight=7").process(new org.apache.camel.AsyncProcessor() {
                        @Override
                        public boolean process(Exchange exchange, org.apache.camel.AsyncCallback callback) {
                            exchanges.add(exchange);
                            parked.add(callback);
                            return false;
                        }

                        @Override
                        public void process(Exchange exchange) {
                            throw new UnsupportedOperationException("async only");
                        }

                        @Override
                        public java.util.concurrent.CompletableFuture<Exchange> processAsync(Exchange exchange) {
                            throw new UnsupportedOperationException();
                        }
                    });
                }
            });
            camel.start();
            assertTrue(hub.deferred.containsKey("DEMO"), "an async consumer subscribes as deferred");
            assertTrue(hub.listeners.isEmpty());
            assertEquals(7, hub.maxInFlight);

            Outcome first = new Outcome();
            Outcome second = new Outcome();
            hub.deferred.get("DEMO").onEvent(event("DEMO", 7, "E-7"), first);
            hub.deferred.get("DEMO").onEvent(event("DEMO", 8, "E-8"), second);
            assertEquals(2, parked.size(), "both taken at once, neither completed");
            assertTrue(!first.done.isDone() && !second.done.isDone());
            assertEquals("async", exchanges.get(0).getProperty(DropCopyConstants.DELIVERY_PROPERTY));

            exchanges.get(1).setException(new IllegalStateException("broker down"));
            Thread other = new Thread(() -> parked.get(1).done(false)); // completed on another thread, out of order
            other.start();
            other.join();
            assertEquals("broker down", second.done.get(10, java.util.concurrent.TimeUnit.SECONDS).getMessage());
            assertTrue(!first.done.isDone());
            parked.get(0).done(false);
            assertEquals(null, first.done.get(10, java.util.concurrent.TimeUnit.SECONDS));
        }
    }

    @Test
    void aBadDeliveryOptionIsRefusedWhenTheRouteIsBuilt() throws Exception {
        InMemoryHub hub = new InMemoryHub();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addComponent("dropcopy", new DropCopyComponent(hub));
            Exception e = assertThrows(Exception.class, () -> camel.getEndpoint("dropcopy:DEMO?delivery=later"));
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            assertTrue(root.getMessage().contains("delivery must be sync or async"), root.getMessage());
        }
    }

    @Test
    void aBadExchangeShapeIsRefusedWhenTheRouteIsBuilt() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addComponent("dropcopy", new DropCopyComponent(new InMemoryHub()));
            Exception e = assertThrows(Exception.class, () -> camel.getEndpoint("dropcopy:DEMO?exchangeShape=xml"));
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            assertTrue(root.getMessage().contains("exchangeShape must be json or quickfix"), root.getMessage());
        }
    }

    @Test
    void theQuickfixShapeCarriesTheInnerMessageTypedWithCamelQuickfixsHeadersAndTheDropCopyOnes() throws Exception {
        InMemoryHub hub = new InMemoryHub();
        List<Exchange> received = new ArrayList<>();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addComponent("dropcopy", new DropCopyComponent(hub));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("dropcopy:DEMO?exchangeShape=quickfix").process(e -> received.add(e.copy()));
                }
            });
            camel.start();
            hub.deliver(event("DEMO", 7, "E-7"));
            List<Exchange> app = new ArrayList<>();
            for (Exchange e : received) {
                if (e.getIn().getBody() != null) {
                    app.add(e);
                }
            }
            assertEquals(1, app.size());
            Exchange ex = app.get(0);
            quickfix.fix42.ExecutionReport report = ex.getIn().getBody(quickfix.fix42.ExecutionReport.class);
            assertEquals("E-7", report.getExecID().getValue());
            assertEquals("OID1", report.getOrderID().getValue());
            assertEquals("M2L000N", report.getHeader().getString(56), "the inner (source session) header");
            assertEquals(org.apache.camel.component.quickfixj.QuickfixjEventCategory.AppMessageReceived,
                    ex.getIn().getHeader(org.apache.camel.component.quickfixj.QuickfixjEndpoint.EVENT_CATEGORY_KEY));
            assertEquals("8", ex.getIn().getHeader(org.apache.camel.component.quickfixj.QuickfixjEndpoint.MESSAGE_TYPE_KEY));
            assertEquals(new quickfix.SessionID("FIX.4.2", "DEMO01N", "CME"),
                    ex.getIn().getHeader(org.apache.camel.component.quickfixj.QuickfixjEndpoint.SESSION_ID_KEY));
            assertEquals("S1", ex.getIn().getHeader(DropCopyConstants.TARGET_SESSION));
            assertEquals("fill", ex.getIn().getHeader(DropCopyConstants.KIND));
        }
    }

    @Test
    void twoRoutesOfOneContextMayConsumeTheSameGroup() throws Exception {
        InMemoryHub hub = new InMemoryHub();
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addComponent("dropcopy", new DropCopyComponent(hub));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("dropcopy:DEMO").routeId("to-a").process(e -> a.add(e.getIn().getHeader(DropCopyConstants.EXEC_ID, String.class)));
                    from("dropcopy:DEMO").routeId("to-b").process(e -> b.add(e.getIn().getHeader(DropCopyConstants.EXEC_ID, String.class)));
                }
            });
            camel.start();
            hub.deliver(event("DEMO", 9, "E-9"));
            assertEquals(List.of("E-9"), a);
            assertEquals(List.of("E-9"), b);
        }
    }

    @Test
    void theConsumersHealthCheckIsDownWhileASessionOfItsGroupIsDown() throws Exception {
        InMemoryHub hub = new InMemoryHub();
        SessionStatus up = new SessionStatus("a", "DEMO", "LOGGED_ON", true, "h:1", 1, 1, 0, 0, 0, true, null,
                null, List.of(), "h:1");
        SessionStatus failing = up.withRouteFailures(1, "broker down", "2026-11-25T10:00:00Z");
        SessionStatus otherGroup = new SessionStatus("b", "OTHER", "CONNECTING", false, "h:2", 1, 1, 0, 0, 0, true,
                null, null, List.of(), null);
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addComponent("dropcopy", new DropCopyComponent(hub));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("dropcopy:DEMO").process(e -> { });
                }
            });
            camel.start();
            org.apache.camel.health.HealthCheckRegistry registry = org.apache.camel.health.HealthCheckRegistry.get(camel);
            org.apache.camel.health.HealthCheck check = registry.getCheck("dropcopy-DEMO")
                    .orElseThrow(() -> new AssertionError("no health check dropcopy-DEMO"));

            hub.statuses = List.of(up, otherGroup);
            assertEquals(org.apache.camel.health.HealthCheck.State.UP, check.call().getState(), "another group's DOWN is not ours");
            hub.statuses = List.of(failing, otherGroup);
            org.apache.camel.health.HealthCheck.Result down = check.call();
            assertEquals(org.apache.camel.health.HealthCheck.State.DOWN, down.getState());
            assertEquals("a: routes failing since 2026-11-25T10:00:00Z: broker down", down.getMessage().orElse(null));

            camel.getRouteController().stopRoute(camel.getRoutes().get(0).getId());
            assertTrue(registry.getCheck("dropcopy-DEMO").isEmpty(), "gone with the consumer");
        }
    }
}
