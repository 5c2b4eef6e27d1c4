package io.dropcopy.itests;

import io.dropcopy.kafka.testbroker.KafkaBroker;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The Kafka broker of {@link KafkaFlowTest}, started in the test JVM (Pax Exam's driver, never inside Karaf) when
 * Pax Exam asks for that class's configuration. Pax Exam asks every class before the first Karaf starts and has no
 * hook in the driver after a class, so the broker lives until the test JVM ends; it halts itself then, however
 * that JVM ends (its standard input closes).
 */
final class KafkaForItests {
    private static KafkaBroker broker;

    private KafkaForItests() {
    }

    static synchronized String bootstrapServers(int partitions) {
        if (broker == null) {
            try {
                broker = KafkaBroker.start(new File(System.getProperty("basedir", "."), "target/kafka-flow").toPath()
                        .resolve("broker-" + System.nanoTime()), partitions);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return broker.bootstrapServers();
    }
}
