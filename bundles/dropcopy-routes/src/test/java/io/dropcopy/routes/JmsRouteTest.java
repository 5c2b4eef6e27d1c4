package io.dropcopy.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.camel.DropCopyComponent;
import io.dropcopy.sink.jms.JmsSinkComponent;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.jms.Connection;
import javax.jms.DeliveryMode;
import javax.jms.Message;
import javax.jms.MessageConsumer;
import javax.jms.Session;
import javax.jms.TextMessage;
import javax.jms.Topic;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped route file {@code dropcopy-jms-route.yaml}, unchanged, against a real Artemis broker (embedded,
 * persistent journal, loopback, a free port): plain JMS consumers receive each event as a persistent text
 * message with the selector properties, in the session's order, and a selector picks the fills; a message
 * delivered again is published once (Artemis' duplicate id); with the broker gone the exchange fails, which reaches
 * the drop copy session (the message would be asked for again).
 */
class JmsRouteTest {
    @TempDir
    Path tmp;
    EmbeddedActiveMQ broker;
    ActiveMQConnectionFactory cf;
    DefaultCamelContext camel;
    RouteFileDeployer deployer;
    InMemoryHub hub = new InMemoryHub();

    @BeforeEach
    void setUp() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Configuration config = new ConfigurationImpl()
                .setPersistenceEnabled(true)
                .setJournalDirectory(tmp.resolve("artemis/journal").toString())
                .setBindingsDirectory(tmp.resolve("artemis/bindings").toString())
                .setPagingDirectory(tmp.resolve("artemis/paging").toString())
                .setLargeMessagesDirectory(tmp.resolve("artemis/large-messages").toString())
                .setSecurityEnabled(false)
                .addAcceptorConfiguration("dropcopy", "tcp://127.0.0.1:" + port + "?protocols=CORE");
        broker = new EmbeddedActiveMQ().setConfiguration(config).start();
        cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port);

        Path routes = tmp.resolve("routes");
        Files.createDirectories(routes);
        Path basedir = Paths.get(System.getProperty("basedir", "."));
        Files.copy(basedir.resolve("../../routes/dropcopy-jms-route.yaml"), routes.resolve("dropcopy-jms-route.yaml"));

        camel = new DefaultCamelContext();
        camel.getRegistry().bind("dropcopyJms", cf);
        camel.addComponent("dropcopy", new DropCopyComponent(hub.hub));
        camel.addComponent(JmsSinkComponent.SCHEME, new JmsSinkComponent()); // in Karaf: bundle dropcopy-sink-jms
        camel.start();
        deployer = new RouteFileDeployer(camel, routes, Duration.ofHours(1));
        deployer.start();
        assertNull(deployer.status().get("dropcopy-jms-route.yaml").error());
        assertNotNull(hub.listeners.get("DEMO"), "the route consumes group DEMO");
    }

    @AfterEach
    void tearDown() throws Exception {
        deployer.close();
        camel.close();
        cf.close();
        broker.stop();
    }

    @Test
    void eventsArriveAsPersistentTextMessagesWithSelectableProperties() throws Exception {
        try (Connection connection = cf.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = session.createTopic("dropcopy.DEMO");
            MessageConsumer all = session.createConsumer(topic);
            MessageConsumer esFills = session.createConsumer(topic,
                    "kind IN ('fill', 'partial_fill') AND symbol = 'ES' AND seqNum > 100");

            // handed over without waiting, as a session does on the route's delivery=async
            hub.deliverPipelined(List.of(InMemoryHub.event("DEMO", 101, "OID1", 1, "0", "ES"),
                    InMemoryHub.event("DEMO", 102, "OID1", 2, "1", "ES"),
                    InMemoryHub.event("DEMO", 103, "OID2", 1, "2", "NQ"),
                    InMemoryHub.event("DEMO", 104, "OID1", 3, "2", "ES")), 2_000);

            List<Message> received = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Message m = all.receive(10_000);
                assertNotNull(m, "message " + (i + 1) + " of 4");
                received.add(m);
            }
            assertNull(all.receiveNoWait(), "one message per event");

            TextMessage first = (TextMessage) received.get(0);
            assertEquals(DeliveryMode.PERSISTENT, first.getJMSDeliveryMode());
            assertTrue(first.getText().startsWith("{\"schemaVersion\":" + io.dropcopy.model.DropCopyEvent.SCHEMA_VERSION + ","), first.getText());
            assertTrue(first.getText().contains("\"execId\":\"OID1-1\""), first.getText());
            assertEquals("DEMO", first.getStringProperty("group"));
            assertEquals("S1", first.getStringProperty("targetSession"));
            assertEquals(101L, first.getLongProperty("seqNum"));
            assertTrue(first.getObjectProperty("seqNum") instanceof Long, "a long, for numeric selectors");
            assertEquals("new", first.getStringProperty("kind"));
            assertEquals("OID1-1", first.getStringProperty("execId"));
            assertEquals("OID1", first.getStringProperty("orderId"));
            assertEquals("ES", first.getStringProperty("symbol"));
            assertEquals("2026-11-25", first.getStringProperty("tradeDate"));
            assertFalse(first.getBooleanProperty("possDup"));
            assertFalse(Collections.list(first.getPropertyNames()).contains("DropCopyGroup"),
                    "the Camel headers are mapped, not copied");
            List<Long> seqs = new ArrayList<>();
            for (Message m : received) {
                seqs.add(m.getLongProperty("seqNum"));
            }
            assertEquals(List.of(101L, 102L, 103L, 104L), seqs, "in the session's order");

            List<String> selected = new ArrayList<>();
            for (Message m = esFills.receive(10_000); m != null; m = esFills.receive(500)) {
                selected.add(m.getStringProperty("execId"));
            }
            assertEquals(List.of("OID1-2", "OID1-3"), selected, "the selector picks the ES fills");
        }
    }

    @Test
    void aMessageDeliveredAgainIsPublishedOnceArtemisDuplicateDetection() throws Exception {
        try (Connection connection = cf.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer all = session.createConsumer(session.createTopic("dropcopy.DEMO"));

            hub.deliver(InMemoryHub.event("DEMO", 201, "OID5", 1, "2", "ES"));
            // the same message again, as after a crash between the send and the session's sequence store
            hub.deliver(InMemoryHub.event("DEMO", 201, "OID5", 1, "2", "ES"));
            hub.deliver(InMemoryHub.event("DEMO", 202, "OID5", 2, "2", "ES"));

            List<Long> seqs = new ArrayList<>();
            for (Message m = all.receive(10_000); m != null; m = all.receive(1_000)) {
                seqs.add(m.getLongProperty("seqNum"));
            }
            assertEquals(List.of(201L, 202L), seqs, "the copy of 201 dropped by the broker");
        }
    }

    @Test
    void withTheBrokerGoneTheRouteFailsAndTheFailureReachesTheSession() throws Exception {
        broker.stop();
        Exception failure = assertThrows(Exception.class,
                () -> hub.deliver(InMemoryHub.event("DEMO", 7, "OID9", 1, "2", "ES")));
        assertNotNull(failure);
    }
}
