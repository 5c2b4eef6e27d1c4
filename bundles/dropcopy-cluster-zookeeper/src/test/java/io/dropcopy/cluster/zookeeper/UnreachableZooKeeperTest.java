package io.dropcopy.cluster.zookeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** ZooKeeper configured but unreachable: joining an election returns at once and never grants ownership. */
class UnreachableZooKeeperTest {

    @Test
    void joinReturnsAndNothingIsOwned() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ZooKeeperOwnership.Settings settings = new ZooKeeperOwnership.Settings("127.0.0.1:" + port, "lonely");
        settings.connectionTimeoutMs = 1_000;
        ZooKeeperOwnership zk = new ZooKeeperOwnership(settings);
        List<Boolean> heard = new CopyOnWriteArrayList<>();
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                zk.start();
                zk.join("DEMO", heard::add).close();
                zk.join("DEMO", heard::add);
            });
            Thread.sleep(2_000); // nothing may be granted meanwhile (no condition to await: the absence is the point)
            assertEquals(List.of(), heard);
        } finally {
            zk.close();
        }
    }
}
