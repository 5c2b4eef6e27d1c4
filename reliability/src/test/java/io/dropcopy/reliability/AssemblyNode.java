package io.dropcopy.reliability;

import static io.dropcopy.testsupport.Ports.freePort;

import java.io.IOException;
import java.io.RandomAccessFile;
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

/**
 * One copy of the real assembly ({@code karaf-assembly/target/assembly}) in a directory of its own, run as its own
 * process ({@code bin/karaf server}) on its own ports, killed with SIGKILL and started again on the same directory.
 * Reads what the node says about its groups from its {@code data/log/karaf.log}, and runs console commands through
 * its SSH port ({@code bin/client}).
 */
final class AssemblyNode {
    final String id;
    final Path home;
    private final int sshPort;
    private Process process;
    private int run;
    /** The "Drop copy ..." lines this node logged since its current start. */
    private final List<String> lines = new ArrayList<>();
    private long logPosition;

    private AssemblyNode(String id, Path home, int sshPort) {
        this.id = id;
        this.home = home;
        this.sshPort = sshPort;
    }

    /** A feature of ours at the project's version, as featuresBoot names it ({@code dropcopy-jms/0.2.0}, {@code dropcopy-jms/0.3.0.SNAPSHOT}). */
    static String feature(String name) {
        String version = System.getProperty("dropcopy.version");
        if (version == null) {
            throw new IllegalStateException("system property dropcopy.version not set (reliability/pom.xml sets it)");
        }
        return name + "/" + version.replace('-', '.');
    }

    /** The built assembly, for a test run from a module next to karaf-assembly. */
    static Path builtAssembly() {
        return Paths.get(System.getProperty("basedir", ".")).resolve("../karaf-assembly/target/assembly").normalize();
    }

    /** Copies the assembly to {@code home} and gives it free ports (SSH, RMI, HTTP); its own simulator on a port nobody uses. */
    static AssemblyNode copy(String id, Path assembly, Path home) throws IOException {
        copyTree(assembly, home);
        Path etc = home.resolve("etc");
        int ssh = freePort();
        set(etc.resolve("org.apache.karaf.shell.cfg"), "sshPort", String.valueOf(ssh));
        set(etc.resolve("org.apache.karaf.management.cfg"), "rmiRegistryPort", String.valueOf(freePort()));
        set(etc.resolve("org.apache.karaf.management.cfg"), "rmiServerPort", String.valueOf(freePort()));
        set(etc.resolve("org.ops4j.pax.web.cfg"), "org.osgi.service.http.port", String.valueOf(freePort()));
        set(etc.resolve("io.dropcopy.simulator-demo.cfg"), "port", String.valueOf(freePort()));
        return new AssemblyNode(id, home, ssh);
    }

    /** Adds boot features (their bundles are in the assembly's system/; their configfiles must be placed first). */
    void bootFeatures(String... features) throws IOException {
        Path cfg = home.resolve("etc/org.apache.karaf.features.cfg");
        String text = Files.readString(cfg, StandardCharsets.UTF_8);
        Files.writeString(cfg, text.replaceFirst("featuresBoot\\s*=\\s*\\\\",
                "featuresBoot = " + String.join(", ", features) + ", \\\\"), StandardCharsets.UTF_8);
    }

    synchronized void start() throws IOException {
        run++;
        Path log = home.resolve("data/log/karaf.log");
        logPosition = Files.exists(log) ? Files.size(log) : 0;
        lines.clear();
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server").directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(home.resolve("run-" + run + ".out").toFile());
        pb.environment().put("JAVA_MAX_MEM", "512M");
        // a faster boot on a busy 2-core machine; the node only handles tens of messages a second here
        pb.environment().put("EXTRA_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        process = pb.start();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** Karaf's JVM (the script's child), or the script if it has none yet. */
    long pid() {
        return process.descendants().findFirst().orElse(process.toHandle()).pid();
    }

    /** SIGKILL to Karaf's JVM and the script around it. */
    synchronized void killHard() throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        children.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor();
        children.forEach(h -> h.onExit().join());
    }

    /** Whether this node, running, currently owns {@code group}, from what it logged since its start. */
    synchronized boolean owns(String group) {
        if (!alive()) {
            return false;
        }
        refresh();
        boolean owned = false;
        String prefix = "Drop copy group " + group + ": ";
        for (String l : lines) {
            if (l.contains(prefix + "this node is the owner")) {
                owned = true;
            } else if (l.contains(prefix + "this node is no longer the owner") || l.contains(prefix + "handed over")
                    || l.contains("Drop copy node drained")) {
                owned = false;
            }
        }
        return owned;
    }

    /**
     * When this node last logged that it became the owner of {@code group} since its start (epoch ms, from the log
     * line's local time stamp), or 0.
     */
    synchronized long ownerSince(String group) {
        refresh();
        String what = "Drop copy group " + group + ": this node is the owner";
        long at = 0;
        for (String l : lines) {
            if (l.contains(what)) {
                try {
                    at = java.time.LocalDateTime.parse(l.substring(0, 23).replace(',', '.'))
                            .atZone(java.time.ZoneId.systemDefault()).toInstant().toEpochMilli();
                } catch (RuntimeException e) {
                    at = -1; // another log layout
                }
            }
        }
        return at;
    }

    /** Whether this node, running, has joined the election of {@code group} since its start. */
    synchronized boolean joined(String group) {
        if (!alive()) {
            return false;
        }
        refresh();
        Pattern what = Pattern.compile("joined the election of group " + Pattern.quote(group) + "\\b");
        return lines.stream().anyMatch(l -> what.matcher(l).find());
    }

    synchronized boolean logged(String text) {
        refresh();
        return lines.stream().anyMatch(l -> l.contains(text));
    }

    private void refresh() {
        Path log = home.resolve("data/log/karaf.log");
        if (!Files.exists(log)) {
            return;
        }
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            if (f.length() < logPosition) {
                logPosition = 0; // rolled over
            }
            if (f.length() == logPosition) {
                return;
            }
            f.seek(logPosition);
            byte[] bytes = new byte[(int) (f.length() - logPosition)];
            f.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n');
            if (end < 0) {
                return;
            }
            logPosition += text.substring(0, end + 1).getBytes(StandardCharsets.UTF_8).length;
            for (String l : text.substring(0, end).split("\n")) {
                if (l.contains("Drop copy")) {
                    lines.add(l);
                }
            }
        } catch (IOException e) {
            // read again on the next call
        }
    }

    /** Runs console commands through the node's SSH port as the assembly's admin user; returns what they printed. */
    String console(String commands) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/client").toString(), "-h", "127.0.0.1", "-a",
                String.valueOf(sshPort), "-u", "karaf", "-p", "karaf", "-r", "10", "-b").directory(home.toFile())
                .redirectErrorStream(true);
        // the client keeps the node's host key in ~/.sshkaraf/known_hosts: a home of our own, not the user's
        Path userHome = Files.createDirectories(home.resolve("client-home"));
        pb.environment().put("JAVA_OPTS", "-Duser.home=" + userHome);
        Process p = pb.start();
        p.getOutputStream().write((commands + "\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("bin/client did not end: " + out);
        }
        return out;
    }

    /** Sets {@code key = value} in a .cfg file, replacing the line if the key is there. */
    static void set(Path cfg, String key, String value) throws IOException {
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

    static void copyTree(Path from, Path to) throws IOException {
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
