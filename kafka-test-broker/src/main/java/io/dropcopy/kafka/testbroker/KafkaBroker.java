package io.dropcopy.kafka.testbroker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Kafka broker for tests: one KRaft node (broker and controller) in a JVM of its own, listening on two
 * free loopback ports, its data and log under a directory of the caller's. {@link #start(Path)} formats the storage,
 * starts the broker and returns once it says it has started; {@link #close()} stops it (and kills it if it does not
 * stop within 20 s). The broker's classpath is the {@code kafka_2.13} server jars this module depends on, written at
 * build time to the resource {@code broker.classpath}; this class uses nothing but the JDK, so a test keeps its own
 * Kafka client version.
 */
public final class KafkaBroker implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    /**
     * The broker JVM of a test: small and cheap (a test broker holds little, the machine running the tests has few
     * cores); quick to start, slower once running (C1 only, the serial collector).
     */
    public static final List<String> TEST_JVM = List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");

    /**
     * The broker JVM as Kafka's own start script runs it (kafka-run-class.sh: G1 with a 20 ms pause goal, both JIT
     * compilers), with a 1 GB heap: for a broker that runs long enough for its compilations to pay off (in a run of
     * a few seconds they cost more CPU than C1's slower code).
     */
    public static final List<String> SERVER_JVM = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC",
            "-XX:MaxGCPauseMillis=20", "-XX:InitiatingHeapOccupancyPercent=35", "-XX:+ExplicitGCInvokesConcurrent");

    private final Path dir;
    private final int port;
    private final Process process;
    private final Thread killOnExit;

    private KafkaBroker(Path dir, int port, Process process, Thread killOnExit) {
        this.dir = dir;
        this.port = port;
        this.process = process;
        this.killOnExit = killOnExit;
    }

    /** The broker JVM's process id (for the benchmark, which counts its CPU). */
    public long pid() {
        return process.pid();
    }

    /** Formats a new KRaft storage under {@code dir} and starts the broker; returns once it has started. */
    public static KafkaBroker start(Path dir) throws IOException, InterruptedException {
        return start(dir, 1);
    }

    /** As {@link #start(Path)}; topics created automatically get {@code partitions} partitions. */
    public static KafkaBroker start(Path dir, int partitions) throws IOException, InterruptedException {
        return start(dir, partitions, TEST_JVM);
    }

    /**
     * As {@link #start(Path, int)}, the broker's JVM started with {@code jvmOptions} ({@link #TEST_JVM},
     * {@link #SERVER_JVM}) and {@code brokerProperties} added to its server.properties (e.g. a flush setting).
     */
    public static KafkaBroker start(Path dir, int partitions, List<String> jvmOptions, String... brokerProperties)
            throws IOException, InterruptedException {
        try {
            return doStart(dir, partitions, jvmOptions, brokerProperties);
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
    }

    private static KafkaBroker doStart(Path dir, int partitions, List<String> jvmOptions, String... brokerProperties)
            throws IOException, InterruptedException, java.net.URISyntaxException {
        Files.createDirectories(dir);
        String classpath = classpath();
        int port = freePort();
        int controllerPort = freePort();
        Path config = dir.resolve("server.properties");
        Files.writeString(config, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + dir.resolve("data").toAbsolutePath(),
                "num.partitions=" + partitions,
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true",
                String.join("\n", brokerProperties),
                ""));
        Path log = dir.resolve("broker.log");
        Path log4j = dir.resolve("log4j2.properties");
        Files.writeString(log4j, String.join("\n",
                "appender.file.type=File",
                "appender.file.name=file",
                "appender.file.fileName=" + log.toAbsolutePath(),
                "appender.file.layout.type=PatternLayout",
                "appender.file.layout.pattern=%d{HH:mm:ss.SSS} %-5p [%c{1}] %m%n",
                "rootLogger.level=INFO",
                "rootLogger.appenderRef.file.ref=file",
                ""));

        // A cluster id as Kafka makes them: 16 random bytes, base64url without padding, never starting with '-'
        // (Kafka's Uuid.randomUuid() draws again for that too: the storage tool would read it as an option;
        // one id in 64 starts with '-', and a CI run failed on one).
        String clusterId;
        do {
            UUID uuid = UUID.randomUUID();
            clusterId = Base64.getUrlEncoder().withoutPadding().encodeToString(ByteBuffer.allocate(16)
                    .putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array());
        } while (clusterId.startsWith("-"));
        Process format = java(TEST_JVM, classpath, log4j, dir.resolve("format.out"),
                "kafka.tools.StorageTool", "format", "-t", clusterId, "-c", config.toString());
        if (!format.waitFor(60, TimeUnit.SECONDS)) {
            format.destroyForcibly();
            throw new IOException("Kafka storage format did not finish in 60 s: " + tail(dir.resolve("format.out")));
        }
        if (format.exitValue() != 0) {
            throw new IOException("Kafka storage format failed (exit " + format.exitValue() + "): "
                    + tail(dir.resolve("format.out")));
        }

        // Through BrokerMain, which halts the broker when this JVM's end closes its standard input.
        String self = Paths.get(KafkaBroker.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        Process broker = java(jvmOptions, classpath + java.io.File.pathSeparator + self, log4j, dir.resolve("broker.out"),
                BrokerMain.class.getName(), "kafka.Kafka", config.toString());
        Thread killOnExit = new Thread(broker::destroyForcibly, "kill-kafka-broker");
        Runtime.getRuntime().addShutdownHook(killOnExit);
        KafkaBroker started = new KafkaBroker(dir, port, broker, killOnExit);
        try {
            started.awaitStarted();
        } catch (IOException | RuntimeException | InterruptedException e) {
            started.close();
            throw e;
        }
        return started;
    }

    /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The broker's own log (Kafka's log4j output). */
    public Path logFile() {
        return dir.resolve("broker.log");
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the broker (SIGTERM: a controlled shutdown), kills it if still there after 20 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    private void awaitStarted() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the Kafka broker exited (" + process.exitValue() + ") while starting: "
                        + tail(dir.resolve("broker.out")) + " " + tail(logFile()));
            }
            if (Files.exists(logFile()) && Files.readString(logFile()).contains("Kafka Server started")
                    && accepts(port)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IOException("the Kafka broker did not start in " + START_TIMEOUT.toSeconds() + " s: " + tail(logFile()));
    }

    private static Process java(List<String> jvmOptions, String classpath, Path log4j, Path output, String mainClass,
            String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Djava.awt.headless=true");
        command.add("-Dlog4j2.configurationFile=" + log4j.toAbsolutePath());
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    private static String classpath() throws IOException {
        try (InputStream in = KafkaBroker.class.getResourceAsStream("broker.classpath")) {
            if (in == null) {
                throw new IOException("broker.classpath missing next to " + KafkaBroker.class.getName());
            }
            String classpath = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            for (String entry : classpath.split(java.io.File.pathSeparator)) {
                if (!Files.exists(Paths.get(entry))) {
                    throw new IOException("Kafka broker jar missing: " + entry
                            + " (build dropcopy-kafka-test-broker with this Maven local repository)");
                }
            }
            return classpath;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String tail(Path file) {
        try {
            if (!Files.exists(file)) {
                return "(no " + file.getFileName() + ")";
            }
            String s = Files.readString(file);
            return s.length() <= 3000 ? s : "..." + s.substring(s.length() - 3000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
