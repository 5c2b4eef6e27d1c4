package io.dropcopy.reliability;

import static io.dropcopy.reliability.DatabaseOutageTest.await;
import static io.dropcopy.reliability.DatabaseOutageTest.freePort;
import static io.dropcopy.reliability.DatabaseOutageTest.sessionProperties;
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
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
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
 * so the broker drops the copy: none twice.
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
                            // Artemis' duplicate detection, as the shipped route
                            .setHeader("_AMQ_DUPL_ID", simple(CrashRecoveryTest.DUPLICATE_ID))
                            .removeHeaders("DropCopy*")
                            .to("jms:topic:dropcopy.DEMO?connectionFactory=#dropcopyJms&jmsMessageType=Text"
                                    + "&deliveryPersistent=true")
                            .process(e -> routed.incrementAndGet());
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
            long routedWhileDown = routed.get();
            assertEquals("DOWN", session.status().health(), "health while the broker is down: " + session.status());
            LockSupport.parkNanos(Duration.ofSeconds(3).toNanos());
            assertEquals(routedWhileDown, routed.get(), "nothing routed while the broker is down");
            broker = broker(brokerPort);       // back, same journal
            await("the simulator finished and the session caught up", Duration.ofSeconds(180),
                    () -> sim.isFinished() && session.status().received() >= sim.sentCount()
                            && session.status().resendInFlight() == null);

            long sent = sim.sentCount();
            assertEquals("UP", session.status().health(), "health once the broker is back");
            Map<Long, Integer> copies = new HashMap<>();
            try (Connection c = subscribe(cf)) {
                MessageConsumer consumer = c.createSession(false, Session.AUTO_ACKNOWLEDGE)
                        .createDurableSubscriber(topicOf(c), "reliability");
                c.start();
                for (Message m = consumer.receive(10_000); m != null; m = consumer.receive(2_000)) {
                    copies.merge(m.getLongProperty("seqNum"), 1, Integer::sum);
                }
            }
            long doubled = copies.values().stream().filter(n -> n > 1).count();
            assertEquals(sent, copies.size(), "every message reached the JMS consumer");
            assertEquals(0, doubled, "none published twice (Artemis drops a copy by its duplicate id)");
            assertTrue(failed.get() > 0);
            System.out.printf("BrokerOutageTest: %d messages, Artemis stopped after %d and restarted, %d failed sends"
                    + " retried by resend, 0 lost, %d published twice%n", sent, routedWhileDown, failed.get(),
                    doubled);
        } finally {
            camel.close();
            session.close();
            sim.stop();
            cf.close();
            broker.stop();
        }
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
