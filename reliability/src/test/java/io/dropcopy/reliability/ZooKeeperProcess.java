package io.dropcopy.reliability;

import static io.dropcopy.testsupport.Ports.freePort;

import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real ZooKeeper server (3.8.4, jars copied by this module's build to {@code target/zookeeper-server}) in its own
 * JVM on a free loopback port. tickTime 500 ms, so sessions of 1 to 10 s are granted as asked. The server ends with
 * the test: it halts when its stdin (held by the test JVM) closes.
 */
final class ZooKeeperProcess implements AutoCloseable {
    final int port;
    private final Process process;

    private ZooKeeperProcess(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    static ZooKeeperProcess start(Path dir) throws Exception {
        int port = freePort();
        Path data = Files.createDirectories(dir.resolve("data"));
        Path config = dir.resolve("zoo.cfg");
        Files.writeString(config, "tickTime=500\ndataDir=" + data + "\nclientPort=" + port
                + "\nclientPortAddress=127.0.0.1\nadmin.enableServer=false\n");
        String jars = System.getProperty("zookeeper.server.dir",
                Path.of("target", "zookeeper-server").toAbsolutePath().toString());
        String cp = jars + File.separator + "*" + File.pathSeparator
                + Path.of(ZooKeeperProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", cp, ZooKeeperProcess.class.getName(), config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("zookeeper.log").toFile());
        ZooKeeperProcess zk = new ZooKeeperProcess(port, pb.start());
        DatabaseOutageTest.await("ZooKeeper listening", Duration.ofSeconds(30), () -> {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
        return zk;
    }

    String connectString() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** The server JVM: ZooKeeper's own main (found on the class path at run time), ended when our stdin closes. */
    public static void main(String[] args) throws Exception {
        Thread watch = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // held open by the test
                }
            } catch (IOException ignored) {
                // the test is gone either way
            }
            Runtime.getRuntime().halt(0);
        }, "stdin-watch");
        watch.setDaemon(true);
        watch.start();
        Class.forName("org.apache.zookeeper.server.ZooKeeperServerMain").getMethod("main", String[].class)
                .invoke(null, (Object) args);
    }
}
