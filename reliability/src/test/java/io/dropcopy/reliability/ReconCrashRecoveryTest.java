package io.dropcopy.reliability;

import static io.dropcopy.reliability.DatabaseOutageTest.await;
import static io.dropcopy.testsupport.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.simulator.CmeSimulator;
import io.dropcopy.simulator.SimulatorConfig;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Reconciliation survives SIGKILL: the real assembly (copied) runs the {@code dropcopy-recon} bundle of this build
 * (dropped into {@code deploy/}) and feature {@code dropcopy-routes}, fed over TCP by the simulator (in this JVM, outliving the kills) with the drop copy side of
 * group DEMO, and with the firm's side by the shipped file route {@code routes/dropcopy-recon-file.yaml}, whose inbox
 * this test fills as the simulator sends ({@link FirmFillsFeeder}: one row per fill the simulator stored, one break of
 * each kind injected along the stream). The assembly is killed with SIGKILL twice mid-stream (once a break is open, and
 * later once more of them are), each time while both sides are flowing, and started again on the same directory.
 * After the last start, with both sides complete and {@code delaySeconds} passed, the open breaks in the day's report
 * are exactly the injected ones (none invented, none lost), no break was raised twice without being cleared between
 * (a restart does not raise again what its journal holds), and the report's positions are the simulator ledger's.
 */
class ReconCrashRecoveryTest {
    private static final int ORDERS = Integer.getInteger("dropcopy.recon.crash.orders", 150);
    private static final int KILLS = 2;
    private static final int DELAY_SECONDS = 4;
    private static final Pattern RAISED_ID = Pattern.compile("\"r\":\"raised\".*?\\\\\"id\\\\\":\\\\\"([^\\\\]*)\\\\\"");
    private static final Pattern CLEARED_ID = Pattern.compile("\"r\":\"cleared\".*\"id\":\"([^\"]*)\"");

