package io.dropcopy.sink.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.testing.TestMessages;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import javax.jms.Connection;
import javax.jms.DeliveryMode;
import javax.jms.Message;
import javax.jms.MessageConsumer;
import javax.jms.Session;
import javax.jms.TextMessage;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dropcopy-jms:} against a real Artemis broker (embedded, persistent journal, loopback, a free port) and a
 * plain JMS consumer: exchanges handed over without waiting (as the {@code dropcopy:} consumer's asynchronous delivery
 * does) arrive each once, in order, persistent, with the event's properties, and each exchange completes only once
 * its message is committed on the broker; with the broker stopped in the middle the exchanges fail (no hang), and
 * after its restart, sending again from the first failed one, nothing is missing.
 */
class JmsSinkTest {
    static final String QUEUE = "dropcopy.TEST.fills";
    static final String OK = "ok";

    @TempDir
    Path tmp;
    int port;
    EmbeddedActiveMQ broker;
    ActiveMQConnectionFactory cf;
    CamelContext camel;

    @BeforeEach
    void setUp() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        startBroker();
        cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port);
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("dropcopyJms", cf);
        camel.addComponent(JmsSinkComponent.SCHEME, new JmsSinkComponent());
        camel.start();
    }

    void startBroker() throws Exception {
        Configuration config = new ConfigurationImpl()
                .setPersistenceEnabled(true)
                .setJournalDirectory(tmp.resolve("artemis/journal").toString())
                .setBindingsDirectory(tmp.resolve("artemis/bindings").toString())
                .setPagingDirectory(tmp.resolve("artemis/paging").toString())
                .setLargeMessagesDirectory(tmp.resolve("artemis/large-messages").toString())
                .setSecurityEnabled(false)
                .addAcceptorConfiguration("dropcopy", "tcp://127.0.0.1:" + port + "?protocols=CORE");
        broker = new EmbeddedActiveMQ().setConfiguration(config).start();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (camel != null) {
            camel.close();
        }
        if (cf != null) {
            cf.close();
        }
        if (broker != null) {
            broker.stop();
        }
    }

    /** Hands exchanges over without waiting; each outcome "ok" or its exception. */
    final class Run {
        final AtomicReferenceArray<Object> outcomes;
        final CountDownLatch done;
        final AtomicInteger completed = new AtomicInteger();
        /** Sets Artemis' duplicate id, as the shipped jms: route does: target session / seq num. */
        boolean duplicateIds;

        Run(int n) {
            outcomes = new AtomicReferenceArray<>(n);
            done = new CountDownLatch(n);
        }

        void send(AsyncProducer producer, List<DropCopyEvent> events, int from) {
            for (int i = from; i < events.size(); i++) {
                int index = i;
                DropCopyEvent event = events.get(i);
                Exchange ex = new DefaultExchange(camel);
                ex.getIn().setBody(event.toJson());
                ex.getIn().setHeader("DropCopySeqNum", event.seqNum()); // not sent: DropCopy* headers stay in Camel
                ex.getIn().setHeader("desk", "ops-1"); // sent, as camel-jms sends headers
                if (duplicateIds) {
                    ex.getIn().setHeader("_AMQ_DUPL_ID", event.targetSession() + "/" + event.seqNum());
                }
                ex.setProperty("DropCopyEvent", event);
                producer.process(ex, sync -> {
                    outcomes.set(index - from, ex.getException() == null ? OK : ex.getException());
                    completed.incrementAndGet();
                    done.countDown();
                });
            }
        }

        void await() throws InterruptedException {
            assertTrue(done.await(120, TimeUnit.SECONDS), "every exchange completed: " + completed.get());
        }

        int firstFailure() {
            int first = -1;
            for (int i = 0; i < outcomes.length(); i++) {
                boolean ok = OK.equals(outcomes.get(i));
                if (!ok && first < 0) {
                    first = i;
                }
                if (first >= 0) {
                    assertTrue(!ok, "exchange " + i + " after the failed " + first + " did not fail");
                }
            }
            return first;
        }
    }

    AsyncProducer producer(String options) throws Exception {
        AsyncProducer p = camel.getEndpoint("dropcopy-jms:queue:" + QUEUE + "?connectionFactory=#dropcopyJms&" + options)
                .createAsyncProducer();
        p.start();
        return p;
    }

    /** Everything on the queue now, in order. */
    List<TextMessage> drain() throws Exception {
        List<TextMessage> out = new ArrayList<>();
        try (Connection c = cf.createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(s.createQueue(QUEUE));
            for (Message m; (m = consumer.receive(out.isEmpty() ? 5000 : 1000)) != null;) {
                out.add((TextMessage) m);
            }
        }
        return out;
    }

    @Test
    void eachMessageOnceInOrderPersistentWithItsPropertiesCompletedOnlyOnceCommitted() throws Exception {
        // -Ddropcopy.jms.events=N for a longer run (its rate is printed)
        List<DropCopyEvent> events = TestMessages.generate(Integer.getInteger("dropcopy.jms.events", 2_000), 31).events;
        AsyncProducer producer = producer("batchSize=100&queueSize=300");
        Run run = new Run(events.size());
        long t0 = System.nanoTime();
        run.send(producer, events, 0);
        run.await();
        System.out.printf("dropcopy-jms: %,d persistent messages handed over without waiting, committed in batches of up"
                + " to 100 in %,d ms (%,.0f msg/s; printed, not asserted)%n", events.size(),
                (System.nanoTime() - t0) / 1_000_000, events.size() * 1e9 / (System.nanoTime() - t0));
        assertEquals(-1, run.firstFailure());
        List<TextMessage> got = drain();
        assertEquals(events.size(), got.size(), "each once");
        for (int i = 0; i < events.size(); i++) {
            DropCopyEvent e = events.get(i);
            TextMessage m = got.get(i);
            assertEquals(e.toJson(), m.getText(), "in order: message " + i);
            assertEquals(DeliveryMode.PERSISTENT, m.getJMSDeliveryMode());
            assertEquals(e.seqNum(), m.getLongProperty("seqNum"));
            assertEquals(e.targetSession(), m.getStringProperty("targetSession"));
            assertEquals(e.kind().label(), m.getStringProperty("kind"));
            assertEquals(e.execId() == null || e.execId().isEmpty() ? null : e.execId(), m.getStringProperty("execId"));
            assertEquals("ops-1", m.getStringProperty("desk"));
            assertNull(m.getObjectProperty("DropCopySeqNum"));
        }
        producer.stop();
    }

    @Test
    void aBrokerStoppedMidStreamFailsTheExchangesAndNothingIsLostAfterItsRestart() throws Exception {
        List<DropCopyEvent> events = TestMessages.generate(3_000, 32).events;
        AsyncProducer producer = producer("batchSize=100&queueSize=300");
        Run run = new Run(events.size());
        Thread sender = new Thread(() -> run.send(producer, events, 0), "sender");
        sender.start();
        Awaitility.await("500 exchanges completed").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(1)).until(() -> run.completed.get() >= 500);
        broker.stop(); // under the writer, in the middle of a batch
        run.await();
        sender.join(10_000);
        int failed = run.firstFailure();
        assertTrue(failed > 0 && failed < events.size(), "failed from " + failed);

        startBroker(); // same journal, same port
        Run again = new Run(events.size() - failed);
        again.send(producer, events, failed);
        again.await();
        assertEquals(-1, again.firstFailure(), "after the restart every exchange is taken");
        producer.stop();

        List<TextMessage> got = drain();
        Map<Long, Integer> times = new HashMap<>();
        long previous = -1;
        int backwards = 0;
        for (TextMessage m : got) {
            long seq = m.getLongProperty("seqNum");
            times.merge(seq, 1, Integer::sum);
            if (seq < previous) {
                backwards++;
            }
            previous = seq;
        }
        for (DropCopyEvent e : events) {
            assertTrue(times.containsKey(e.seqNum()), "message " + e.seqNum() + " lost");
        }
        long twice = times.values().stream().filter(n -> n > 1).count();
        // at-least-once: only a batch whose commit landed while its answer was lost can be there twice
        assertTrue(twice <= 100, twice + " messages twice");
        assertTrue(backwards <= 1, "in order, apart from the one resend: " + backwards);
        for (int i = 0; i < failed; i++) {
            assertEquals(1, times.get(events.get(i).seqNum()), "completed before the failure: exactly once");
        }
    }

    @Test
    void connectsWhenItStartsAndStartsWithoutABrokerToo() throws Exception {
        int before = broker.getActiveMQServer().getConnectionCount();
        AsyncProducer producer = producer("batchSize=100");
        // connected before its first message: the first messages do not wait for a connection (it took > 1 s cold)
        assertEquals(before + 1, broker.getActiveMQServer().getConnectionCount(), "connected at start");
        producer.stop();

        broker.stop();
        AsyncProducer late = producer("batchSize=100"); // no broker: starts anyway, connects with the first batch
        startBroker();
        List<DropCopyEvent> events = TestMessages.generate(50, 33).events;
        Run run = new Run(events.size());
        run.send(late, events, 0);
        run.await();
        assertEquals(-1, run.firstFailure(), "the first batch connected");
        assertEquals(events.size(), drain().size());
        late.stop();
    }

    @Test
    void theFirstBatchWaitsForABrokerThatIsStillStartingInsteadOfFailing() throws Exception {
        broker.stop();
        AsyncProducer late = producer("batchSize=100");
        List<DropCopyEvent> events = TestMessages.generate(50, 35).events;
        Run run = new Run(events.size());
        // the broker comes up two seconds after the first batch began to wait for it (as the embedded broker
        // starts after the feature's routes): a pace, not a wait for a condition
        Thread starter = new Thread(() -> {
            try {
                Thread.sleep(2_000);
                startBroker();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "broker-starter");
        starter.start();
        run.send(late, events, 0);
        run.await();
        starter.join(30_000);
        assertEquals(-1, run.firstFailure(), "no exchange failed while the broker was starting");
        assertEquals(events.size(), drain().size());
        late.stop();
    }

    @Test
    void aBatchSentAgainWithArtemisDuplicateIdsKeepsTheNewMessagesAndDropsTheCopies() throws Exception {
        List<DropCopyEvent> events = TestMessages.generate(300, 34).events;
        AsyncProducer producer = producer("batchSize=100&queueSize=300");
        Run first = new Run(150);
        first.duplicateIds = true;
        first.send(producer, events.subList(0, 150), 0);
        first.await();
        assertEquals(-1, first.firstFailure());
        // as after a commit whose answer was lost: the session sends the first 150 again, then the rest; Artemis
        // rolls back every transaction holding a copy (without the one-by-one retry these exchanges fail forever)
        Run again = new Run(300);
        again.duplicateIds = true;
        again.send(producer, events, 0);
        again.await();
        assertEquals(-1, again.firstFailure(), "copies count as delivered, the new ones are committed");
        producer.stop();
        List<TextMessage> got = drain();
        assertEquals(events.size(), got.size(), "each once");
        for (int i = 0; i < events.size(); i++) {
            assertEquals(events.get(i).seqNum(), got.get(i).getLongProperty("seqNum"), "in order: message " + i);
        }
    }

    @Test
    void unclearEndpointsAreRefused() {
        assertThrows(Exception.class, () -> camel.getEndpoint("dropcopy-jms:dropcopy.x?connectionFactory=#dropcopyJms"));
        assertThrows(Exception.class, () -> camel.getEndpoint("dropcopy-jms:queue:x"));
        assertThrows(Exception.class, () -> camel.getEndpoint("dropcopy-jms:queue:x?connectionFactory=#dropcopyJms&batchSize=0"));
    }
}
