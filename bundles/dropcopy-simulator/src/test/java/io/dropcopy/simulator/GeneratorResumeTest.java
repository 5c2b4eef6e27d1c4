package io.dropcopy.simulator;

import static io.dropcopy.simulator.TestSupport.await;
import static io.dropcopy.testsupport.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A simulator stopped mid-stream and started again on the same store continues the stream and the sequence. */
class GeneratorResumeTest {
    static final Duration TIMEOUT = Duration.ofSeconds(6);

    @Test
    void restartContinuesWithoutRepeatingOrSkipping(@TempDir Path tmp) throws Exception {
        int port = freePort();
        SimulatorConfig config = SimulatorConfig.builder().port(port).rate(25).orders(4)
                .storeDir(tmp.resolve("sim")).build();
        try (TestDropCopyClient client = new TestDropCopyClient(port, tmp.resolve("client"),
                SimulatorConfig.DEFAULT_ACCESS_KEY_ID, SimulatorConfig.DEFAULT_SECRET_KEY)) {
            long firstRun;
            try (CmeSimulator first = new CmeSimulator(config)) {
                first.start();
                client.start();
                await("the first messages", TIMEOUT, () -> client.events.size() >= 3);
                first.stop();
                firstRun = first.sentCount();
            }
            assertTrue(firstRun >= 3 && firstRun < 12, "the first run stopped mid-stream, after " + firstRun);
            await("the client to be logged out", TIMEOUT, () -> !client.isLoggedOn());

            try (CmeSimulator second = new CmeSimulator(config)) {
                second.start();
                await("the rest of the stream", TIMEOUT,
                        () -> second.isFinished() && client.events.size() >= 12,
                        () -> client.execIds() + " " + client.errors);
                assertEquals(12, firstRun + second.sentCount(), "each message is generated once");
                assertEquals(2, client.logons.get());
            }

            assertEquals(List.of(), client.errors);
            List<DropCopyEvent> bySeq = client.events.stream()
                    .sorted(Comparator.comparingLong(DropCopyEvent::seqNum)).collect(Collectors.toList());
            assertEquals(SimulatorLogonTest.expectedExecIds(1, 4),
                    bySeq.stream().map(DropCopyEvent::execId).collect(Collectors.toList()));
            assertEquals(12, client.events.stream().map(DropCopyEvent::seqNum).distinct().count(),
                    "no outer sequence number twice");
        }
    }
}
