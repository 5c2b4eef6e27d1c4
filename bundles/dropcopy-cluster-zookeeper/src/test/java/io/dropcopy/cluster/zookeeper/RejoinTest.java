package io.dropcopy.cluster.zookeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leaving an election and joining it again at once, as a rebalancing hand-over does, on a real ZooKeeper server (its
 * own JVM): the standby wins; the node that left never believes it still leads; and it really is back in the queue:
 * when the new owner leaves, it is elected again. (Camel's view, stopped and started again, requeued the same Curator
 * LeaderSelector while its old leadership was still being given up: the node reported ownership for a moment, then
 * was in no election at all. Found by TwoAssemblyTakeoverTest.)
 */
class RejoinTest {
    @TempDir
    Path tmp;

    @Test
    void handOverThenBackToTheNodeThatLeft() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process server = startZooKeeper(port);
        ZooKeeperOwnership a = ownership(port, "node-a");
        ZooKeeperOwnership b = ownership(port, "node-b");
        try {
            List<Boolean> heardA = new CopyOnWriteArrayList<>();
            List<Boolean> heardB = new CopyOnWriteArrayList<>();
            AutoCloseable inA = a.join("DEMO", heardA::add);
            await("node-a owns DEMO", () -> heardA.equals(List.of(true)));
            AutoCloseable inB = b.join("DEMO", heardB::add);
            await("node-b in the election", () -> a.members("DEMO") == 2);

            for (int round = 1; round <= 3; round++) {
                // the hand-over: leave (after logging out) and join again at once, at the back of the queue
                List<Boolean> againA = new CopyOnWriteArrayList<>();
                inA.close();
                inA = a.join("DEMO", againA::add);
                await("round " + round + ": node-b elected", () -> heardB.equals(List.of(true)));
                await("round " + round + ": node-a queued again", () -> b.members("DEMO") == 2);
                assertEquals(List.of(), againA, "round " + round + ": node-a never owned DEMO after leaving");
                assertEquals(java.util.Optional.of("node-b"), a.owner("DEMO"));

                // and back: node-b hands over to node-a, which must still be in the queue
                heardB.clear();
                inB.close();
                inB = b.join("DEMO", heardB::add);
                await("round " + round + ": node-a elected again", () -> againA.equals(List.of(true)));
                await("round " + round + ": node-b queued again", () -> a.members("DEMO") == 2);
                assertEquals(List.of(), heardB, "round " + round + ": node-b never owned DEMO after leaving");
                heardA.clear();
                heardA.addAll(againA);
            }
            assertTrue(heardA.equals(List.of(true)));
        } finally {
            a.close();
            b.close();
            server.destroyForcibly();
        }
    }

    private static ZooKeeperOwnership ownership(int port, String id) throws Exception {
        ZooKeeperOwnership.Settings settings = new ZooKeeperOwnership.Settings("127.0.0.1:" + port, id);
        settings.sessionTimeoutMs = 6_000;
        ZooKeeperOwnership o = new ZooKeeperOwnership(settings);
        o.start();
        return o;
    }

    private Process startZooKeeper(int port) throws Exception {
        Path data = Files.createDirectories(tmp.resolve("zookeeper"));
        String cp = System.getProperty("zookeeper.server.dir") + File.separator + "*" + File.pathSeparator
                + Path.of("target", "test-classes").toAbsolutePath();
        Path config = tmp.resolve("zoo.cfg");
        Files.writeString(config, "tickTime=500\ndataDir=" + data + "\nclientPort=" + port
                + "\nclientPortAddress=127.0.0.1\nadmin.enableServer=false\n");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", cp, ZooKeeperServerMain.class.getName(), config.toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(tmp.resolve("zookeeper.log").toFile());
        Process p = pb.start();
        await("ZooKeeper listening", () -> {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
        return p;
    }

    private static void await(String what, BooleanSupplier condition) {
        Awaitility.await(what).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(condition::getAsBoolean);
    }
}