    @Test
    void killedTwiceMidStreamEndsWithExactlyTheInjectedBreaks() throws Exception {
        Path base = Paths.get(System.getProperty("basedir", "."));
        // under target/, kept after a failure for its karaf.log and journals
        Path tmp = base.resolve("target/recon-crash-test");
        deleteTree(tmp);
        Path assembly = AssemblyNode.builtAssembly();
        assertTrue(Files.isDirectory(assembly.resolve("bin")), "build karaf-assembly first: " + assembly);
        AssemblyNode node = AssemblyNode.copy("recon", assembly, tmp.resolve("karaf"));
        int simPort = freePort();
        configure(base, node.home, simPort);
        Path inbox = Files.createDirectories(node.home.resolve("data/firm-fills/DEMO"));
        Path journal = node.home.resolve("data/dropcopy/recon/DEMO");

        long started = System.nanoTime();
        CmeSimulator sim = new CmeSimulator(SimulatorConfig.builder().port(simPort).orders(ORDERS).rate(15)
                .targetCompId("DEMO01N").accessKeyId(DatabaseOutageTest.ACCESS_KEY).secretKey(DatabaseOutageTest.SECRET)
                .storeDir(tmp.resolve("sim")).build());
        FirmFillsFeeder firm = new FirmFillsFeeder(inbox, 2 * ORDERS);
        ScheduledExecutorService feeder = Executors.newSingleThreadScheduledExecutor();
        List<String> log = new ArrayList<>();
        try {
            sim.start();
            feeder.scheduleWithFixedDelay(() -> {
                try {
                    firm.poll(sim);
                } catch (IOException | RuntimeException e) {
                    System.out.println("firm feeder: " + e);
                }
            }, 700, 700, TimeUnit.MILLISECONDS);
            for (int kill = 1; kill <= KILLS; kill++) {
                long sentTarget = (long) ORDERS * 3 * kill / (KILLS + 1);
                int raisedTarget = kill * 2;
                node.start();
                await("run " + kill + ": a third of the stream more sent and " + raisedTarget + " breaks raised",
                        Duration.ofSeconds(300), () -> !node.alive()
                                || (sim.sentCount() >= sentTarget && raised(journal).size() >= raisedTarget));
                assertTrue(node.alive(), "Karaf run " + kill + " died on its own");
                node.killHard();
                log.add(String.format("kill %d: simulator sent %d of %d, firm files %d (fills %d), breaks raised %d",
                        kill, sim.sentCount(), ORDERS * 3, firm.files(), firm.fills(), raised(journal).size()));
            }
            node.start();
            await("the simulator finished, the firm's files all read, the journal quiet for " + (DELAY_SECONDS + 3)
                    + " s", Duration.ofSeconds(300), new Quiet(journal, sim, firm, inbox));
            assertTrue(node.alive(), "the last Karaf run died on its own");

            // the fills' TradeDate(75); the journal may hold another date too (the session's logged-on time counts on
            // the trade date of the clock, and the simulator stamps the UTC date, also on a weekend)
            String tradeDate = firm.tradeDate();
            String out = node.console("dropcopy:report DEMO --date " + tradeDate);
            Path report = node.home.resolve("data/dropcopy/reports/DEMO").resolve(tradeDate);
            assertTrue(Files.exists(report.resolve("open-breaks.csv")), out);

            Set<String> found = new TreeSet<>();
            List<String> open = Files.readAllLines(report.resolve("open-breaks.csv"), StandardCharsets.UTF_8);
            for (String line : open.subList(1, open.size())) {
                String[] c = line.split(",", 4);       // raisedAt,type,orderId,...: none of the three holds a comma
                found.add(c[1] + " " + c[2]);
            }
            assertEquals(6, firm.expected().size(), "one break of each kind injected: " + firm.expected());
            assertEquals(firm.expected(), found, "the open breaks after " + KILLS + " kills are exactly the injected");
            assertEquals(6, open.size() - 1, "one open break per injection");
            List<String> twice = raisedTwice(journal);
            assertTrue(twice.isEmpty(), "raised again while open (a restart forgot it was raised): " + twice);

            Map<String, BigDecimal> expectedPositions = FirmFillsFeeder.positions(sim.expectedLedger());
            Map<String, BigDecimal> reported = new TreeMap<>();
            List<String> positions = Files.readAllLines(report.resolve("positions.csv"), StandardCharsets.UTF_8);
            for (String line : positions.subList(1, positions.size())) {
                String[] c = line.split(",");      // account,instrument,net,...
                reported.put(c[0] + " " + c[1], new BigDecimal(c[2]));
            }
            expectedPositions.replaceAll((k, v) -> v.stripTrailingZeros());
            reported.replaceAll((k, v) -> v.stripTrailingZeros());
            assertEquals(expectedPositions, reported, "the report's net positions are the simulator ledger's");
            assertEquals(2L * ORDERS + 1, Files.readAllLines(report.resolve("fills.csv"), StandardCharsets.UTF_8).size(),
                    "every fill the simulator sent, once, in the report");
        } finally {
            feeder.shutdownNow();
            node.killHard();
            sim.stop();
            log.forEach(System.out::println);
            System.out.printf("ReconCrashRecoveryTest after %d s: simulator sent %d, firm fills %d in %d files,"
                    + " expected %s, breaks raised %d (cleared again but the injected)%n",
                    Duration.ofNanos(System.nanoTime() - started).toSeconds(), sim.sentCount(), firm.fills(),
                    firm.files(), firm.expected(), raised(journal).size());
        }
    }

    /** Both sides complete (the simulator done, every fill it stored written, every file read) and the journal still. */
    private static final class Quiet implements java.util.function.BooleanSupplier {
        private final Path journal;
        private final CmeSimulator sim;
        private final FirmFillsFeeder firm;
        private final Path inbox;
        private long size = -1;
        private long since;

        Quiet(Path journal, CmeSimulator sim, FirmFillsFeeder firm, Path inbox) {
            this.journal = journal;
            this.sim = sim;
            this.firm = firm;
            this.inbox = inbox;
        }

        @Override
        public boolean getAsBoolean() {
            if (!sim.isFinished() || firm.fills() < 2 * ORDERS || csvLeft(inbox) > 0) {
                size = -1;
                return false;
            }
            long now = System.nanoTime();
            long s = journalSize(journal);
            if (s != size) {
                size = s;
                since = now;
                return false;
            }
            return now - since >= Duration.ofSeconds(DELAY_SECONDS + 3).toNanos();
        }
    }

