package io.dropcopy.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.session.api.EmbeddedSession;
import io.dropcopy.session.api.SessionBuilder;
import io.dropcopy.simulator.CmeSimulator;
import io.dropcopy.simulator.SimulatorConfig;
import io.dropcopy.simulator.SimulatorGroup;
import io.dropcopy.sink.file.camel.FileSinkComponent;
import io.dropcopy.sink.jdbc.camel.JdbcSinkComponent;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-to-end proof of the fill ledger on today's traffic. The simulator runs one MSGW target session of two
 * market segments, iLink 3-shaped (its default on MSGW): each segment its own FIX session, its own outer sequence
 * and the same iLink 3 source sequence numbers, with busts, corrections (a correction corrected again, a correction
 * busted), spread fills with their leg fills, PossResend (97=Y) copies, a message lost on the wire (recovered by
 * resend) and, at logon, a gap straddling the resend window's floor (fault {@code resend-floor}): its part below the
 * floor is gone, its part above is served after the session narrows its request. Two real sessions over TCP feed
 * one Camel route: {@code dropcopy-file:} then {@code dropcopy-jdbc:} on a real PostgreSQL.
 *
 * <p>Compared with the simulator's own expected ledger (its generator's bookkeeping, never the messages read back):
 * <ul>
 * <li>PostgreSQL's fills (identity trade date / segment / ExecID, state, price, quantity, order, 442) are exactly
 *     the ledger's fills that were recoverable, and each order's cumulative quantity is the ledger's;</li>
 * <li>the file sink holds every recoverable business message exactly once by targetSession / seqNum: what the
 *     simulator sent minus exactly the range below each floor, which the session reports as unrecoverable.</li>
 * </ul>
 * The unrecoverable range is the start of each segment's stream, so every bust or correction in it refers to a fill
 * also in it: what the database cannot hold is exactly the fills sent below the floor. A bust or correction sent
 * later of such a fill has nothing to change: the dead letters are exactly those received (read from the journal).
 *
 * <p>The scenario and the comparison are {@link Ilink3LedgerCheck}'s, shared with the same proof in the built
 * assembly, {@link Ilink3AssemblyLedgerTest}.
 */
class Ilink3LedgerEndToEndTest {
    private static final int ORDERS = Integer.getInteger("dropcopy.reliability.orders", 700);
    private static final Duration TIMEOUT = Duration.ofSeconds(240);

    @TempDir
    Path tmp;

    @Test
    void theDatabaseIsTheExpectedLedgerAndTheFilesHoldEveryRecoverableMessageOnce() throws Exception {
        Map<String, Integer> ports = Ilink3LedgerCheck.segmentPorts();
        SimulatorConfig config = Ilink3LedgerCheck.simulator(ports, tmp.resolve("sim"), ORDERS);
        Path files = tmp.resolve("journal");
        List<EmbeddedSession> sessions = new ArrayList<>();
        List<String> failures = new CopyOnWriteArrayList<>();
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("fsync", "off").start();
                SimulatorGroup group = new SimulatorGroup(List.of(config));
                CamelContext camel = new DefaultCamelContext()) {
            DataSource ds = pg.getPostgresDatabase();
            camel.getRegistry().bind("dropcopyDs", ds);
            camel.addComponent(FileSinkComponent.SCHEME, new FileSinkComponent());
            camel.addComponent(JdbcSinkComponent.SCHEME, new JdbcSinkComponent());
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    errorHandler(noErrorHandler());
                    from("direct:dropcopy").to("dropcopy-file:" + files + "?fsync=none")
                            .to("dropcopy-jdbc:e2e?dataSource=dropcopyDs");
                }
            });
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();

            Map<String, CmeSimulator> sims = Ilink3LedgerCheck.startWithGapAcrossTheFloor(group);
            for (String s : Ilink3LedgerCheck.SEGMENTS) {
                Map<String, Object> p = DatabaseOutageTest.sessionProperties("127.0.0.1:" + ports.get(s));
                p.put("name", Ilink3LedgerCheck.sessionName(s));
                p.put("targetSubId", s);
                EmbeddedSession session = SessionBuilder.configuration(p).dataDir(tmp.resolve("data-" + s))
                        .listener((DropCopyEvent e) -> {
                            Exchange ex = template.send("direct:dropcopy", x -> {
                                x.getIn().setBody(e.toJson());
                                x.setProperty("DropCopyEvent", e);
                            });
                            if (ex.getException() != null) {
                                failures.add(e.targetSession() + ":" + e.seqNum() + " " + ex.getException());
                                throw ex.getException();
                            }
                        }).build();
                sessions.add(session);
                session.start();
            }

            Map<CmeSimulator, Integer> copiesQueued = Ilink3LedgerCheck.faultsMidStream(sims, TIMEOUT);
            DatabaseOutageTest.await("every segment sent its stream and its copies, and each session caught up",
                    TIMEOUT, () -> {
                        for (int i = 0; i < Ilink3LedgerCheck.SEGMENTS.size(); i++) {
                            CmeSimulator sim = sims.get(Ilink3LedgerCheck.SEGMENTS.get(i));
                            EmbeddedSession session = sessions.get(i);
                            if (!sim.isFinished() || sim.possResendCount() < copiesQueued.get(sim)
                                    || !session.status().loggedOn()
                                    || session.status().nextTargetSeqNum() < sim.nextSenderSeqNum()
                                    || session.status().inFlight() > 0) {
                                return false;
                            }
                        }
                        return true;
                    });
            assertEquals(List.of(), failures, "no route failure");

            // the unrecoverable range, as the session reports it, is exactly the part of the gap below the floor
            for (int i = 0; i < Ilink3LedgerCheck.SEGMENTS.size(); i++) {
                Ilink3LedgerCheck.assertUnrecoverable(Ilink3LedgerCheck.SEGMENTS.get(i),
                        sessions.get(i).status().unrecoverableGaps());
            }
            System.out.println("Ilink3LedgerEndToEndTest: "
                    + Ilink3LedgerCheck.check(group.expectedLedger(), files, ds));
        } finally {
            for (EmbeddedSession s : sessions) {
                s.close();
            }
        }
    }
}
