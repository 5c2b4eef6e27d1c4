package io.dropcopy.recon.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.recon.internal.osgi.SessionFeed;
import io.dropcopy.session.api.DropCopyHub;
import io.dropcopy.session.api.EmbeddedSession;
import io.dropcopy.session.api.SessionBuilder;
import io.dropcopy.simulator.CmeSimulator;
import io.dropcopy.simulator.ExpectedLedger;
import io.dropcopy.simulator.SimulatorConfig;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulated day through a real session over TCP (the simulator's realistic scenario: several instruments, spreads
 * and their legs, busts and corrections of earlier fills), reconciled from the session as in Karaf, and the day's
 * report checked against the simulator's own ledger of what it sent: the number of fills, busts and corrections, and
 * per account and instrument the quantities bought and sold and the net position of the fills not busted (corrected
 * ones at their corrected quantity); the session's logon in the sessions table.
 */
class DaySimulatorTest {
    @TempDir
    Path dir;

    @Test
    void theReportOfASimulatedDayIsTheSimulatorsLedger() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String accessKey = "DEMO-ACCESS-KEY-0001";
        String secret = "2HlZ7exg8jTKltXnURjKvm3GS5iF5n4ClzHiEm_ocv4";
        CmeSimulator sim = new CmeSimulator(SimulatorConfig.builder().port(port).orders(400).rate(2000)
                .scenario(SimulatorConfig.Scenario.REALISTIC).seed(19).targetCompId("DEMO01N").accessKeyId(accessKey)
                .secretKey(secret).storeDir(dir.resolve("sim")).build());
        Map<String, Object> cfg = new HashMap<>();
        cfg.put("name", "demo");
        cfg.put("group", "DEMO");
        cfg.put("senderCompId", "DEMO01N");
        cfg.put("senderSubId", "OPS1");
        cfg.put("senderLocationId", "US,IL");
        cfg.put("addresses", "127.0.0.1:" + port);
        cfg.put("reconnectInterval", "1");
        cfg.put("accessKeyId", accessKey);
        cfg.put("secretKey", secret);
        DropCopyHub hub = SessionBuilder.newHub();
        SessionFeed feed = new SessionFeed(true);
        feed.hub(hub);
        GroupRecon.Settings settings = new GroupRecon.Settings(dir.resolve("data"), 0, TradeDates.cme(), false);
        sim.start();
        try (ReconService recon = new ReconService(settings, System::currentTimeMillis, feed, feed, false);
                EmbeddedSession session = SessionBuilder.configuration(cfg).dataDir(dir.resolve("session")).hub(hub)
                        .build()) {
            GroupRecon group = recon.group("DEMO");       // subscribes: the session logs on for it
            session.start();
            await().atMost(Duration.ofSeconds(120)).until(() -> {
                recon.tick();
                return sim.isFinished() && session.status().received() >= sim.sentCount();
            });
            recon.tick();
            ExpectedLedger ledger = sim.expectedLedger();
            assertTrue(ledger.complete() && ledger.unmatched().isEmpty(), ledger.toString());
            List<String> dates = group.tradeDates();
            assertEquals(1, dates.size(), "one trade date: " + dates);
            Path report = recon.report("DEMO", dates.get(0));

            int busted = ledger.fills(ExpectedLedger.State.BUSTED).size();
            int changes = 0;
            for (ExpectedLedger.Fill f : ledger.fills()) {
                changes += f.changeExecIds().size();
            }
            assertTrue(busted > 0 && changes > busted, "the day has busts and corrections: " + ledger);
            assertEquals(ledger.fills().size(), rows(report, "fills.csv").size(), "every fill sent, once");
            assertEquals(busted, rows(report, "busts.csv").size(), "busts");
            assertEquals(changes - busted, rows(report, "corrections.csv").size(), "corrections");
            for (List<String> bust : rows(report, "busts.csv")) {
                assertEquals("linked", bust.get(8), "each bust changes the fill it names: " + bust);
            }
            for (List<String> correction : rows(report, "corrections.csv")) {
                assertEquals("linked", correction.get(8), "each correction changes the fill it names: " + correction);
            }

            Map<String, BigDecimal[]> expected = new TreeMap<>();      // account instrument -> bought, sold
            for (ExpectedLedger.Fill f : ledger.fills()) {
                if (f.state() == ExpectedLedger.State.BUSTED || !f.countsForPosition()) {
                    continue;
                }
                BigDecimal[] bs = expected.computeIfAbsent(f.account() + " " + f.securityDesc(),
                        k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                bs["1".equals(f.side()) ? 0 : 1] = bs["1".equals(f.side()) ? 0 : 1].add(BigDecimal.valueOf(f.qty()));
            }
            Map<String, String> expectedText = new TreeMap<>();
            expected.forEach((k, bs) -> expectedText.put(k, DayReport.plain(bs[0].subtract(bs[1])) + " "
                    + DayReport.plain(bs[0]) + " " + DayReport.plain(bs[1])));
            Map<String, String> reported = new TreeMap<>();
            for (List<String> p : rows(report, "positions.csv")) {     // account,instrument,net,bought,sold,...
                reported.put(p.get(0) + " " + p.get(1), p.get(2) + " " + p.get(3) + " " + p.get(4));
            }
            assertEquals(expectedText, reported, "net, bought and sold per account and instrument");

            // the logon counts on the trade date of the clock (the simulator stamps 75 with the UTC date, even on a
            // weekend, when CME's calendar says Monday): that date's report
            String today = TradeDates.cme().tradeDate(java.time.Instant.now()).toString();
            List<List<String>> sessions = rows(today.equals(dates.get(0)) ? report : recon.report("DEMO", today),
                    "sessions.csv");
            assertEquals(1, sessions.size(), sessions.toString());
            assertEquals("demo", sessions.get(0).get(0));
            assertEquals("1", sessions.get(0).get(2), "one logon: " + sessions);
            assertTrue(sessions.get(0).get(3).endsWith("(open)"), "still logged on: " + sessions);
        } finally {
            sim.stop();
        }
    }

    /** The data rows of a report table (simple split: none of the columns read here holds a comma or a quote). */
    private static List<List<String>> rows(Path report, String file) throws Exception {
        List<String> lines = Files.readAllLines(report.resolve(file), StandardCharsets.UTF_8);
        return lines.subList(1, lines.size()).stream().map(l -> List.of(l.split(",", -1))).toList();
    }
}
