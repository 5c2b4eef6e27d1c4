package io.dropcopy.cluster.zookeeper;

import static org.awaitility.Awaitility.await;
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
            // nothing granted over two rounds of the once-a-second evaluation (the absence is the point: fails at
            // the first grant)
            await("no ownership granted").during(Duration.ofMillis(2_500)).atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(50)).until(heard::isEmpty);
            assertEquals(List.of(), heard);
        } finally {
            zk.close();
        }
    }
}
