package io.dropcopy.itests;

import static io.dropcopy.testsupport.Ports.freePort;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.AfterClass;
import org.junit.Assume;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The built assembly ({@code karaf-assembly/target/assembly}), copied and started once on free ports, used as its
 * user would: {@code dropcopy:list} through {@code bin/client}, both ways the docs give: commands piped into {@code bin/client -b} (scripts), and the command
 * on the command line with standard input left open (a terminal). Karaf's client closes an exec command's channel as
 * soon as its standard input reaches end of file, which is why {@code bin/client 'dropcopy:list' < /dev/null} prints
 * only "Closed" (docs/karaf.md). And hawtio (feature dropcopy-hawtio, a boot feature of the assembly): a login with the
 * assembly's user, a wrong password refused, the demo route in hawtio's Camel MBeans, the
 * session's MBean, and Artemis' broker and the sample route's address once {@code dropcopy-jms} is installed. And the risk dashboard at
 * {@code /dropcopy/} in headless Chromium ({@code bundles/dropcopy-positions/src/test/browser/dashboard-test.mjs},
 * screenshots in {@code target/dashboard-browser/}): Chromium and Node 20+ are required, {@code -Dbrowser.skip=true}
 * skips that test.
 */
public class AssemblyTest {
    /** The demo session, as etc/io.dropcopy.session-demo.cfg names it, logged on to the assembly's simulator. */
    private static final Pattern DEMO_LOGGED_ON = Pattern.compile("(?m)^demo\\s+\\|\\s+DEMO\\s+\\|\\s+LOGGED_ON\\s+\\|");

    private static Process karaf;
    private static Path home;
    private static int sshPort;
    private static int httpPort;