    /** Adds dropcopy-recon to the copy (its bundle from this build) and the file route; recon is DEMO's only consumer. */
    private static void configure(Path base, Path karaf, int simPort) throws IOException {
        Path etc = karaf.resolve("etc");
        AssemblyNode.set(etc.resolve("io.dropcopy.session-demo.cfg"), "addresses", "127.0.0.1:" + simPort);
        AssemblyNode.set(etc.resolve("io.dropcopy.session-demo.cfg"), "reconnectInterval", "1");
        Path jar = base.resolve("../bundles/dropcopy-recon/target/dropcopy-recon-" + System.getProperty("dropcopy.version") + ".jar").normalize();
        assertTrue(Files.exists(jar), "build bundles/dropcopy-recon first: " + jar);
        // deploy/, not featuresBoot: a boot feature added to the built assembly re-resolves every boot feature at the
        // first start (and refreshes pax-url under it); the bundle's imports are all there (demo, metrics, routes)
        Files.copy(jar, karaf.resolve("deploy").resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        Path cfg = base.resolve("../bundles/dropcopy-recon/src/main/cfg/io.dropcopy.recon.cfg").normalize();
        Files.copy(cfg, etc.resolve("io.dropcopy.recon.cfg"), StandardCopyOption.REPLACE_EXISTING);
        AssemblyNode.set(etc.resolve("io.dropcopy.recon.cfg"), "groups", "DEMO");
        AssemblyNode.set(etc.resolve("io.dropcopy.recon.cfg"), "delaySeconds", String.valueOf(DELAY_SECONDS));
        AssemblyNode.set(etc.resolve("io.dropcopy.recon.cfg"), "tickMillis", "200");
        // The demo route would be a second consumer of DEMO, and the session would log on for whichever subscribes
        // first: reconciliation is the only one. The file stays (emptied): a configfile missing at the first start is
        // fetched by mvn: URL, which fails the boot features.
        Files.writeString(karaf.resolve("deploy/dropcopy-demo-route.xml"),
                "<blueprint xmlns=\"http://www.osgi.org/xmlns/blueprint/v1.0.0\"/>\n", StandardCharsets.UTF_8);
        Path routes = Files.createDirectories(etc.resolve("recon-routes"));
        Files.copy(base.resolve("../routes/dropcopy-recon-file.yaml").normalize(), routes.resolve("dropcopy-recon-file.yaml"));
        AssemblyNode.set(etc.resolve("io.dropcopy.routes.cfg"), "directory", "etc/recon-routes");
    }

    /** The ids of the breaks reconciliation's journal raised, in order (a break cleared and raised again twice). */
    static List<String> raised(Path journal) {
        List<String> ids = new ArrayList<>();
        for (String line : journalLines(journal)) {
            Matcher m = RAISED_ID.matcher(line);
            if (m.find()) {
                ids.add(m.group(1));
            }
        }
        return ids;
    }

    /** Breaks raised while the journal already held them open: what a restart that lost its state would do. */
    static List<String> raisedTwice(Path journal) {
        Map<String, Boolean> open = new HashMap<>();
        List<String> twice = new ArrayList<>();
        for (String line : journalLines(journal)) {
            Matcher r = RAISED_ID.matcher(line);
            Matcher c = CLEARED_ID.matcher(line);
            if (r.find()) {
                if (Boolean.TRUE.equals(open.put(r.group(1), true))) {
                    twice.add(r.group(1));
                }
            } else if (c.find()) {
                if (!Boolean.TRUE.equals(open.put(c.group(1), false))) {
                    twice.add("cleared while not open: " + c.group(1));
                }
            }
        }
        return twice;
    }

    private static List<String> journalLines(Path journal) {
        List<String> lines = new ArrayList<>();
        if (!Files.isDirectory(journal)) {
            return lines;
        }
        try (Stream<Path> files = Files.list(journal)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".jsonl")).sorted()::iterator) {
                lines.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // being written: read again on the next call
        }
        return lines;
    }

    private static long journalSize(Path journal) {
        long n = 0;
        try (Stream<Path> files = Files.list(journal)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                n += Files.size(f);
            }
        } catch (IOException e) {
            return -1;
        }
        return n;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    private static long csvLeft(Path inbox) {
        try (Stream<Path> files = Files.list(inbox)) {
            return files.filter(p -> p.toString().endsWith(".csv")).count();
        } catch (IOException e) {
            return -1;
        }
    }
}
