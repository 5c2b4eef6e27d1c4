package io.dropcopy.routes;

import io.dropcopy.kafka.testbroker.KafkaBroker;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * One real Kafka broker (KRaft, its own JVM, free loopback ports) for every test class of this module that needs one,
 * started by the first: starting one takes seconds. It stops with the test JVM (it halts when its standard input
 * closes); each class uses topics of its own.
 */
final class TestKafka {
    private static KafkaBroker broker;

    private TestKafka() {
    }

    static synchronized KafkaBroker broker() throws Exception {
        if (broker == null || !broker.isAlive()) {
            broker = KafkaBroker.start(Files.createTempDirectory("dropcopy-kafka-test"));
        }
        return broker;
    }

    static void createTopic(String name, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        }
    }
}
