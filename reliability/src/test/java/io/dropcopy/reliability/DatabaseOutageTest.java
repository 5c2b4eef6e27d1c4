package io.dropcopy.reliability;

import static io.dropcopy.testsupport.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.session.api.EmbeddedSession;
import io.dropcopy.session.api.SessionBuilder;
import io.dropcopy.simulator.CmeSimulator;
import io.dropcopy.simulator.SimulatorConfig;
import io.dropcopy.sink.jdbc.camel.JdbcSinkComponent;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real session, fed by the simulator over TCP, writes every event through the dropcopy-jdbc Camel producer into a
 * real PostgreSQL; the PostgreSQL server is stopped mid-stream and started again on the same data. While it is down
 * every write fails, the session does not count the message, reports DOWN, and the message comes again by resend;
 * once it is back (UP again), the database is compared with what the simulator sent (its own message store,
 * {@link SentLedger}): every message by identity (target session / sequence number / ExecID), none missing, none twice;
 * each order's filled quantity, each busted or corrected fill's final state and one history row per bust or correction
 * as sent (the unique keys alone make a second row impossible, so these are where a double would show).
 */
class DatabaseOutageTest {
    static final String SECRET = "2HlZ7exg8jTKltXnURjKvm3GS5iF5n4ClzHiEm_ocv4";
    static final String ACCESS_KEY = "DEMO-ACCESS-KEY-0001";
    private static final int ORDERS = Integer.getInteger("dropcopy.reliability.orders", 400);

    @TempDir
    Path tmp;

    @Test
    void postgresStoppedMidStreamAndRestartedLosesAndDoublesNothing() throws Exception {
        int pgPort = freePort();
        Path pgData = tmp.resolve("pg");
        EmbeddedPostgres pg = postgres(pgPort, pgData);
        DataSource ds = pg.getPostgresDatabase();
        int simPort = freePort();
        CmeSimulator sim = new CmeSimulator(SimulatorConfig.builder().port(simPort).orders(ORDERS).rate(150)      // slow enough that the stream is still going when the database is gone
                .scenario(SimulatorConfig.Scenario.REALISTIC).seed(7)      // with busts and corrections of earlier fills
                .targetCompId("DEMO01N").accessKeyId(ACCESS_KEY).secretKey(SECRET).storeDir(tmp.resolve("sim"))
                .build());
        AtomicLong failures = new AtomicLong();
        List<Long> stored = new CopyOnWriteArrayList<>();
        EmbeddedSession session = null;
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("dropcopyDs", ds);
            camel.addComponent(JdbcSinkComponent.SCHEME, new JdbcSinkComponent());
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    errorHandler(noErrorHandler());
                    from("direct:dropcopy").to("dropcopy-jdbc:outage?dataSource=dropcopyDs");
                }
            });
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            sim.start();
            session = SessionBuilder.configuration(sessionProperties("127.0.0.1:" + simPort))
                    .dataDir(tmp.resolve("data")).listener((DropCopyEvent e) -> {
                        Exchange ex = template.send("direct:dropcopy", x -> {
                            x.getIn().setBody(e.toJson());
                            x.setProperty("DropCopyEvent", e);
                        });
                        if (ex.getException() != null) {
                            failures.incrementAndGet();
                            throw ex.getException();
                        }
                        stored.add(e.seqNum());
                    }).build();
            session.start();

            await("a third of the stream stored", Duration.ofSeconds(90), () -> stored.size() > ORDERS);
            pg.close();                                      // the database goes away mid-stream
            long failuresBefore = failures.get();
            await("writes failing while the database is down", Duration.ofSeconds(60),
                    () -> failures.get() > failuresBefore);
            int storedWhileDown = stored.size();
            EmbeddedSession s = session;
            assertEquals("DOWN", s.status().health(), "health while the database is down: " + s.status());
            holds("nothing counted as stored while the database is down", Duration.ofSeconds(3),
                    () -> stored.size() == storedWhileDown);
            assertTrue(s.status().routeFailures() > 0);
            pg = postgres(pgPort, pgData);                  // back, same data
            await("the simulator finished and the session caught up", Duration.ofSeconds(180),
                    () -> sim.isFinished() && sim.sentCount() > 0 && countQuietly(ds) == sim.sentCount());

            long sent = sim.sentCount();
            assertEquals("UP", session.status().health(), "health once the database is back");
            sim.stop();
            SentLedger ledger = SentLedger.read(tmp.resolve("sim"));
            assertEquals(sent, ledger.size(), "the simulator's store holds every business message it sent");
            assertTrue(ledger.changes().size() > 0, "the scenario has busts and corrections");
            assertEquals(List.of(), DatabaseLedgerCheck.problems(ds, "demo", ledger),
                    "PostgreSQL holds what the simulator sent, each once; business state as sent");
            assertTrue(failures.get() > 0);
            System.out.printf("DatabaseOutageTest: %d messages (%d busts and corrections), PostgreSQL stopped after %d"
                    + " and restarted, %d failed writes retried by resend; compared by identity with the simulator's"
                    + " store: 0 missing, 0 held twice; %s as sent%n", sent, ledger.changes().size(),
                    storedWhileDown, failures.get(), DatabaseLedgerCheck.summary(ledger));
        } finally {
            if (session != null) {
                session.close();
            }
            sim.stop();
            pg.close();
        }
    }

    private static EmbeddedPostgres postgres(int port, Path data) throws IOException {
        return EmbeddedPostgres.builder().setPort(port).setDataDirectory(data).setCleanDataDirectory(false)
                .setServerConfig("fsync", "off").start();
    }

    private static long countQuietly(DataSource ds) {
        try {
            return count(ds, "SELECT COUNT(*) FROM dropcopy_message");
        } catch (Exception e) {
            return -1;
        }
    }

    static long count(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static Map<String, Object> sessionProperties(String addresses) {
        Map<String, Object> p = new HashMap<>();
        p.put("name", "demo");
        p.put("group", "DEMO");
        p.put("senderCompId", "DEMO01N");
        p.put("senderSubId", "OPS1");
        p.put("senderLocationId", "US,IL");
        p.put("addresses", addresses);
        p.put("reconnectInterval", "1");
        p.put("accessKeyId", ACCESS_KEY);
        p.put("secretKey", SECRET);
        return p;
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        Awaitility.await(what).atMost(timeout).pollInSameThread().pollInterval(Duration.ofMillis(50))
                .until(condition::getAsBoolean);
    }

    /**
     * The condition holds for the whole of {@code period}, checked every 50 ms; fails once it does not (for what
     * must NOT happen: a write while the target is down, a copy arriving late). The condition is expected never to
     * become true again once false (it compares with a value taken before).
     */
    static void holds(String what, Duration period, BooleanSupplier condition) {
        Awaitility.await(what).during(period).atMost(period.plusSeconds(2)).pollInSameThread()
                .pollInterval(Duration.ofMillis(50)).until(condition::getAsBoolean);
    }
}
