package io.dropcopy.session.internal;

import static io.dropcopy.session.internal.DatabaseOutageTest.await;
import static io.dropcopy.session.internal.DatabaseOutageTest.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.simulator.CmeSimulator;
import io.dropcopy.simulator.SimulatorConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assembly ({@code karaf-assembly/target/assembly}, copied) runs as a separate process, fed by the simulator (in
 * this JVM, so it outlives every kill) over TCP. Its route writes each event to the {@code dropcopy-file:} sink
 * (fsync=always), then appends it as the shipped demo route does (plain Camel file, append). The process is killed with
 * SIGKILL at random moments, some while streaming live, some just after a restart while the backlog comes by resend,
 * and restarted each time. Then both files are read: every message the simulator sent is in each, none twice in the
 * sink. The demo's plain append is at-least-once (a kill between its write and the session's sequence store brings the
 * message again): its copies are counted and reported, not forbidden.
 * CI: about 5,000 messages and 3 kills; {@code -Ddropcopy.crash.full=true}: about 50,000 messages and 10 kills.
 */
class CrashRecoveryTest {
    private static final boolean FULL = Boolean.getBoolean("dropcopy.crash.full");
    private static final int ORDERS = FULL ? 16_000 : 1_600;
    private static final int KILLS = FULL ? 10 : 3;
    private static final Pattern SEQ = Pattern.compile("\"seqNum\":(\\d+)");

    @TempDir
    Path tmp;

    @Test
    void killedWithSigkillAndRestartedLosesAndDoublesNothing() throws Exception {
        Path assembly = Paths.get(System.getProperty("basedir", ".")).resolve("../karaf-assembly/target/assembly")
                .normalize();
        assertTrue(Files.isDirectory(assembly.resolve("bin")), "build karaf-assembly first: " + assembly);
        Path karaf = tmp.resolve("karaf");
        copyTree(assembly, karaf);
        int simPort = freePort();
        configure(karaf, simPort);

        Random random = new Random(Long.getLong("dropcopy.crash.seed", 8L));
        CmeSimulator sim = new CmeSimulator(SimulatorConfig.builder().port(simPort).orders(ORDERS).rate(400)
                .scenario(SimulatorConfig.Scenario.REALISTIC).seed(8).targetCompId("DEMO01N")
                .accessKeyId(DatabaseOutageTest.ACCESS_KEY).secretKey(DatabaseOutageTest.SECRET)
                .storeDir(tmp.resolve("sim")).build());
        Process process = null;
        StringBuilder log = new StringBuilder();
        try {
            sim.start();
            for (int kill = 1; kill <= KILLS; kill++) {
                long before = lines(karaf);
                process = start(karaf, kill);
                // a kill while the sink grows: after a restart the first messages are the backlog coming by resend
                long grow = 1 + random.nextInt(kill % 2 == 0 ? 50 : 600);
                Process p = process;
                await("Karaf run " + kill + " writing", Duration.ofSeconds(180),
                        () -> !p.isAlive() || lines(karaf) >= before + grow);
                assertTrue(process.isAlive(), "Karaf run " + kill + " died on its own");
                Thread.sleep(random.nextInt(kill % 2 == 0 ? 200 : 3000));
                killHard(process);
                log.append(String.format("kill %d after %d lines (simulator sent %d)%n", kill, lines(karaf),
                        sim.sentCount()));
            }
            process = start(karaf, KILLS + 1);
            await("the simulator finished and every message in the sink", Duration.ofSeconds(FULL ? 900 : 300),
                    () -> sim.isFinished() && distinct(karaf, SINK) >= sim.sentCount()
                            && distinct(karaf, DEMO) >= sim.sentCount());
            Thread.sleep(2000);    // anything doubled would show up now
        } finally {
            if (process != null) {
                killHard(process);
            }
            sim.stop();
        }
        long sent = sim.sentCount();
        Map<Long, Integer> sink = copies(karaf, SINK);
        Map<Long, Integer> demo = copies(karaf, DEMO);
        List<Long> doubled = doubled(sink);
        System.out.print(log);
        System.out.printf("CrashRecoveryTest: %d messages, %d SIGKILLs; dropcopy-file sink: %d lost, %d doubled;"
                        + " plain append (demo route): %d lost, %d doubled%n", sent, KILLS, sent - sink.size(),
                doubled.size(), sent - demo.size(), doubled(demo).size());
        assertEquals(sent, sink.size(), "every message the simulator sent is in the sink");
        assertEquals(sent, demo.size(), "every message the simulator sent is in the demo's file");
        assertEquals(List.of(), doubled.subList(0, Math.min(20, doubled.size())), "none twice in the sink");
    }

