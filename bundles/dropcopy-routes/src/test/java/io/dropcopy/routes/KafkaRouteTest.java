package io.dropcopy.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.dropcopy.camel.DropCopyComponent;
import io.dropcopy.kafka.testbroker.KafkaBroker;
import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.testing.TestMessages;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped route file {@code dropcopy-kafka-route.yaml}, unchanged, with camel-kafka 3.20 and kafka-clients 3.0.0
 * (what Camel's {@code camel-kafka} Karaf feature installs) against a real Apache Kafka 4.4 broker (KRaft) in a JVM of
 * its own, read back with a plain Kafka consumer: events handed over as a session does on {@code delivery=async}
 * (up to 2,000 in flight) arrive once, keyed by their order id, each order in one partition in the session's order,
 * the value valid event JSON. With no broker the exchange fails, which reaches the drop copy session (the message
 * would be asked for again).
 * <p>
 * {@code -Ddropcopy.kafka.events=N} sets the number of events (default 2,000); the time the route took is printed.
 */
class KafkaRouteTest {
    static final String TOPIC = "dropcopy.DEMO";
    static final int PARTITIONS = 3;

    @TempDir
    static Path tmp;
    static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = TestKafka.broker();
        // The route file asks to create the topic before the first event, with the partitions it needs.
        TestKafka.createTopic(TOPIC, PARTITIONS);
    }

    @Test
    void eventsArriveOnceKeyedByOrderIdInTheSessionsOrderPerOrder() throws Exception {
        int count = Integer.getInteger("dropcopy.kafka.events", 2_000);
        TestMessages traffic = TestMessages.generate(count, 6L);
        InMemoryHub hub = new InMemoryHub();
        long elapsedNanos;
        try (DefaultCamelContext camel = routeContext(hub, broker.bootstrapServers());
                RouteFileDeployer deployer = deployShippedRoute(camel)) {
            long start = System.nanoTime();
            // as a session hands them to a delivery=async route: up to 2,000 in flight (its default maxInFlight),
            // each completed by the producer's callback once Kafka acknowledged it (acks=all)
            hub.deliverPipelined(traffic.events, 2_000);
            elapsedNanos = System.nanoTime() - start;
            // every exchange completed: the broker must hold every record now, without waiting for anything
            assertEquals(count, endOffsetSum(TOPIC, PARTITIONS), "completed only once acknowledged");
        }
        System.out.printf("KafkaRouteTest: %d events through dropcopy-kafka-route.yaml (delivery=async, acks=all, "
                + "idempotent) in %d ms: %.0f events/s%n", count, elapsedNanos / 1_000_000,
                count / (elapsedNanos / 1e9));

        List<ConsumerRecord<String, String>> records = consumeAll(TOPIC, PARTITIONS, count);
        assertEquals(count, records.size(), "one record per event");

        Map<String, DropCopyEvent> sent = new HashMap<>();
        for (DropCopyEvent e : traffic.events) {
            sent.put(e.targetSession() + "#" + e.seqNum(), e);
        }
        Schema schema = eventSchema();
        Set<String> seen = new HashSet<>();
        Map<String, Integer> partitionOfOrder = new HashMap<>();
        Map<String, List<Long>> receivedPerOrder = new HashMap<>();
        for (ConsumerRecord<String, String> r : records) {
            List<Error> errors = schema.validate(r.value(), InputFormat.JSON);
            if (!errors.isEmpty()) {
                fail("record " + r.partition() + "@" + r.offset() + " is not valid event JSON: " + errors + "\n" + r.value());
            }
            String id = header(r, "DropCopyTargetSession") + "#" + header(r, "DropCopySeqNum");
            DropCopyEvent e = sent.get(id);
            assertNotNull(e, "record " + id + " is one of the events sent");
            assertTrue(seen.add(id), "record " + id + " only once");
            assertEquals(e.toJson(), r.value(), "the value is the event's JSON");
            assertEquals(e.orderId(), r.key(), "the key is the order id");
            if (r.key() != null) {
                Integer before = partitionOfOrder.putIfAbsent(r.key(), r.partition());
                assertTrue(before == null || before == r.partition(), "order " + r.key() + " in one partition");
                receivedPerOrder.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(e.seqNum());
            }
        }
        Map<String, List<Long>> sentPerOrder = traffic.events.stream().filter(e -> e.orderId() != null)
                .collect(Collectors.groupingBy(DropCopyEvent::orderId, Collectors.mapping(DropCopyEvent::seqNum,
                        Collectors.toList())));
        assertEquals(sentPerOrder, receivedPerOrder, "each order's events in the order the session received them");
        assertEquals(PARTITIONS, new HashSet<>(partitionOfOrder.values()).size(), "orders spread over the partitions");
        assertTrue(traffic.busted.size() > 0 && traffic.corrected.size() > 0, "the traffic has busts and corrections");
    }

    @Test
    void withNoBrokerTheRouteFailsAndTheFailureReachesTheSession() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        InMemoryHub hub = new InMemoryHub();
        TestMessages traffic = TestMessages.generate(1, 7L);
        try (DefaultCamelContext camel = routeContext(hub, "127.0.0.1:" + closedPort);
                RouteFileDeployer deployer = deployShippedRoute(camel)) {
            long start = System.nanoTime();
            Exception failure = assertThrows(Exception.class, () -> hub.deliver(traffic.events.get(0)));
            assertNotNull(failure);
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(40).toNanos(),
                    "bounded by the route's maxBlockMs/deliveryTimeoutMs, not Kafka's defaults");
        }
    }

    private DefaultCamelContext routeContext(InMemoryHub hub, String brokers) {
        DefaultCamelContext camel = new DefaultCamelContext();
        Properties props = new Properties();
        props.setProperty("dropcopy.kafka.brokers", brokers);
        camel.getPropertiesComponent().setInitialProperties(props);
        camel.addComponent("dropcopy", new DropCopyComponent(hub.hub));
        camel.start();
        return camel;
    }

    /** Deploys the shipped file, unchanged, as the dropcopy-routes bundle does. */
    private RouteFileDeployer deployShippedRoute(DefaultCamelContext camel) throws Exception {
        Path routes = Files.createTempDirectory(tmp, "routes");
        Path basedir = Paths.get(System.getProperty("basedir", "."));
        Files.copy(basedir.resolve("../../routes/dropcopy-kafka-route.yaml"), routes.resolve("dropcopy-kafka-route.yaml"));
        RouteFileDeployer deployer = new RouteFileDeployer(camel, routes, Duration.ofHours(1));
        deployer.start();
        assertNull(deployer.status().get("dropcopy-kafka-route.yaml").error());
        return deployer;
    }

    static List<ConsumerRecord<String, String>> consumeAll(String topic, int partitions, int expected) throws Exception {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.broker().bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> topicPartitions = new ArrayList<>();
            for (int i = 0; i < partitions; i++) {
                topicPartitions.add(new TopicPartition(topic, i));
            }
            consumer.assign(topicPartitions);
            consumer.seekToBeginning(topicPartitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            // read until nothing more comes for 2 s after the expected count (a duplicate would show as one more)
            long quietSince = System.nanoTime();
            while (System.nanoTime() < deadline) {
                int before = records.size();
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                if (records.size() > before) {
                    quietSince = System.nanoTime();
                } else if (records.size() >= expected && System.nanoTime() - quietSince > 2_000_000_000L) {
                    break;
                }
            }
        }
        return records;
    }

    /** The records the broker holds in the topic, read once (the partitions' high watermarks). */
    static long endOffsetSum(String topic, int partitions) throws Exception {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.broker().bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> topicPartitions = new ArrayList<>();
            for (int i = 0; i < partitions; i++) {
                topicPartitions.add(new TopicPartition(topic, i));
            }
            return consumer.endOffsets(topicPartitions, Duration.ofSeconds(30)).values().stream()
                    .mapToLong(Long::longValue).sum();
        }
    }

    static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        assertNotNull(h, "record header " + name);
        return headerValue(name, h.value());
    }

    /** camel-kafka writes String headers as UTF-8 and Long headers as 8 big-endian bytes. */
    private static String headerValue(String name, byte[] value) {
        if (name.equals("DropCopySeqNum")) {
            assertEquals(8, value.length, "DropCopySeqNum is a long");
            return String.valueOf(java.nio.ByteBuffer.wrap(value).getLong());
        }
        return new String(value, StandardCharsets.UTF_8);
    }

    static Schema eventSchema() throws Exception {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(config));
        try (InputStream in = DropCopyEvent.class.getResourceAsStream(DropCopyEvent.SCHEMA_RESOURCE)) {
            return registry.getSchema(in);
        }
    }
}
