package io.dropcopy.benchmarks.pipeline;

import static io.dropcopy.testsupport.Ports.freePort;

import io.dropcopy.camel.DropCopyComponent;
import io.dropcopy.camel.DropCopyConstants;
import io.dropcopy.fix.CmeDictionary;
import io.dropcopy.fix.CmeSessionSettings;
import io.dropcopy.fix.LogonSigner;
import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.positions.internal.RiskEngine;
import io.dropcopy.session.api.DropCopyHub;
import io.dropcopy.session.api.EmbeddedSession;
import io.dropcopy.session.api.SessionBuilder;
import io.dropcopy.simulator.SimulatorConfig;
import io.dropcopy.sink.file.camel.FileSinkComponent;
import io.dropcopy.sink.jdbc.camel.JdbcSinkComponent;
import io.dropcopy.sink.jms.JmsSinkComponent;
import io.dropcopy.kafka.testbroker.KafkaBroker;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.RouteDefinition;
import quickfix.Application;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.FileStoreFactory;
import quickfix.Message;
import quickfix.SLF4JLogFactory;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.ThreadedSocketInitiator;

/** The consumers measured: the plain QuickFIX/J baseline and the real session + dropcopy: route into each sink. */
final class Sinks {
    /** The durable subscriber's queue on the artemis cases' topic, which the downstream consumer drains. */
    static final String DOWNSTREAM_QUEUE = "bench-subscriber";

    private Sinks() {
    }

    enum Case {
        BASELINE("baseline", "plain QuickFIX/J initiator, counts only (CME dictionary, QuickFIX/J's defaults)"),
        BASELINE_TUNED("baseline-tuned", "the same, with the product's QuickFIX/J settings (no dictionary validation, receive queue 1,000)"),
        NOOP("noop", "session + dropcopy: route, no sink"),
        POSITIONS("positions", "noop + the positions engine (dropcopy-positions' RiskEngine) observing the group, as the bundle does"),
        FILE("file", "dropcopy-file: JSON lines, fsync=always (default)"),
        FILE_BATCH("file-batch", "dropcopy-file: JSON lines, fsync=batch"),
        FILE_GROUP("file-group", "dropcopy:?delivery=async into dropcopy-file: fsync=batch (group commit, durable when counted)"),
        ARTEMIS("artemis", "the synchronous jms: route into embedded Artemis, persistent; plain connection factory (a connection per message)"),
        ARTEMIS_CACHED("artemis-cached", "same, connection factory as shipped (Spring CachingConnectionFactory, as dropcopyJms)"),
        POSTGRES("postgres", "dropcopy-jdbc: idempotent upserts, embedded PostgreSQL 14"),
        KAFKA("kafka", "the synchronous Kafka route (acks=all, one record in flight), KRaft broker in its own JVM"),
        ARTEMIS_BATCH("artemis-batch", "the shipped JMS route: dropcopy-jms: batching transacted JMS sink into embedded Artemis, persistent"),
        POSTGRES_BATCH("postgres-batch", "dropcopy-jdbc: batch mode (batchSize=500), embedded PostgreSQL 14"),
        KAFKA_ASYNC("kafka-async", "the shipped Kafka route: synchronous=false (callback after the broker's ack), 5 in flight, no linger");

        final String id;
        final String description;

        Case(String id, String description) {
            this.id = id;
            this.description = description;
        }