    private static List<Long> doubled(Map<Long, Integer> copies) {
        return copies.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).sorted()
                .collect(Collectors.toList());
    }

    private static void configure(Path karaf, int simPort) throws IOException {
        Path etc = karaf.resolve("etc");
        set(etc.resolve("org.apache.karaf.shell.cfg"), "sshPort", String.valueOf(freePort()));
        set(etc.resolve("org.apache.karaf.management.cfg"), "rmiRegistryPort", String.valueOf(freePort()));
        set(etc.resolve("org.apache.karaf.management.cfg"), "rmiServerPort", String.valueOf(freePort()));
        set(etc.resolve("org.ops4j.pax.web.cfg"), "org.osgi.service.http.port", String.valueOf(freePort()));
        // the in-Karaf simulator would die with Karaf: it listens on a port nobody uses; ours outlives the kills
        set(etc.resolve("io.dropcopy.simulator-demo.cfg"), "port", String.valueOf(freePort()));
        set(etc.resolve("io.dropcopy.session-demo.cfg"), "addresses", "127.0.0.1:" + simPort);
        set(etc.resolve("io.dropcopy.session-demo.cfg"), "reconnectInterval", "1");
        // the dropcopy-file sink: its bundle placed in the assembly's system repository, its feature booted
        Path bundle = Paths.get(System.getProperty("basedir", ".")).resolve(
                "../bundles/dropcopy-sink-file/target/dropcopy-sink-file-0.1.0-SNAPSHOT.jar").normalize();
        Path system = karaf.resolve("system/io/dropcopy/karaf/dropcopy-sink-file/0.1.0-SNAPSHOT");
        Files.createDirectories(system);
        Files.copy(bundle, system.resolve(bundle.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        Path features = etc.resolve("org.apache.karaf.features.cfg");
        String cfg = Files.readString(features, StandardCharsets.UTF_8);
        Files.writeString(features, cfg.replaceFirst("featuresBoot\\s*=\\s*\\\\",
                "featuresBoot = dropcopy-sink-file/0.1.0.SNAPSHOT, \\\\"), StandardCharsets.UTF_8);
        Files.writeString(karaf.resolve("deploy/dropcopy-demo-route.xml"), String.join("\n",
                "<blueprint xmlns=\"http://www.osgi.org/xmlns/blueprint/v1.0.0\">",
                "  <camelContext id=\"dropcopy-crash\" xmlns=\"http://camel.apache.org/schema/blueprint\">",
                "    <route id=\"dropcopy-crash\">",
                "      <from uri=\"dropcopy:DEMO\"/>",
                "      <to uri=\"dropcopy-file:{{karaf.data}}/dropcopy-sink?format=jsonl&amp;fsync=always\"/>",
                "      <setBody><simple>${body}\\n</simple></setBody>",
                "      <to uri=\"file:{{karaf.data}}/dropcopy?fileName=${header.DropCopyTradeDate}.jsonl&amp;"
                        + "fileExist=Append&amp;charset=UTF-8\"/>",
                "    </route>",
                "  </camelContext>",
                "</blueprint>", ""), StandardCharsets.UTF_8);
    }

    /** Sets {@code key = value} in a .cfg file, replacing the line if the key is there. */
    private static void set(Path cfg, String key, String value) throws IOException {
        List<String> lines = Files.readAllLines(cfg, StandardCharsets.UTF_8);
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

    private static Process start(Path karaf, int run) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(karaf.resolve("bin/karaf").toString(), "server").directory(karaf.toFile())
                .redirectErrorStream(true).redirectOutput(karaf.resolve("run-" + run + ".out").toFile());
        pb.environment().put("JAVA_MAX_MEM", "512M");
        return pb.start();
    }

    /** SIGKILL to Karaf's JVM and the script around it. */
    private static void killHard(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor();
        process.descendants().forEach(h -> h.onExit().join());
    }

    static final String SINK = "data/dropcopy-sink";
    static final String DEMO = "data/dropcopy";

    private static List<Path> sinkFiles(Path karaf, String where) throws IOException {
        Path dir = karaf.resolve(where);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".jsonl")).collect(Collectors.toList());
        }
    }

    private static long lines(Path karaf) {
        try {
            long n = 0;
            for (Path f : sinkFiles(karaf, SINK)) {
                try (Stream<String> lines = Files.lines(f, StandardCharsets.UTF_8)) {
                    n += lines.count();
                }
            }
            return n;
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }

    private static long distinct(Path karaf, String where) {
        try {
            return copies(karaf, where).size();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }

    /** Outer sequence number (one target session) to the number of lines carrying it. */
    private static Map<Long, Integer> copies(Path karaf, String where) throws IOException {
        Map<Long, Integer> copies = new HashMap<>();
        for (Path f : sinkFiles(karaf, where)) {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                Matcher m = SEQ.matcher(line);
                if (m.find()) {
                    copies.merge(Long.parseLong(m.group(1)), 1, Integer::sum);
                }
            }
        }
        return copies;
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
}