    @BeforeClass
    public static void startAssembly() throws Exception {
        Path assembly = Paths.get(System.getProperty("basedir", ".")).resolve("../karaf-assembly/target/assembly")
                .normalize();
        assertTrue("build karaf-assembly first (mvn install from the root builds it before itests): " + assembly,
                Files.isExecutable(assembly.resolve("bin/client")));
        home = Paths.get(System.getProperty("basedir", ".")).resolve("target/bin-client-node");
        deleteTree(home);
        copyTree(assembly, home);
        Path etc = home.resolve("etc");
        sshPort = freePort();
        int simulator = freePort();
        set(etc.resolve("org.apache.karaf.shell.cfg"), "sshPort", String.valueOf(sshPort));
        set(etc.resolve("org.apache.karaf.management.cfg"), "rmiRegistryPort", String.valueOf(freePort()));
        set(etc.resolve("org.apache.karaf.management.cfg"), "rmiServerPort", String.valueOf(freePort()));
        httpPort = freePort();
        set(etc.resolve("org.ops4j.pax.web.cfg"), "org.osgi.service.http.port", String.valueOf(httpPort));
        set(etc.resolve("io.dropcopy.simulator-demo.cfg"), "port", String.valueOf(simulator));
        // the realistic scenario sends busts and corrections too, which the dashboard test needs to see
        set(etc.resolve("io.dropcopy.simulator-demo.cfg"), "scenario", "realistic");
        set(etc.resolve("io.dropcopy.simulator-demo.cfg"), "rate", "10");
        set(etc.resolve("io.dropcopy.session-demo.cfg"), "addresses", "127.0.0.1:" + simulator);

        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server").directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(home.resolve("karaf.out").toFile());
        pb.environment().put("JAVA_MAX_MEM", "512M");
        pb.environment().put("EXTRA_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        karaf = pb.start();
    }

    @Test
    public void dropcopyListRunsThroughBinClient() throws Exception {
        // Scripts: the commands on standard input, -b.
        String[] batch = new String[1];
        Awaitility.await().atMost(240, TimeUnit.SECONDS).pollInterval(3, TimeUnit.SECONDS).until(() -> {
            batch[0] = client("dropcopy:list\n", true);
            return DEMO_LOGGED_ON.matcher(batch[0]).find();
        });
        System.err.println("echo dropcopy:list | bin/client -b\n" + batch[0]);

        // A terminal: the command on the command line, standard input open until the command has ended.
        String exec = client(null, false);
        System.err.println("bin/client dropcopy:list\n" + exec);
        assertTrue(exec, DEMO_LOGGED_ON.matcher(exec).find());
        assertTrue(exec, exec.contains("Name") && exec.contains("Dead letters"));
    }

    @Test
    public void hawtioLogsInWithTheAssemblysUsersAndShowsTheDemoRoute() throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        String base = "http://127.0.0.1:" + httpPort + "/hawtio";
        int[] status = new int[1];
        // ignoreExceptions: Karaf's HTTP port refuses connections until pax-web is up
        Awaitility.await().atMost(240, TimeUnit.SECONDS).pollInterval(3, TimeUnit.SECONDS).ignoreExceptions().until(() -> {
            status[0] = login(http, base, "karaf", "karaf").statusCode();
            return status[0] == 200;
        });
        assertEquals("a wrong password", 403, login(HttpClient.newHttpClient(), base, "karaf", "wrong").statusCode());
        String[] routes = new String[1];
        // the route's MBean appears once the demo route file in deploy/ has started
        Awaitility.await().atMost(120, TimeUnit.SECONDS).pollInterval(2, TimeUnit.SECONDS).until(() -> {
            routes[0] = http.send(HttpRequest.newBuilder(URI.create(base + "/jolokia/search/org.apache.camel:type=routes,*"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            return routes[0].contains("name=\\\"dropcopy-demo-jsonl\\\"");
        });
        System.err.println("hawtio's Camel routes: " + routes[0]);

        // our MBeans: the demo session's, as hawtio's JMX tree reads them
        String sessions = jolokiaSearch(http, base, "io.dropcopy:type=session,*");
        assertTrue(sessions, sessions.contains("io.dropcopy:name=\\\"demo\\\",type=session"));
        // Artemis: not in the demo's boot features; installed, its broker and the sample route's address show up
        String installed = client("feature:install dropcopy-jms\n", true);
        String[] artemis = new String[1];
        try {
            // installing dropcopy-jms refreshes bundles that hawtio's web application is wired to: pax-web deploys
            // it again and the login session is gone, so log in again while the answer is not Jolokia's
            Awaitility.await().atMost(180, TimeUnit.SECONDS).pollInterval(2, TimeUnit.SECONDS).ignoreExceptions().until(() -> {
                artemis[0] = jolokiaSearch(http, base, "org.apache.activemq.artemis:*");
                if (!artemis[0].contains("\"value\"")) {
                    login(http, base, "karaf", "karaf");
                    return false;
                }
                return artemis[0].contains("org.apache.activemq.artemis:broker=\\\"localhost\\\"")
                        && artemis[0].contains("address=\\\"dropcopy.DEMO\\\"");
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("Artemis' broker and address dropcopy.DEMO through hawtio's Jolokia after"
                    + " feature:install dropcopy-jms (" + installed + "); last answer: " + artemis[0], e);
        }
    }

    private static String jolokiaSearch(HttpClient http, String base, String pattern) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/jolokia/search/" + pattern)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    public void dashboardInHeadlessChromium() throws Exception {
        Assume.assumeFalse("-Dbrowser.skip=true", Boolean.getBoolean("browser.skip"));
        String chromium = System.getenv().getOrDefault("CHROMIUM", "chromium");
        String missing = "";
        if (!onPath(chromium)) {
            missing += " Chromium ('" + chromium + "' not found: apt-get install chromium, or set CHROMIUM to its path);";
        }
        if (!onPath("node")) {
            missing += " Node.js 20 or later ('node' is not on the PATH: apt-get install nodejs);";
        }
        assertTrue("the dashboard's browser test needs" + missing + " or run with -Dbrowser.skip=true", missing.isEmpty());
        Path root = Paths.get(System.getProperty("basedir", ".")).resolve("..").normalize();
        Path script = root.resolve("bundles/dropcopy-positions/src/test/browser/dashboard-test.mjs");
        Path shots = Paths.get(System.getProperty("basedir", ".")).resolve("target/dashboard-browser");
        deleteTree(shots); // no screenshot of an earlier run
        String base = "http://127.0.0.1:" + httpPort;
        HttpClient http = HttpClient.newHttpClient();
        Awaitility.await().atMost(240, TimeUnit.SECONDS).pollInterval(2, TimeUnit.SECONDS).ignoreExceptions()
                .until(() -> http.send(HttpRequest.newBuilder(URI.create(base + "/dropcopy/")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200);

        long started = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder("node", "--experimental-websocket", "--no-warnings", script.toString(), base,
                "karaf", "karaf", shots.toString()).redirectErrorStream(true);
        pb.environment().put("CHROMIUM", chromium);
        pb.environment().put("DASHBOARD_ETC", home.resolve("etc").toString());
        pb.environment().put("DASHBOARD_JOURNAL", home.resolve("data/dropcopy").toString());
        pb.environment().putIfAbsent("DASHBOARD_TIMEOUT_MS", "120000");
        pb.environment().putIfAbsent("DASHBOARD_BUST_MS", "180000");
        Process node = pb.start();
        String out;
        try {
            out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue("the browser test did not end within 10 minutes", node.waitFor(10, TimeUnit.MINUTES));
        } finally {
            node.descendants().forEach(ProcessHandle::destroy);
            node.destroy();
        }
        System.err.printf("dashboard in headless Chromium (%d s):%n%s%n", (System.nanoTime() - started) / 1_000_000_000L, out);
        assertEquals("dashboard-test.mjs failed (screenshots in " + shots + "):\n" + out, 0, node.exitValue());
        assertTrue(out, out.contains("OK: "));
        for (String shot : List.of("2-login-refused", "3-logged-in", "5-position-changed", "6-bust", "7-alert",
                "8-alert-cleared")) {
            assertTrue("screenshot " + shot, Files.size(shots.resolve(shot + ".png")) > 0);
        }
    }

    @Test
    public void hawtioInHeadlessChromium() throws Exception {
        Assume.assumeFalse("-Dbrowser.skip=true", Boolean.getBoolean("browser.skip"));
        String chromium = System.getenv().getOrDefault("CHROMIUM", "chromium");
        String missing = "";
        if (!onPath(chromium)) {
            missing += " Chromium ('" + chromium + "' not found: apt-get install chromium, or set CHROMIUM to its path);";
        }
        if (!onPath("node")) {
            missing += " Node.js 20 or later ('node' is not on the PATH: apt-get install nodejs);";
        }
        assertTrue("hawtio's browser test needs" + missing + " or run with -Dbrowser.skip=true", missing.isEmpty());
        Path basedir = Paths.get(System.getProperty("basedir", "."));
        Path script = basedir.resolve("src/test/browser/hawtio-test.mjs");
        Path shots = basedir.resolve("target/hawtio-browser");
        deleteTree(shots);
        String base = "http://127.0.0.1:" + httpPort + "/hawtio";
        HttpClient http = HttpClient.newHttpClient();
        Awaitility.await().atMost(240, TimeUnit.SECONDS).pollInterval(2, TimeUnit.SECONDS).ignoreExceptions()
                .until(() -> http.send(HttpRequest.newBuilder(URI.create(base + "/auth/login")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200);

        long started = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder("node", "--experimental-websocket", "--no-warnings", script.toString(), base,
                "karaf", "karaf", shots.toString(), "dropcopy-demo-jsonl").redirectErrorStream(true);
        pb.environment().put("CHROMIUM", chromium);
        Process node = pb.start();
        String out;
        try {
            out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue("the browser test did not end within 5 minutes", node.waitFor(5, TimeUnit.MINUTES));
        } finally {
            node.descendants().forEach(ProcessHandle::destroy);
            node.destroy();
        }
        System.err.printf("hawtio in headless Chromium (%d s):%n%s%n", (System.nanoTime() - started) / 1_000_000_000L, out);
        assertEquals("hawtio-test.mjs failed (screenshots in " + shots + "):\n" + out, 0, node.exitValue());
        assertTrue(out, out.contains("OK: ") && out.contains("route dropcopy-demo-jsonl in the Camel tree"));
        for (String shot : List.of("1-login", "2-logged-in", "4-camel-route")) {
            assertTrue("screenshot " + shot, Files.size(shots.resolve(shot + ".png")) > 0);
        }
    }

    private static boolean onPath(String command) {
        if (command.contains("/")) {
            return Files.isExecutable(Paths.get(command));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Paths.get(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static HttpResponse<String> login(HttpClient http, String base, String user, String password)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/auth/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Runs bin/client as the assembly's admin; {@code stdin} piped in with -b, else the command as an argument. */
    private static String client(String stdin, boolean batch) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/client").toString(), "-h", "127.0.0.1", "-a",
                String.valueOf(sshPort), "-u", "karaf", "-p", "karaf", "-r", "3"));
        command.add(batch ? "-b" : "dropcopy:list");
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true);
        // the client keeps the node's host key in ~/.sshkaraf/known_hosts: a home of our own
        pb.environment().put("JAVA_OPTS", "-Duser.home=" + Files.createDirectories(home.resolve("client-home")));
        Process p = pb.start();
        OutputStream in = p.getOutputStream();
        if (batch) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
            in.close();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean ended = p.waitFor(60, TimeUnit.SECONDS);
        in.close();
        if (!ended) {
            p.destroyForcibly();
            throw new IOException("bin/client did not end: " + out);
        }
        return out;
    }

    @AfterClass
    public static void stopKaraf() throws InterruptedException {
        if (karaf == null) {
            return;
        }
        List<ProcessHandle> children = karaf.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        karaf.destroy();
        if (!karaf.waitFor(30, TimeUnit.SECONDS)) {
            children.forEach(ProcessHandle::destroyForcibly);
            karaf.destroyForcibly();
        }
        children.forEach(h -> h.onExit().join());
    }

    /** Sets {@code key = value} in a .cfg file, replacing the line if the key is there. */
    private static void set(Path cfg, String key, String value) throws IOException {
        List<String> lines = Files.exists(cfg) ? Files.readAllLines(cfg, StandardCharsets.UTF_8) : new ArrayList<>();
        boolean found = false;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("\\s*" + Pattern.quote(key) + "\\s*=.*")) {
                lines.set(i, key + " = " + value);
                found = true;
            }
        }
        if (!found) {
            lines.add(key + " = " + value);
        }
        Files.write(cfg, lines, StandardCharsets.UTF_8);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted((a, b) -> b.getNameCount() - a.getNameCount())::iterator) {
                Files.delete(p);
            }
        }
    }
}
