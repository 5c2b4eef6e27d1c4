package io.dropcopy.reliability;

import static io.dropcopy.reliability.DatabaseOutageTest.await;
import static io.dropcopy.reliability.DatabaseOutageTest.holds;
import static io.dropcopy.reliability.DatabaseOutageTest.sessionProperties;
import static io.dropcopy.testsupport.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.camel.DropCopyComponent;
import io.dropcopy.session.api.DropCopyHub;
import io.dropcopy.session.api.EmbeddedSession;
import io.dropcopy.session.api.SessionBuilder;
import io.dropcopy.simulator.CmeSimulator;
import io.dropcopy.simulator.SimulatorConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.concurrent.atomic.AtomicLong;
import javax.jms.Connection;
import javax.jms.Message;
import javax.jms.MessageConsumer;
import javax.jms.Session;
import javax.jms.Topic;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real pipeline: simulator over TCP, the session, the hub, a Camel route {@code dropcopy:DEMO} to a JMS topic on a
 * real embedded Artemis (persistent journal), read by a plain JMS durable subscriber. The broker is stopped mid-stream
 * and started again on the same journal. While it is down the route fails, the session does not count the message,
 * reports DOWN and asks for it again; afterwards the subscriber holds every message: none lost. A message the broker
 * took just before it went away comes again by resend: the route sets Artemis' duplicate id as the shipped route does,
 * so the broker drops the copy. The consumer's messages are compared by identity (target session / sequence number /
 * ExecID) with the simulator's own message store ({@link SentLedger}): none missing, none twice. That the broker's
 * duplicate detection ran is shown, not assumed: once after the restart the route fails right after a send the
 * broker acknowledged (as a crash between the send and the session's bookkeeping would), the message comes again by
 * resend, is sent a second time with the same duplicate id, and the consumer still gets it once.
 */
class BrokerOutageTest {
    private static final int ORDERS = Integer.getInteger("dropcopy.reliability.orders", 400);

    @TempDir
    Path tmp;

    private EmbeddedActiveMQ broker(int port) throws Exception {
        Configuration config = new ConfigurationImpl()
                .setPersistenceEnabled(true)
                .setJournalDirectory(tmp.resolve("artemis/journal").toString())
                .setBindingsDirectory(tmp.resolve("artemis/bindings").toString())
                .setPagingDirectory(tmp.resolve("artemis/paging").toString())
                .setLargeMessagesDirectory(tmp.resolve("artemis/large-messages").toString())
                .setSecurityEnabled(false)
                .addAcceptorConfiguration("dropcopy", "tcp://127.0.0.1:" + port + "?protocols=CORE");
        return new EmbeddedActiveMQ().setConfiguration(config).start();
    }

    @Test
    void brokerStoppedMidStreamAndRestartedLosesNothing() throws Exception {
        int brokerPort = freePort();
        EmbeddedActiveMQ broker = broker(brokerPort);
        // the route's factory: reconnects on its own once the broker is back
        ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort
                + "?reconnectAttempts=0");
        subscribe(cf).close();                 // the durable subscription exists before the first message

        int simPort = freePort();
        CmeSimulator sim = new CmeSimulator(SimulatorConfig.builder().port(simPort).orders(ORDERS).rate(150)
                .targetCompId("DEMO01N").accessKeyId(DatabaseOutageTest.ACCESS_KEY)
                .secretKey(DatabaseOutageTest.SECRET).storeDir(tmp.resolve("sim")).build());
        DropCopyHub hub = SessionBuilder.newHub();
        EmbeddedSession session = SessionBuilder.configuration(sessionProperties("127.0.0.1:" + simPort))
                .dataDir(tmp.resolve("data")).hub(hub).build();
        AtomicLong routed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        // identity -> sends the broker acknowledged (counted by this test after each send returned)
        Map<String, Integer> sends = new ConcurrentHashMap<>();
        AtomicBoolean brokerBack = new AtomicBoolean();
        AtomicReference<String> injected = new AtomicReference<>();
        DefaultCamelContext camel = new DefaultCamelContext();
        try {
            camel.getRegistry().bind("dropcopyJms", cf);
            camel.addComponent("dropcopy", new DropCopyComponent(hub));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // as the shipped dropcopy-jms-route.yaml: a synchronous persistent send, its failure reaches the session
                    onException(Exception.class).process(e -> failed.incrementAndGet()).handled(false);
                    from("dropcopy:DEMO").routeId("jms")
                            .setHeader("targetSession", header("DropCopyTargetSession"))
                            .setHeader("seqNum", header("DropCopySeqNum"))
                            .setHeader("execId", header("DropCopyExecId"))
                            // Artemis' duplicate detection, as the shipped route
                            .setHeader("_AMQ_DUPL_ID", simple(CrashRecoveryTest.DUPLICATE_ID))
                            .removeHeaders("DropCopy*")
                            .to("jms:topic:dropcopy.DEMO?connectionFactory=#dropcopyJms&jmsMessageType=Text"
                                    + "&deliveryPersistent=true")
                            .process(e -> {
                                String id = identity(e.getMessage());
                                sends.merge(id, 1, Integer::sum);
                                // once after the restart: the broker took the message, then the route fails before
                                // the session counts it (as a crash between the two would), so it comes again
                                if (brokerBack.get() && injected.compareAndSet(null, id)) {
                                    throw new IllegalStateException("failure injected after the send of " + id);
                                }
                                routed.incrementAndGet();
                            });
                }
            });
            sim.start();
            session.start();
            camel.start();                     // the route subscribes to group DEMO: the session logs on

            await("a third of the stream routed", Duration.ofSeconds(90), () -> routed.get() > ORDERS);
            broker.stop();                     // the broker goes away mid-stream
            long failedBefore = failed.get();
            await("the route failing while the broker is down", Duration.ofSeconds(60),
                    () -> failed.get() > failedBefore);
            // the route's failure reaches the session's health after the route's own error handler counted it
            await("health DOWN while the broker is down", Duration.ofSeconds(30),
                    () -> "DOWN".equals(session.status().health()));
            long routedWhileDown = routed.get();
            holds("nothing routed while the broker is down", Duration.ofSeconds(3),
                    () -> routed.get() == routedWhileDown);
            broker = broker(brokerPort);       // back, same journal
            brokerBack.set(true);
            await("the simulator finished and the session caught up", Duration.ofSeconds(180),
                    () -> sim.isFinished() && session.status().received() >= sim.sentCount()
                            && session.status().resendInFlight() == null);

            long sent = sim.sentCount();
            assertEquals("UP", session.status().health(), "health once the broker is back");
            Map<String, Integer> copies = new HashMap<>();
            long deliveries = 0;
            try (Connection c = subscribe(cf)) {
                MessageConsumer consumer = c.createSession(false, Session.AUTO_ACKNOWLEDGE)
                        .createDurableSubscriber(topicOf(c), "reliability");
                c.start();
                for (Message m = consumer.receive(10_000); m != null; m = consumer.receive(2_000)) {
                    copies.merge(identity(m), 1, Integer::sum);
                    deliveries++;
                }
            }
            sim.stop();
            SentLedger ledger = SentLedger.read(tmp.resolve("sim"));
            assertEquals(sent, ledger.size(), "the simulator's store holds every business message it sent");
            assertEquals(List.of(), SentLedger.compare("JMS consumer", ledger.identities("demo"), copies),
                    "the consumer got each message the simulator sent once");
            // the dedup path ran: identities the broker acknowledged twice or more, delivered once
            List<String> sentTwice = sends.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                    .sorted().collect(Collectors.toList());
            assertTrue(injected.get() != null && sentTwice.contains(injected.get()),
                    "the message whose route failed after its send was sent again: " + injected.get() + ", " + sentTwice);
            assertTrue(failed.get() > 0);
            System.out.printf("BrokerOutageTest: %d messages, Artemis stopped after %d and restarted, %d failed sends"
                    + " retried by resend; compared by identity with the simulator's store: 0 missing, 0 delivered"
                    + " twice (%d deliveries); %d identities sent to the broker twice and dropped by its duplicate"
                    + " detection %s (1 by a failure injected after the send)%n", sent, routedWhileDown, failed.get(),
                    deliveries, sentTwice.size(), SentLedger.first(sentTwice));
        } finally {
            camel.close();
            session.close();
            sim.stop();
            cf.close();
            broker.stop();
        }
    }

    private static String identity(Object message) throws Exception {
        if (message instanceof Message) {
            Message m = (Message) message;
            return SentLedger.identity(m.getStringProperty("targetSession"), m.getLongProperty("seqNum"),
                    m.getStringProperty("execId"));
        }
        org.apache.camel.Message m = (org.apache.camel.Message) message;
        return SentLedger.identity(m.getHeader("targetSession", String.class), m.getHeader("seqNum", Long.class),
                m.getHeader("execId", String.class));
    }

    private static Topic topicOf(Connection c) throws Exception {
        return c.createSession(false, Session.AUTO_ACKNOWLEDGE).createTopic("dropcopy.DEMO");
    }

    /** A connection with the subscriber's client id; closing it keeps the durable subscription. */
    private static Connection subscribe(ActiveMQConnectionFactory cf) throws Exception {
        Connection c = cf.createConnection();
        c.setClientID("reliability-consumer");
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        s.createDurableSubscriber(s.createTopic("dropcopy.DEMO"), "reliability").close();
        return c;
    }
}
