package io.dropcopy.reliability;

import static io.dropcopy.testsupport.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.simulator.CmeSimulator;
import io.dropcopy.simulator.ExpectedLedger;
import io.dropcopy.simulator.SimulatorConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The risk view survives SIGKILL: the assembly ({@code karaf-assembly/target/assembly}, copied, with its shipped demo
 * route: the file sink's journal with group commit, each event on disk before it counts, and the positions bundle reading it back at start) runs as its own
 * process, fed over TCP by the simulator (realistic scenario: partial fills, spreads with their legs, busts and
 * corrections of earlier fills), which runs in this JVM and outlives every kill. Killed twice with SIGKILL: once at a
 * moment while live fills flow, once after a backlog (a gap recovered by resend at logon) while busts and corrections
 * are being applied. After the last restart the running position of every account and instrument read through
 * {@code GET /dropcopy/api/positions} (net, bought, sold, number of fills) equals the one computed from the
 * simulator's own bookkeeping ({@link CmeSimulator#expectedLedger()}), never from the product's counters.
 * The position-limit alerts active then, in /dropcopy/metrics, are as many as the ledger's positions beyond the demo's
 * limits. Then, on the same running assembly, the REST session control: a viewer reads but may not change state (403), a GET
 * of an operation changes nothing (405); the admin disconnects the session (the simulator sees it log out), connects it
 * (it logs on again) and asks for a resend of messages already received, whose copies leave every position as it was.
 * CI: 500 orders (~1,600 messages), about 2-3 minutes; {@code -Ddropcopy.positions.crash.orders=N} for more.
 */
class PositionsCrashTest {
    private static final int ORDERS = Integer.getInteger("dropcopy.positions.crash.orders", 500);
    /** Messages a second: slow enough that a kill falls inside the stream, fast enough for CI. */
    private static final double RATE = 60;
    private static final String JOURNAL = "data/dropcopy/DEMO";
    private static final String GROUP = "DEMO";
    /** The session's name in the assembly (etc/io.dropcopy.session-demo.cfg). */
    private static final String SESSION = "demo";
    /** The assembly's admin (user and password). */
    private static final String ADMIN = "karaf";
    /** A user with role viewer only, added to the copy's etc/users.properties (password = name). */
    private static final String VIEWER = "riskviewer";
    private static final Pattern SEQ = Pattern.compile("\"seqNum\":(\\d+)");
    private static final Pattern CHANGE = Pattern.compile("\"kind\":\"(bust|correction)\"");

    @TempDir
    Path tmp;

    @Test
    void positionsAfterSigkillsEqualTheSimulatorsLedger() throws Exception {
        Path assembly = AssemblyNode.builtAssembly();
        assertTrue(Files.isDirectory(assembly.resolve("bin")), "build karaf-assembly first: " + assembly);
        AssemblyNode node = AssemblyNode.copy("risk", assembly, tmp.resolve("karaf"));
        Path etc = node.home.resolve("etc");
        int simPort = freePort();
        AssemblyNode.set(etc.resolve("io.dropcopy.session-demo.cfg"), "addresses", "127.0.0.1:" + simPort);
        AssemblyNode.set(etc.resolve("io.dropcopy.session-demo.cfg"), "reconnectInterval", "1");
        AssemblyNode.set(etc.resolve("users.properties"), VIEWER, VIEWER + ",viewer");
        int http = Integer.parseInt(property(etc.resolve("org.ops4j.pax.web.cfg"), "org.osgi.service.http.port"));
        Path journal = node.home.resolve(JOURNAL);

        long started = System.nanoTime();
        CmeSimulator sim = new CmeSimulator(SimulatorConfig.builder().port(simPort).orders(ORDERS).rate(RATE)
                .scenario(SimulatorConfig.Scenario.REALISTIC).seed(18).targetCompId("DEMO01N")
                .accessKeyId(DatabaseOutageTest.ACCESS_KEY).secretKey(DatabaseOutageTest.SECRET)
                .storeDir(tmp.resolve("sim")).build());
        List<String> log = new ArrayList<>();
        Map<String, ExpectedPositions.Figures> expected;
        AtomicReference<List<String>> last = new AtomicReference<>(List.of("not read"));
        try {
            sim.start();

            // run 1: killed while live fills flow
            node.start();
            await("run 1 journalling fills", Duration.ofSeconds(240),
                    () -> alive(node) && lines(journal) >= 150);
            node.killHard();
            log.add(String.format("kill 1 while live fills flow: journal %d lines (%d busts/corrections), simulator"
                    + " sent %d", lines(journal), changes(journal), sim.sentCount()));

            // run 2: a backlog sent while it is down (a gap, recovered by resend at logon), killed once busts or
            // corrections of this run have been journalled and applied, with the stream still going
            long changesBefore = changes(journal);
            long linesBefore = lines(journal);
            sim.sendBacklog(300);
            node.start();
            await("run 2 journalling busts and corrections", Duration.ofSeconds(240),
                    () -> alive(node) && changes(journal) >= changesBefore + 2 && lines(journal) >= linesBefore + 400);
            assertTrue(!sim.isFinished(), "the stream was still going at kill 2 (raise dropcopy.positions.crash.orders)");
            node.killHard();
            log.add(String.format("kill 2 while busts and corrections flow: journal %d lines (%d busts/corrections,"
                            + " %d in this run), simulator sent %d, resend requests %d", lines(journal),
                    changes(journal), changes(journal) - changesBefore, sim.sentCount(), sim.resendRequests().size()));

            // the last run: the rest of the stream, then the positions as the product shows them
            node.start();
            await("the simulator finished and every message journalled", Duration.ofSeconds(300),
                    () -> alive(node) && sim.isFinished() && distinctSeqs(journal) >= sim.sentCount());
            expected = ExpectedPositions.fromLedger(sim.expectedLedger());
            Map<String, ExpectedPositions.Figures> want = expected;
            try {
                await("the positions of the REST API equal the simulator's ledger", Duration.ofSeconds(60), () -> {
                    last.set(ExpectedPositions.differences(want, ExpectedPositions.fromApi(positions(http), GROUP)));
                    return last.get().isEmpty();
                });
            } catch (AssertionError e) {
                // the differences are asserted below, with their figures
            }
            if (last.get().isEmpty()) {
                alertMetrics(http, etc, want, log);
                sessionControl(http, sim, want, log);
            }
        } finally {
            node.killHard();
            sim.stop();
            log.forEach(System.out::println);
        }
        ExpectedLedger ledger = sim.expectedLedger();
        System.out.printf("PositionsCrashTest after %d s: simulator sent %d messages, %d fills (%d busted, %d corrected),"
                        + " %d positions by account and instrument; %s%n",
                Duration.ofNanos(System.nanoTime() - started).toSeconds(), sim.sentCount(), ledger.fills().size(),
                ledger.fills(ExpectedLedger.State.BUSTED).size(), ledger.fills(ExpectedLedger.State.CORRECTED).size(),
                expected.size(), last.get().isEmpty() ? "the product shows each one as expected"
                        : last.get().size() + " differ");
        last.get().forEach(System.out::println);
        assertTrue(ledger.complete() && ledger.unmatched().isEmpty(), "the simulator's ledger is whole");
        assertTrue(!ledger.fills(ExpectedLedger.State.BUSTED).isEmpty()
                && !ledger.fills(ExpectedLedger.State.CORRECTED).isEmpty(), "the stream had busts and corrections");
        assertTrue(expected.size() > 1, "several positions: " + expected);
        assertEquals(List.of(), last.get(), "every position after the kills, as the simulator's ledger computes it");
    }

    /**
     * The position-limit alerts active after the last restart, in /dropcopy/metrics, are the positions of the ledger
     * beyond the limits of the copy's etc/io.dropcopy.positions.cfg (the demo's, low enough to be crossed).
     */
    private static void alertMetrics(int http, Path etc, Map<String, ExpectedPositions.Figures> want, List<String> log)
            throws Exception {
        Path cfg = etc.resolve("io.dropcopy.positions.cfg");
        long maxLong = Long.parseLong(property(cfg, "maxLong"));
        long maxShort = Long.parseLong(property(cfg, "maxShort"));
        long over = want.values().stream().filter(f -> (maxLong > 0 && f.net() > maxLong)
                || (maxShort > 0 && -f.net() > maxShort)).count();
        Pattern active = Pattern.compile("(?m)^dropcopy_alerts_active\\{type=\"position_limit\"\\} (\\d+)$");
        Pattern raised = Pattern.compile("(?m)^dropcopy_alerts_raised_total\\{type=\"position_limit\"\\} (\\d+)$");
        String[] text = {""};
        await("the position-limit alerts in /dropcopy/metrics", Duration.ofSeconds(30), () -> {
            text[0] = call("GET", http, "/dropcopy/metrics", ADMIN, null).body();
            Matcher m = active.matcher(text[0]);
            return m.find() && Long.parseLong(m.group(1)) == over;
        });
        Matcher r = raised.matcher(text[0]);
        assertTrue(r.find() && Long.parseLong(r.group(1)) >= over, "raised at least as often as active: " + text[0]);
        assertTrue(over > 0, "the demo's limits (max long " + maxLong + ", short " + maxShort + ") are crossed");
        log.add("metrics: " + over + " position-limit alerts active, as many positions of the ledger beyond max long "
                + maxLong + " / short " + maxShort);
    }

    /** The REST session operations, admin only, on the running assembly; the positions stay as the ledger says. */
    private static void sessionControl(int http, CmeSimulator sim, Map<String, ExpectedPositions.Figures> want,
            List<String> log) throws Exception {
        String sessions = "/dropcopy/api/sessions/" + SESSION;
        assertEquals(200, call("GET", http, "/dropcopy/api/positions", VIEWER, null).statusCode(), "a viewer reads");
        HttpResponse<String> refused = call("POST", http, sessions + "/disconnect", VIEWER, "");
        assertEquals(403, refused.statusCode(), "a viewer may not disconnect: " + refused.body());
        assertEquals(405, call("GET", http, sessions + "/disconnect", ADMIN, null).statusCode(), "POST only");
        assertTrue(sim.isLoggedOn(), "neither a viewer's POST nor a GET logged the session out");
        assertEquals(404, call("POST", http, "/dropcopy/api/sessions/nosuch/connect", ADMIN, "").statusCode());

        HttpResponse<String> out = call("POST", http, sessions + "/disconnect", ADMIN, "");
        assertEquals(200, out.statusCode(), out.body());
        await("the simulator seeing the session log out", Duration.ofSeconds(30), () -> !sim.isLoggedOn());
        HttpResponse<String> in = call("POST", http, sessions + "/connect", ADMIN, "");
        assertEquals(200, in.statusCode(), in.body());
        await("the session logged on again", Duration.ofSeconds(60), sim::isLoggedOn);
        int requests = sim.resendRequests().size();
        // 409 until the product's side of the logon is through
        List<HttpResponse<String>> resend = new ArrayList<>();
        await("a resend accepted", Duration.ofSeconds(30), () -> {
            resend.add(0, call("POST", http, sessions + "/resend", ADMIN, "from=1&to=200"));
            return resend.get(0).statusCode() != 409;
        });
        assertEquals(200, resend.get(0).statusCode(), resend.get(0).body());
        await("the simulator asked to resend", Duration.ofSeconds(30), () -> sim.resendRequests().size() > requests);
        // the sessions' view is refreshed every second: no resend in flight for 3 s in a row
        long[] since = {0};
        await("the resend through", Duration.ofSeconds(60), () -> {
            boolean idle = call("GET", http, "/dropcopy/api/sessions", ADMIN, null).body()
                    .contains("\"resendInFlight\":null");
            since[0] = idle ? (since[0] == 0 ? System.nanoTime() : since[0]) : 0;
            return idle && System.nanoTime() - since[0] > Duration.ofSeconds(3).toNanos();
        });
        List<String> after = ExpectedPositions.differences(want,
                ExpectedPositions.fromApi(positions(http), GROUP));
        assertEquals(List.of(), after, "the resent copies (97=Y) counted once");
        log.add("REST: viewer refused (403), GET refused (405), admin disconnect/connect seen by the simulator,"
                + " resend 1..200 left every position as it was");
    }

    private static HttpResponse<String> call(String method, int port, String path, String user, String form)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + user).getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(20));
        if ("POST".equals(method)) {
            b.header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form));
        } else {
            b.GET();
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    /**
     * Awaits {@code condition}, polled every 200 ms; an exception (the HTTP server not up yet) counts as not yet, a
     * failed assertion inside it fails at once.
     */
    private static void await(String what, Duration timeout, Condition condition) {
        Awaitility.await(what).atMost(timeout).pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsMatching(e -> !(e instanceof AssertionError)).until(condition::holds);
    }

    private static boolean alive(AssemblyNode node) {
        assertTrue(node.alive(), "Karaf died on its own");
        return true;
    }

    /** GET /dropcopy/api/positions?tradeDate=* as the assembly's admin (HTTP Basic against the realm). */
    private static String positions(int port) throws IOException, InterruptedException {
        HttpResponse<String> response = call("GET", port, "/dropcopy/api/positions?group=" + GROUP + "&tradeDate=*",
                ADMIN, null);
        if (response.statusCode() != 200) {
            throw new IOException("GET /dropcopy/api/positions: " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static String property(Path cfg, String key) throws IOException {
        for (String line : Files.readAllLines(cfg, StandardCharsets.UTF_8)) {
            String t = line.trim();
            if (t.startsWith(key) && t.substring(key.length()).trim().startsWith("=")) {
                return t.substring(t.indexOf('=') + 1).trim();
            }
        }
        throw new IllegalStateException(key + " not in " + cfg);
    }

    private static List<String> journalLines(Path journal) {
        List<String> all = new ArrayList<>();
        if (!Files.isDirectory(journal)) {
            return all;
        }
        try (Stream<Path> files = Files.list(journal)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".jsonl"))::iterator) {
                all.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // being written: read again at the next poll
        }
        return all;
    }

    private static long lines(Path journal) {
        return journalLines(journal).size();
    }

    private static long changes(Path journal) {
        return journalLines(journal).stream().filter(l -> CHANGE.matcher(l).find()).count();
    }

    private static long distinctSeqs(Path journal) {
        Set<String> seqs = new HashSet<>();
        for (String l : journalLines(journal)) {
            Matcher m = SEQ.matcher(l);
            if (m.find()) {
                seqs.add(m.group(1));
            }
        }
        return seqs.size();
    }
}
