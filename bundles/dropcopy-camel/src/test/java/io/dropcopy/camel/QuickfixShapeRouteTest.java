package io.dropcopy.camel;

import static org.apache.camel.component.quickfixj.QuickfixjEndpoint.EVENT_CATEGORY_KEY;
import static org.apache.camel.component.quickfixj.QuickfixjEndpoint.MESSAGE_TYPE_KEY;
import static org.apache.camel.component.quickfixj.QuickfixjEndpoint.SESSION_ID_KEY;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.session.api.DropCopyHub;
import io.dropcopy.session.api.EmbeddedSession;
import io.dropcopy.session.api.SessionBuilder;
import io.dropcopy.simulator.CmeSimulator;
import io.dropcopy.simulator.SimulatorConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.quickfixj.QuickfixjEventCategory;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.SessionID;
import quickfix.field.ExecType;
import quickfix.field.MsgType;
import quickfix.fix42.ExecutionReport;

/**
 * A route written for camel-quickfix's consumer (as its documentation writes them: filters on the EventCategory and
 * MessageType headers, a typed ExecutionReport body) consuming a drop copy group over real TCP from the simulator.
 */
class QuickfixShapeRouteTest {
    private static final String ACCESS_KEY = "DEMO-ACCESS-KEY-0001";
    private static final String SECRET = "2HlZ7exg8jTKltXnURjKvm3GS5iF5n4ClzHiEm_ocv4";
    private static final int ORDERS = 40;

    @TempDir
    Path tmp;

    @Test
    void aCamelQuickfixRouteReceivesExactlyTheFillsTheSimulatorSentAndTheLogon() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path record = tmp.resolve("sent.rec");
        CmeSimulator sim = new CmeSimulator(SimulatorConfig.builder().port(port).orders(ORDERS).rate(200)
                .targetCompId("DEMO01N").accessKeyId(ACCESS_KEY).secretKey(SECRET).storeDir(tmp.resolve("sim"))
                .record(record).build());
        DropCopyHub hub = SessionBuilder.newHub();
        Map<String, Object> config = new HashMap<>();
        config.put("name", "demo");
        config.put("group", "DEMO");
        config.put("senderCompId", "DEMO01N");
        config.put("senderSubId", "OPS1");
        config.put("senderLocationId", "US,IL");
        config.put("addresses", "127.0.0.1:" + port);
        config.put("reconnectInterval", "1");
        config.put("accessKeyId", ACCESS_KEY);
        config.put("secretKey", SECRET);
        EmbeddedSession session = SessionBuilder.configuration(config).dataDir(tmp.resolve("data")).hub(hub).build();

        List<String> fills = new CopyOnWriteArrayList<>();
        List<Object> sessionIds = new CopyOnWriteArrayList<>();
        List<String> timeline = new CopyOnWriteArrayList<>(); // event categories in arrival order
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addComponent("dropcopy", new DropCopyComponent(hub));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("dropcopy:DEMO?exchangeShape=quickfix").routeId("as-for-camel-quickfix")
                            .process(e -> timeline.add(String.valueOf(e.getIn().getHeader(EVENT_CATEGORY_KEY))))
                            .filter(header(EVENT_CATEGORY_KEY).isEqualTo(QuickfixjEventCategory.AppMessageReceived))
                            .filter(header(MESSAGE_TYPE_KEY).isEqualTo(MsgType.EXECUTION_REPORT))
                            .process(e -> {
                                ExecutionReport report = e.getIn().getBody(ExecutionReport.class);
                                char execType = report.getExecType().getValue();
                                if (execType == ExecType.TRADE || execType == ExecType.FILL
                                        || execType == ExecType.PARTIAL_FILL) {
                                    fills.add(report.getExecID().getValue());
                                    sessionIds.add(e.getIn().getHeader(SESSION_ID_KEY));
                                }
                            });
                }
            });
            sim.start();
            session.start();
            camel.start();

            await("the simulator finished and the session took everything").atMost(Duration.ofSeconds(120))
                    .until(() -> sim.isFinished() && session.status().received() >= sim.sentCount());
            session.close();
            await("the logoff reported").atMost(Duration.ofSeconds(10))
                    .until(() -> timeline.contains(QuickfixjEventCategory.SessionLogoff.name()));
        } finally {
            session.close();
            sim.close();
        }

        List<String> sent = fillsIn(record);
        assertFalse(sent.isEmpty(), "the simulator sent fills");
        assertEquals(sent, fills, "exactly the fills sent, in order, each once");
        System.out.printf("camel-quickfix route: %d fills of %d messages sent, events %s%n", fills.size(), sim.sentCount(),
                timeline.stream().filter(c -> !c.equals("AppMessageReceived")).collect(java.util.stream.Collectors.toList()));

        // the target session as CME's messages address it (the simulator, like CME's examples, echoes no location id)
        SessionID expected = new SessionID("FIX.4.2", "DEMO01N", "OPS1", null, "CME", null, null, null);
        assertTrue(sessionIds.stream().allMatch(expected::equals),
                "the drop copy target session: " + new java.util.HashSet<>(sessionIds));

        String created = QuickfixjEventCategory.SessionCreated.name();
        String logon = QuickfixjEventCategory.SessionLogon.name();
        String app = QuickfixjEventCategory.AppMessageReceived.name();
        assertEquals(created, timeline.get(0), "SessionCreated first: " + timeline.subList(0, 3));
        assertEquals(1, timeline.stream().filter(logon::equals).count(), "one logon");
        assertTrue(timeline.indexOf(logon) < timeline.indexOf(app), "the logon before the first message");
        assertEquals(QuickfixjEventCategory.SessionLogoff.name(), timeline.get(timeline.size() - 1));
    }

    /** The ExecIDs of the fills in the simulator's record of what it put on the wire, read without the product. */
    private static List<String> fillsIn(Path record) throws IOException {
        List<String> execIds = new ArrayList<>();
        for (String line : Files.readAllLines(record, StandardCharsets.UTF_8)) {
            int space = line.indexOf(' ');
            if (line.isBlank() || line.startsWith("#") || space < 0) {
                continue;
            }
            String wire = line.substring(space + 1).replace("\\u0001", "\u0001");
            int open = wire.indexOf("<RTRF>");
            if (!wire.startsWith("8=FIX.4.2\u00019=") || !wire.contains("\u000135=n\u0001") || open < 0) {
                continue;
            }
            String inner = wire.substring(open + "<RTRF>".length(), wire.indexOf("</RTRF>"));
            Map<String, String> tags = new HashMap<>();
            for (String field : inner.split("\u0001")) {
                int eq = field.indexOf('=');
                if (eq > 0) {
                    tags.putIfAbsent(field.substring(0, eq), field.substring(eq + 1));
                }
            }
            String execType = tags.get("150");
            if ("8".equals(tags.get("35")) && ("F".equals(execType) || "1".equals(execType) || "2".equals(execType))) {
                execIds.add(tags.get("17"));
            }
        }
        return execIds;
    }
}
