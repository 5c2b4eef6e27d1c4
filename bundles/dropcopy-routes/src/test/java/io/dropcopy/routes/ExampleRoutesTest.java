package io.dropcopy.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.camel.DropCopyComponent;
import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.EventKind;
import io.dropcopy.model.testing.TestMessages;
import io.dropcopy.sink.file.camel.FileSinkComponent;
import io.dropcopy.sink.jdbc.camel.JdbcSinkComponent;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import javax.jms.MessageConsumer;
import javax.jms.Session;
import javax.jms.TextMessage;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import io.dropcopy.sink.jms.JmsSinkComponent;

/**
 * The example route files of the repository's {@code routes/} folder, each loaded unchanged by the route file
 * deployer (as {@code etc/dropcopy/routes/} would) and run with realistic traffic (acks, fills, cancel rejects, busts
 * and corrections) against the real thing: an Artemis broker read by a plain JMS consumer, an H2 database read with
 * SQL, a journal read back from disk and a Kafka broker (its own JVM) read by a plain Kafka consumer.
 */
class ExampleRoutesTest {
    static final Set<EventKind> FILLS_BUSTS_CORRECTIONS =
            Set.of(EventKind.FILL, EventKind.PARTIAL_FILL, EventKind.BUST, EventKind.CORRECTION);

    @TempDir
    Path tmp;
    final InMemoryHub hub = new InMemoryHub();
    final TestMessages traffic;