        static Case parse(String id) {
            for (Case c : values()) {
                if (c.id.equals(id)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("unknown case '" + id + "'");
        }
    }

    /** What a sink needs running before the stream starts: a broker, a database; closed after the consumer. */
    static final class Infrastructure implements AutoCloseable {
        EmbeddedActiveMQ broker;
        ActiveMQConnectionFactory jms;
        javax.jms.Connection downstream;
        final java.util.concurrent.atomic.AtomicLong downstreamReceived = new java.util.concurrent.atomic.AtomicLong();
        EmbeddedPostgres postgres;
        DataSource dataSource;
        KafkaBroker kafka;

        /**
         * The process of the server the sink writes to in a process of its own (PostgreSQL's postmaster, Kafka's
         * JVM), or -1: the embedded Artemis runs in the consumer's JVM and is counted with it.
         */
        long serverPid() {
            if (kafka != null) {
                return kafka.pid();
            }
            if (postgres != null) {
                try {
                    // the first line of postmaster.pid is the server's pid (PostgreSQL's storage layout)
                    return Long.parseLong(java.nio.file.Files.readAllLines(pgData).get(0).trim());
                } catch (java.io.IOException | RuntimeException e) {
                    return -1;
                }
            }
            return -1;
        }

        java.nio.file.Path pgData;

        /** What the server's WAL cost over the whole run (pg_stat_wal, pg_stat_bgwriter), into the case's log. */
        private void walStatistics() {
            try (java.sql.Connection c = postgres.getPostgresDatabase().getConnection();
                 java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT w.wal_records, w.wal_fpi, w.wal_bytes,"
                         + " w.wal_buffers_full, w.wal_write, w.wal_sync, w.wal_write_time, w.wal_sync_time,"
                         + " b.checkpoints_timed, b.checkpoints_req, b.checkpoint_sync_time FROM pg_stat_wal w, pg_stat_bgwriter b")) {
                rs.next();
                StringBuilder line = new StringBuilder("PostgreSQL WAL:");
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    line.append(' ').append(rs.getMetaData().getColumnName(i)).append('=').append(rs.getString(i));
                }
                System.err.println(line);
            } catch (java.sql.SQLException | RuntimeException e) {
                System.err.println("PostgreSQL WAL: " + e);
            }
            statementStatistics();
        }

        /**
         * A PostgreSQL server as one that has run a while and follows the sink's guide (min_wal_size 1GB): its WAL
         * segments are there to be recycled. A fresh cluster makes each new 16 MB segment in the commit path (written
         * with zeros and forced), a stall of every commit waiting on the WAL every ~5,800 messages here; a server
         * in service renames a recycled one. {@code -Dbench.pg.fresh=true} keeps the fresh cluster's behaviour.
         */
        void recycledWal(int segments) {
            if (postgres == null || Boolean.getBoolean("bench.pg.fresh")) {
                return;
            }
            long t0 = System.nanoTime();
            try (java.sql.Connection c = postgres.getPostgresDatabase().getConnection();
                 java.sql.Statement s = c.createStatement()) {
                for (int i = 0; i < segments; i++) {
                    // a WAL record, then a switch: the next segment is made (zeroed, forced) now, not in a commit
                    s.execute("SELECT pg_logical_emit_message(false, 'bench', 'segment'), pg_switch_wal()");
                }
                s.execute("CHECKPOINT"); // segments before the checkpoint's redo point are renamed for reuse
                System.err.println("PostgreSQL: " + segments + " WAL segments made and recycled before the stream, "
                        + (System.nanoTime() - t0) / 1_000_000 + " ms");
            } catch (java.sql.SQLException | RuntimeException e) {
                System.err.println("PostgreSQL WAL segments: " + e);
            }
        }

        /**
         * With {@code -Dbench.pg.config=shared_preload_libraries=pg_stat_statements} (and
         * {@code pg_stat_statements.track_planning=on} for the planning time): the statements that took the server's
         * time, planning and execution apart, into the case's log (latency: the measured phase's alone).
         */
        void resetStatementStatistics() {
            if (postgres == null || !System.getProperty("bench.pg.config", "").contains("pg_stat_statements")) {
                return;
            }
            try (java.sql.Connection c = postgres.getPostgresDatabase().getConnection()) {
                c.createStatement().execute("SELECT pg_stat_statements_reset()");
            } catch (java.sql.SQLException | RuntimeException e) {
                System.err.println("PostgreSQL statements: " + e);
            }
        }

