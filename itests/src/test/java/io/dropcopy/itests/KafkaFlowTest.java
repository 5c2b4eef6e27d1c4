package io.dropcopy.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.features;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import java.io.File;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Feature {@code dropcopy-kafka} in a real Karaf 4.4.6, at boot with {@code dropcopy-demo} and a real Kafka 4.4 broker
 * (KRaft, its own JVM, free loopback port, topics created with 3 partitions): the shipped route file
 * {@code dropcopy-kafka-route.yaml}, unchanged, finds the broker through {@code dropcopy.kafka.brokers} in
 * {@code etc/system.properties} (the documented way) and publishes the simulator's events; a plain Kafka consumer
 * (camel-kafka's kafka-clients 3.0.0 bundle) reads them: keyed by order id, one partition per order, each order's
 * events in sequence order, the value the event's JSON. (10,000-scale and failure cases: dropcopy-routes'
 * KafkaRouteTest.)
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KafkaFlowTest extends ItestSupport {
    private static final String TOPIC = "dropcopy.DEMO";
    /** The simulator sends these many orders (three events each), then nothing more. */
    private static final int ORDERS = 20;

    @Configuration
    public Option[] config() {
        String version = System.getProperty("project.version");
        List<Option> options = new ArrayList<>(List.of(super.config()));
        String[] simulatorPort = new String[1];
        options.addAll(DemoConfiguration.ownPorts(5, simulatorPort));
        String port = simulatorPort[0];
        options.add(features(maven("io.dropcopy.karaf", "features", version).classifier("features").type("xml"),
                "dropcopy-demo", "dropcopy-kafka"));
        // Every configfile placed beforehand, as the assembly build does (see karaf-assembly/pom.xml).
        File basedir = new File(System.getProperty("basedir", "."));
        options.add(replaceConfigurationFile("deploy/dropcopy-demo-route.xml",
                new File(basedir, "../features/src/main/resources/dropcopy-demo-route.xml")));
        options.add(editConfigurationFilePut("etc/io.dropcopy.routes.cfg", "pollInterval", "200"));
        options.add(replaceConfigurationFile("etc/dropcopy/routes/dropcopy-kafka-route.yaml",
                new File(basedir, "../routes/dropcopy-kafka-route.yaml")));
        options.add(editConfigurationFilePut("etc/system.properties", "dropcopy.kafka.brokers",
                KafkaForItests.bootstrapServers(3)));
        options.addAll(DemoConfiguration.simulatorAndSession(port, 20, ORDERS));
        // logged on only once the demo route and the Kafka route both consume group DEMO: Kafka gets every event
        options.add(editConfigurationFilePut("etc/io.dropcopy.session-demo.cfg", "consumers", "2"));
        return options.toArray(new Option[0]);
    }

    @Test
    public void eventsReachKafkaKeyedByOrderIdInOrderPerOrder() throws Exception {
        assertTrue(featureService.isInstalled(featureService.getFeature("dropcopy-kafka")));
        String brokers = System.getProperty("dropcopy.kafka.brokers");
        assertTrue("etc/system.properties read: " + brokers, brokers != null && brokers.startsWith("127.0.0.1:"));

        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        // Deserializer instances, not class names: kafka-clients would look the names up with its own class loader.
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            Diagnosis.await("the route created topic " + TOPIC, 120, () -> {
                List<PartitionInfo> info = consumer.partitionsFor(TOPIC, Duration.ofSeconds(2));
                partitions.clear();
                if (info != null) {
                    info.forEach(i -> partitions.add(new TopicPartition(TOPIC, i.partition())));
                }
                return !partitions.isEmpty();
            }, () -> "partitions: " + partitions);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Diagnosis.await("every event the simulator sent, in Kafka", 120, () -> {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                return records.size() >= 3 * ORDERS;
            }, () -> records.size() + " records");
            // a double would come after the last one: read on for a while (nothing more is sent)
            consumer.poll(Duration.ofSeconds(3)).forEach(records::add);
            assertEquals(3, partitions.size());
        }

        List<String> inKafka = new ArrayList<>();
        records.forEach(r -> inKafka.add(DemoConfiguration.execIdOf(r.value())));
        java.util.Collections.sort(inKafka);
        assertEquals("exactly what the simulator sent, each once", DemoConfiguration.execIds(ORDERS), inKafka);

        Map<String, Integer> partitionOfOrder = new HashMap<>();
        Map<String, Long> lastSeqOfOrder = new HashMap<>();
        for (ConsumerRecord<String, String> r : records) {
            String json = r.value();
            assertTrue(json, json.startsWith("{\"schemaVersion\":2,") && json.contains("\"group\":\"DEMO\""));
            if (r.key() == null) {
                assertTrue("no key only without an order id: " + json, !json.contains("\"orderId\""));
                continue;
            }
            assertTrue("key = the event's order id: " + r.key() + " " + json,
                    json.contains("\"orderId\":\"" + r.key() + "\""));
            long seq = ByteBuffer.wrap(r.headers().lastHeader("DropCopySeqNum").value()).getLong();
            assertTrue(json, json.contains("\"seqNum\":" + seq + ","));
            Integer before = partitionOfOrder.putIfAbsent(r.key(), r.partition());
            assertTrue("order " + r.key() + " in one partition", before == null || before == r.partition());
            Long last = lastSeqOfOrder.put(r.key(), seq);
            assertTrue("order " + r.key() + ": " + seq + " after " + last, last == null || last < seq);
        }
        assertTrue("orders spread over the partitions: " + partitionOfOrder,
                partitionOfOrder.values().stream().distinct().count() > 1);
    }
}