    ExampleRoutesTest() throws Exception {
        traffic = TestMessages.generate(1_000, 21L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dropcopy-jms-fills.yaml", "dropcopy-jms-fills-batch.yaml"})
    void jmsFillsRouteQueuesEachFillBustAndCorrection(String file) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(new ConfigurationImpl()
                .setPersistenceEnabled(true)
                .setJournalDirectory(tmp.resolve("artemis/journal").toString())
                .setBindingsDirectory(tmp.resolve("artemis/bindings").toString())
                .setPagingDirectory(tmp.resolve("artemis/paging").toString())
                .setLargeMessagesDirectory(tmp.resolve("artemis/large-messages").toString())
                .setSecurityEnabled(false)
                .addAcceptorConfiguration("dropcopy", "tcp://127.0.0.1:" + port + "?protocols=CORE")).start();
        try (ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port)) {
            try (DefaultCamelContext camel = context(new Properties());
                    RouteFileDeployer deployer = deploy(camel, file, c -> {
                        c.getRegistry().bind("dropcopyJms", cf);
                        c.addComponent(JmsSinkComponent.SCHEME, new JmsSinkComponent());
                    })) {
                deliverAll();
            }
            // The queue kept them with no consumer there while they were sent.
            List<String> expected = new ArrayList<>();
            for (DropCopyEvent e : traffic.events) {
                if (FILLS_BUSTS_CORRECTIONS.contains(e.kind())) {
                    expected.add(e.execId());
                }
            }
            List<String> received = new ArrayList<>();
            try (javax.jms.Connection connection = cf.createConnection()) {
                connection.start();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer consumer = session.createConsumer(session.createQueue("dropcopy.DEMO.fills"));
                for (TextMessage m = (TextMessage) consumer.receive(10_000); m != null;
                        m = (TextMessage) consumer.receive(500)) {
                    assertEquals(m.getStringProperty("execId"), jsonField(m.getText(), "execId"));
                    assertTrue(FILLS_BUSTS_CORRECTIONS.contains(EventKind.valueOf(
                            m.getStringProperty("kind").toUpperCase())), m.getStringProperty("kind"));
                    received.add(m.getStringProperty("execId"));
                }
            }
            assertEquals(expected, received, "every fill, bust and correction once, in order; nothing else");
            assertTrue(!traffic.busted.isEmpty() && !traffic.corrected.isEmpty());
        } finally {
            broker.stop();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dropcopy-db.yaml", "dropcopy-db-batch.yaml"})
    void dbRouteStoresEachExecutionOnceAndAppliesBustsAndCorrections(String file) throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:" + tmp.resolve("h2/dropcopy").toAbsolutePath());
        // Twice, the second time in a new context, as after a restart: nothing doubles.
        for (int run = 0; run < 2; run++) {
            try (DefaultCamelContext camel = context(new Properties());
                    RouteFileDeployer deployer = deploy(camel, file, c -> {
                        c.getRegistry().bind("dropcopy", ds);
                        c.addComponent("dropcopy-jdbc", new JdbcSinkComponent());
                    })) {
                deliverAll();
            }
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            assertEquals(traffic.executions.size(), count(s, "SELECT COUNT(*) FROM dropcopy_execution"));
            assertEquals(traffic.events.size(), count(s, "SELECT COUNT(*) FROM dropcopy_message"));
            assertEquals(traffic.busted.size(), count(s, "SELECT COUNT(*) FROM dropcopy_execution WHERE status = 'BUSTED'"));
            assertEquals(traffic.corrected.size(),
                    count(s, "SELECT COUNT(*) FROM dropcopy_execution WHERE status = 'CORRECTED'"));
            assertEquals(0, count(s, "SELECT COUNT(*) FROM dropcopy_dead_letter"));
        }
    }

    @Test
    void fileAndKafkaRouteJournalsEverythingOnceAndPublishesTheFillsKeyedByOrder() throws Exception {
        TestKafka.createTopic("dropcopy.fills.DEMO", 3);
        Properties props = new Properties();
        props.setProperty("karaf.data", tmp.toString());
        props.setProperty("dropcopy.kafka.brokers", TestKafka.broker().bootstrapServers());
        try (DefaultCamelContext camel = context(props);
                RouteFileDeployer deployer = deploy(camel, "dropcopy-file-kafka.yaml",
                        c -> c.addComponent("dropcopy-file", new FileSinkComponent()))) {
            deliverAll();
        }
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(tmp.resolve("dropcopy/journal/DEMO"))) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                lines.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
            }
        }
        assertEquals(traffic.events.size(), lines.size(), "the journal: every event once");
        Set<String> journal = new HashSet<>(lines);
        for (DropCopyEvent e : traffic.events) {
            assertTrue(journal.contains(e.toJson()), e.toString());
        }

        List<DropCopyEvent> fills = traffic.events.stream().filter(e -> FILLS_BUSTS_CORRECTIONS.contains(e.kind())).toList();
        List<ConsumerRecord<String, String>> records = KafkaRouteTest.consumeAll("dropcopy.fills.DEMO", 3, fills.size());
        assertEquals(fills.size(), records.size(), "Kafka: the fills, busts and corrections, each once");
        List<String> perOrderSent = new ArrayList<>();
        List<String> perOrderReceived = new ArrayList<>();
        records.sort((a, b) -> a.partition() != b.partition() ? Integer.compare(a.partition(), b.partition())
                : Long.compare(a.offset(), b.offset()));
        for (ConsumerRecord<String, String> r : records) {
            assertEquals(jsonField(r.value(), "orderId"), r.key(), "keyed by order id");
        }
        // Each order's records, in partition order, are its events in the session's order.
        for (String order : fills.stream().map(DropCopyEvent::orderId).distinct().toList()) {
            fills.stream().filter(e -> order.equals(e.orderId())).forEach(e -> perOrderSent.add(e.toJson()));
            records.stream().filter(r -> order.equals(r.key())).forEach(r -> perOrderReceived.add(r.value()));
        }
        assertEquals(perOrderSent, perOrderReceived);
    }

    private DefaultCamelContext context(Properties props) {
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.getPropertiesComponent().setInitialProperties(props);
        camel.addComponent("dropcopy", new DropCopyComponent(hub.hub));
        return camel;
    }

    interface Setup {
        void apply(DefaultCamelContext camel) throws Exception;
    }

    /** The file from routes/, unchanged, in a route directory of its own. */
    private RouteFileDeployer deploy(DefaultCamelContext camel, String file, Setup setup) throws Exception {
        setup.apply(camel);
        camel.start();
        Path dir = Files.createTempDirectory(tmp, "routes");
        Path basedir = Paths.get(System.getProperty("basedir", "."));
        Files.copy(basedir.resolve("../../routes").resolve(file), dir.resolve(file));
        RouteFileDeployer deployer = new RouteFileDeployer(camel, dir, Duration.ofHours(1));
        deployer.start();
        assertNull(deployer.status().get(file).error(), file);
        assertNotNull(hub.listeners.get("DEMO"), file + " consumes group DEMO");
        return deployer;
    }

    /** As a session would: one by one to a synchronous route, up to 2,000 in flight to a delivery=async one. */
    private void deliverAll() throws Exception {
        if (hub.deferredListeners.containsKey(TestMessages.GROUP)) {
            hub.deliverPipelined(traffic.events, 2_000);
            return;
        }
        for (DropCopyEvent e : traffic.events) {
            hub.deliver(e);
        }
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A top-level string field of an event's JSON (enough for the ids compared here). */
    private static String jsonField(String json, String name) {
        String key = "\"" + name + "\":\"";
        int i = json.indexOf(key);
        if (i < 0) {
            return null;
        }
        int start = i + key.length();
        return json.substring(start, json.indexOf('"', start));
    }
}