        private void statementStatistics() {
            if (!System.getProperty("bench.pg.config", "").contains("pg_stat_statements")) {
                return;
            }
            try (java.sql.Connection c = postgres.getPostgresDatabase().getConnection();
                 java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT calls, rows,"
                         + " round(total_plan_time::numeric, 1), plans, round(total_exec_time::numeric, 1),"
                         + " left(regexp_replace(query, '\\s+', ' ', 'g'), 90) FROM pg_stat_statements"
                         + " ORDER BY total_plan_time + total_exec_time DESC LIMIT 15")) {
                System.err.println("PostgreSQL statements: calls rows plan_ms plans exec_ms query");
                while (rs.next()) {
                    System.err.println("  " + rs.getLong(1) + " " + rs.getLong(2) + " " + rs.getString(3) + " "
                            + rs.getLong(4) + " " + rs.getString(5) + " " + rs.getString(6));
                }
            } catch (java.sql.SQLException | RuntimeException e) {
                System.err.println("PostgreSQL statements: " + e);
            }
        }

        @Override
        public void close() throws Exception {
            if (kafka != null) {
                kafka.close();
            }
            if (downstream != null) {
                downstream.close();
            }
            if (jms != null) {
                jms.close();
            }
            if (broker != null) {
                broker.stop();
            }
            if (postgres != null) {
                walStatistics();
                postgres.close();
            }
        }
    }

    /**
     * @param drained the artemis cases: a downstream consumer takes every message off the broker, as in a steady
     *        production day (latency at a fixed rate); else nobody does and the broker pages beyond 16 MB (throughput:
     *        how fast the pipeline writes into the broker, nothing else)
     */
    static Infrastructure infrastructure(Case c, Path dir, boolean drained) throws Exception {
        Infrastructure infra = new Infrastructure();
        try {
            switch (c) {
                case ARTEMIS:
                case ARTEMIS_CACHED:
                case ARTEMIS_BATCH: {
                    int port = freePort();
                    Path a = dir.resolve("artemis");
                    // the broker feature dropcopy-jms ships: its own dropcopy-artemis.xml (copied into this jar at
                    // build time), with this run's directories and port, without its security (Karaf's users)
                    FileConfiguration config = new FileConfiguration();
                    FileDeploymentManager deployment = new FileDeploymentManager("dropcopy-artemis.xml");
                    deployment.addDeployable(config);
                    deployment.readConfiguration();
                    config.setJournalDirectory(a.resolve("journal").toString())
                            .setBindingsDirectory(a.resolve("bindings").toString())
                            .setPagingDirectory(a.resolve("paging").toString())
                            .setLargeMessagesDirectory(a.resolve("large-messages").toString())
                            .setSecurityEnabled(false)
                            .setAcceptorConfigurations(new java.util.HashSet<>())
                            .addAcceptorConfiguration("dropcopy", "tcp://127.0.0.1:" + port + "?protocols=CORE");
                    // a durable subscriber's queue, so every message is really journaled (a topic nobody
                    // subscribes to drops them)
                    config.addQueueConfiguration(new QueueConfiguration(DOWNSTREAM_QUEUE).setAddress("dropcopy." + Bench.GROUP)
                            .setRoutingType(RoutingType.MULTICAST).setDurable(true));
                    if (!drained) {
                        // nobody reads it: paged to disk beyond 16 MB instead of filling the heap being measured
                        config.addAddressSetting("dropcopy." + Bench.GROUP, new AddressSettings()
                                .setMaxSizeBytes(16L * 1024 * 1024).setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE));
                    }
                    artemisOverrides(config);
                    infra.broker = new EmbeddedActiveMQ().setConfiguration(config).start();
                    infra.jms = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port);
                    // as the shipped connection factory (dropcopy-sink-jms' ArtemisConnectionFactoryService): a
                    // producer may run 1 MiB ahead of the broker, not Artemis' 64 KiB
                    infra.jms.setProducerWindowSize(1024 * 1024);
                    if (drained) {
                        // the downstream system: a consumer takes every message off the subscriber's queue
                        // (acknowledged in batches), as in production, so nothing piles up in the broker (no paging,
                        // no heap growing with the run); in this JVM, so its CPU is counted with the pipeline's
                        infra.downstream = infra.jms.createConnection();
                        javax.jms.Session session = infra.downstream.createSession(false, javax.jms.Session.DUPS_OK_ACKNOWLEDGE);
                        session.createConsumer(session.createQueue("dropcopy." + Bench.GROUP + "::" + DOWNSTREAM_QUEUE))
                                .setMessageListener(m -> infra.downstreamReceived.incrementAndGet());
                        infra.downstream.start();
                    }
                    break;
                }
                case POSTGRES:
                case POSTGRES_BATCH:
                    infra.pgData = dir.resolve("pgdata").resolve("postmaster.pid");
                    EmbeddedPostgres.Builder pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pgdata"))
                            .setCleanDataDirectory(true);
                    // A server as in production: a commit is durable when the sink returns. io.zonky starts a test
                    // server with fsync off (postgres -F) and synchronous_commit=off; both on again here (a -c
                    // after -F wins). The WAL flush's time and the checkpoints go to the server's log.
                    pg.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                            .setServerConfig("track_wal_io_timing", "on").setServerConfig("log_checkpoints", "on")
                            .setServerConfig("log_autovacuum_min_duration", "0").setServerConfig("logging_collector", "on")
                            .setServerConfig("log_directory", dir.resolveSibling(c.id + "-postgresql").toAbsolutePath().toString());
                    pg.setServerConfig("min_wal_size", "1GB"); // the sink's guide: a recovery's burst reuses segments
                    // server settings to try against those above (a later -c wins), e.g. -Dbench.pg.config=synchronous_commit=off
                    for (String kv : System.getProperty("bench.pg.config", "").split(",")) {
                        if (kv.contains("=")) {
                            pg.setServerConfig(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
                        }
                    }
                    infra.postgres = pg.start();
                    infra.recycledWal(32); // 512 MB: a gap of 100,000 after 50,000 live messages writes ~430 MB of WAL here
                    if (System.getProperty("bench.pg.config", "").contains("pg_stat_statements")) {
                        try (java.sql.Connection ext = infra.postgres.getPostgresDatabase().getConnection()) {
                            ext.createStatement().execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
                        }
                    }
                    try (java.sql.Connection check = infra.postgres.getPostgresDatabase().getConnection();
                         java.sql.ResultSet rs = check.createStatement().executeQuery("SELECT current_setting('fsync'),"
                                 + " current_setting('synchronous_commit'), current_setting('full_page_writes')")) {
                        rs.next();
                        System.err.println("PostgreSQL: fsync=" + rs.getString(1) + " synchronous_commit="
                                + rs.getString(2) + " full_page_writes=" + rs.getString(3));
                    }
                    // batch mode: the driver sends a JDBC batch of inserts as multi-row INSERTs
                    infra.dataSource = c == Case.POSTGRES ? infra.postgres.getPostgresDatabase()
                            : infra.postgres.getDatabase("postgres", "postgres", Map.of("reWriteBatchedInserts", "true"));
                    break;
                case KAFKA:
                case KAFKA_ASYNC:
                    // a real broker (KRaft) in its own JVM, its log on disk (fsync left to the OS, Kafka's default);
                    // the tests' JVM (C1 only, serial GC): within a run of this length it costs the broker less CPU
                    // than the JVM of Kafka's start script (-Dbench.kafka.jvm=server), which is still compiling
                    infra.kafka = KafkaBroker.start(dir.resolve("kafka"), 1,
                            "server".equals(System.getProperty("bench.kafka.jvm")) ? KafkaBroker.SERVER_JVM : KafkaBroker.TEST_JVM,
                            System.getProperty("bench.kafka.config", "").split(","));
                    // the topic made before the first event, as the route's guide asks (jms-kafka-routes.md), with
                    // the partitions auto-creation would give it: left to auto-creation, the first message of a cold
                    // start waited for it (UNKNOWN_TOPIC_OR_PARTITION in the case's log)
                    try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                            Map.of("bootstrap.servers", infra.kafka.bootstrapServers()))) {
                        admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic("dropcopy." + Bench.GROUP,
                                1, (short) 1))).all().get(60, java.util.concurrent.TimeUnit.SECONDS);
                    }
                    break;
                default:
                    break;
            }
        } catch (Exception | Error e) {
            infra.close();
            throw e;
        }
        return infra;
    }

    /**
     * Broker settings to try against the shipped file, e.g. {@code -Dbench.artemis.config=journalType=MAPPED,
     * journalBufferTimeout=100000} (a benchmark switch, {@code --jvm-args}).
     */
    private static void artemisOverrides(FileConfiguration config) {
        for (String kv : System.getProperty("bench.artemis.config", "").split(",")) {
            if (!kv.contains("=")) {
                continue;
            }
            String key = kv.substring(0, kv.indexOf('='));
            String value = kv.substring(kv.indexOf('=') + 1);
            switch (key) {
                case "journalType":
                    config.setJournalType(org.apache.activemq.artemis.core.server.JournalType.valueOf(value));
                    break;
                case "journalBufferTimeout":
                    config.setJournalBufferTimeout_NIO(Integer.parseInt(value));
                    config.setJournalBufferTimeout_AIO(Integer.parseInt(value));
                    break;
                case "journalSyncTransactional":
                    config.setJournalSyncTransactional(Boolean.parseBoolean(value));
                    break;
                case "journalDatasync":
                    config.setJournalDatasync(Boolean.parseBoolean(value));
                    break;
                case "journalMinFiles":
                    config.setJournalMinFiles(Integer.parseInt(value));
                    break;
                case "journalPoolFiles":
                    config.setJournalPoolFiles(Integer.parseInt(value));
                    break;
                case "journalFileSize":
                    config.setJournalFileSize(Integer.parseInt(value));
                    break;
                case "persistIdCache":
                    config.setPersistIDCache(Boolean.parseBoolean(value));
                    break;
                default:
                    throw new IllegalArgumentException("bench.artemis.config: unknown setting " + key);
            }
        }
    }

    static AutoCloseable consumer(Case c, Infrastructure infra, Bench bench, int port, Path dir) throws Exception {
        if (c == Case.BASELINE || c == Case.BASELINE_TUNED) {
            return baseline(bench, port, dir, c == Case.BASELINE_TUNED);
        }
        Map<String, Object> p = new HashMap<>();
        p.put("name", "bench");
        p.put("group", Bench.GROUP);
        p.put("senderCompId", Bench.COMP_ID);
        p.put("senderSubId", "OPS1");
        p.put("senderLocationId", "US,IL");
        p.put("addresses", "127.0.0.1:" + port);
        p.put("reconnectInterval", "1");
        p.put("accessKeyId", SimulatorConfig.DEFAULT_ACCESS_KEY_ID);
        p.put("secretKey", SimulatorConfig.DEFAULT_SECRET_KEY);
        DropCopyHub hub = SessionBuilder.newHub();
        EmbeddedSession session = SessionBuilder.configuration(p).dataDir(dir.resolve("karaf-data")).hub(hub).build();
        session.start();
        // the positions bundle observes each group on the hub (HubWatcher) and feeds every event to its engine
        AutoCloseable positions = c == Case.POSITIONS
                ? hub.observe(Bench.GROUP, new RiskEngine(System::currentTimeMillis)::onEvent) : () -> { };

        DefaultCamelContext camel = new DefaultCamelContext();
        camel.addComponent("dropcopy", new DropCopyComponent(hub));
        camel.addComponent(FileSinkComponent.SCHEME, new FileSinkComponent());
        camel.addComponent("dropcopy-jdbc", new JdbcSinkComponent());
        camel.addComponent(JmsSinkComponent.SCHEME, new JmsSinkComponent());
        if (infra.jms != null) {
            camel.getRegistry().bind("dropcopyJms", c == Case.ARTEMIS_CACHED
                    ? new org.springframework.jms.connection.CachingConnectionFactory(infra.jms) : infra.jms);
        }
        if (infra.dataSource != null) {
            camel.getRegistry().bind("dropcopy", infra.dataSource);
        }
        Processor done = e -> bench.completed(bench.wantsExecIds()
                ? e.getProperty(DropCopyConstants.EVENT_PROPERTY, DropCopyEvent.class).execId() : null);
        Path files = dir.resolve("files");
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // the batching sinks and the asynchronous Kafka send batch only with the consumer's asynchronous
                // delivery (--batch-consumer-options); with a synchronous consumer each batch holds one message
                boolean async = c == Case.FILE_GROUP || c == Case.ARTEMIS_BATCH || c == Case.POSTGRES_BATCH
                        || c == Case.KAFKA_ASYNC;
                RouteDefinition route = from("dropcopy:" + Bench.GROUP + (async ? bench.batchConsumerOptions() : ""))
                        .routeId("bench-" + c.id);
                switch (c) {
                    case FILE:
                        route.to("dropcopy-file:" + files);
                        break;
                    case FILE_BATCH:
                    case FILE_GROUP:
                        route.to("dropcopy-file:" + files + "?fsync=batch");
                        break;
                    case ARTEMIS:
                    case ARTEMIS_CACHED:
                        // the steps of the shipped dropcopy-jms-route.yaml
                        route.setHeader("group", header("DropCopyGroup"))
                                .setHeader("targetSession", header("DropCopyTargetSession"))
                                .setHeader("seqNum", header("DropCopySeqNum"))
                                .setHeader("kind", header("DropCopyKind"))
                                .setHeader("execId", header("DropCopyExecId"))
                                .setHeader("orderId", header("DropCopyOrderId"))
                                .setHeader("symbol", header("DropCopySymbol"))
                                .setHeader("tradeDate", header("DropCopyTradeDate"))
                                .setHeader("possDup", header("DropCopyPossDup"))
                                .removeHeaders("DropCopy*")
                                .to("jms:topic:dropcopy." + Bench.GROUP
                                        + "?connectionFactory=#dropcopyJms&jmsMessageType=Text&deliveryPersistent=true");
                        break;
                    case POSTGRES:
                        route.to("dropcopy-jdbc:bench?dataSource=dropcopy");
                        break;
                    case ARTEMIS_BATCH:
                        // the JMS properties of the shipped route are set by dropcopy-jms itself; Artemis' duplicate
                        // id as in the example route dropcopy-jms-fills-batch.yaml (and the shipped jms: route)
                        if (!Boolean.getBoolean("bench.noDuplId")) {
                            route.setHeader("_AMQ_DUPL_ID", simple("${header.DropCopyTargetSession}/${header.DropCopySeqNum}/"
                                    + "${header.DropCopyTradeDate}/${header.DropCopyExecId}"));
                        }
                        route.to("dropcopy-jms:topic:dropcopy." + Bench.GROUP + "?connectionFactory=#dropcopyJms&batchSize=500");
                        break;
                    case POSTGRES_BATCH:
                        route.to("dropcopy-jdbc:bench?dataSource=dropcopy&batchSize=500");
                        break;
                    case KAFKA:
                    case KAFKA_ASYNC:
                        // kafka-async: the steps of the shipped dropcopy-kafka-route.yaml (5 in flight, no linger);
                        // kafka: the synchronous form, one record in flight
                        route.setHeader("kafka.KEY", header("DropCopyOrderId"))
                                .to("kafka:dropcopy." + Bench.GROUP + "?brokers=" + infra.kafka.bootstrapServers()
                                        + "&synchronous=" + (c == Case.KAFKA) + "&requestRequiredAcks=all"
                                        + "&enableIdempotence=true&retries=2147483647"
                                        + (c == Case.KAFKA ? "&maxInFlightRequest=1" : "&maxInFlightRequest=5&lingerMs=0")
                                        + "&maxBlockMs=10000&requestTimeoutMs=10000&deliveryTimeoutMs=30000");
                        break;
                    default:
                        break;
                }
                route.process(done);
            }
        });
        camel.start(); // subscribing to the group logs the session on
        return () -> {
            session.close(); // the session first: a message arriving after the route stopped would be an error
            positions.close();
            camel.close();
        };
    }

    /**
     * The practical ceiling: QuickFIX/J with the CME dictionary (35=n accepted), the same store and session settings,
     * counting. {@code tuned}: also with the QuickFIX/J settings the product adds (no dictionary validation, a receive
     * queue of 1,000), so the ratio to it is the cost of the pipeline alone.
     */
    private static AutoCloseable baseline(Bench bench, int port, Path dir, boolean tuned) throws Exception {
        SessionID id = new SessionID("FIX.4.2", Bench.COMP_ID, "OPS1", "US,IL", "CME", "G", null, null);
        Path dictionary = CmeDictionary.writeTo(dir.resolve("baseline"));
        SessionSettings s = new SessionSettings();
        s.setString(id, "ConnectionType", "initiator");
        s.setLong(id, "HeartBtInt", 30);
        s.setLong(id, "ReconnectInterval", 1);
        s.setString(id, "SocketConnectHost", "127.0.0.1");
        s.setLong(id, "SocketConnectPort", port);
        s.setString(id, "FileStorePath", dir.resolve("baseline/store").toString());
        s.setLong(id, "ResendRequestChunkSize", 2500);
        s.setString(id, "PersistMessages", "N");
        s.setString(id, "SLF4JLogHeartbeats", "N");
        CmeSessionSettings.alwaysOn(s, id);
        CmeSessionSettings.applyDialect(s, id, dictionary);
        if (tuned) {
            SessionBuilder.quickfixSettings().forEach((key, value) -> s.setString(id, key, value));
        }
        Application app = new Application() {
            @Override
            public void onCreate(SessionID sessionId) {
            }

            @Override
            public void onLogon(SessionID sessionId) {
            }

            @Override
            public void onLogout(SessionID sessionId) {
            }

            @Override
            public void toAdmin(Message message, SessionID sessionId) {
                try {
                    if ("A".equals(message.getHeader().getString(35))) {
                        LogonSigner.sign(message, SimulatorConfig.DEFAULT_ACCESS_KEY_ID, SimulatorConfig.DEFAULT_SECRET_KEY,
                                "bench", "1.0", "dropcopy-karaf");
                    }
                } catch (FieldNotFound e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void fromAdmin(Message message, SessionID sessionId) {
            }

            @Override
            public void toApp(Message message, SessionID sessionId) {
            }

            @Override
            public void fromApp(Message message, SessionID sessionId) throws FieldNotFound {
                String execId = null;
                if (bench.wantsExecIds()) {
                    // latency only: the exec id, found in the wrapped message without translating it
                    String data = message.getHeader().isSetField(213) ? message.getHeader().getString(213)
                            : message.getString(213);
                    int at = data.indexOf("\u000117=");
                    execId = data.substring(at + 4, data.indexOf('\u0001', at + 4));
                }
                bench.completed(execId);
            }
        };
        // QuickFIX/J's default receive queue is 10,000; the product's sessions use 1,000
        ThreadedSocketInitiator initiator = ThreadedSocketInitiator.newBuilder()
                .withApplication(app)
                .withMessageStoreFactory(new FileStoreFactory(s))
                .withSettings(s)
                .withLogFactory(new SLF4JLogFactory(s))
                .withMessageFactory(new DefaultMessageFactory())
                .withQueueCapacity(tuned ? SessionBuilder.receiveQueueCapacity() : 10_000)
                .build();
        initiator.start();
        return () -> initiator.stop(true);
    }

    static String describe(String id) {
        return Case.parse(id).description;
    }

}
