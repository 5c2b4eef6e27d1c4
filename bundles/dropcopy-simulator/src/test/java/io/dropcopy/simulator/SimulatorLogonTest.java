package io.dropcopy.simulator;

import static io.dropcopy.simulator.TestSupport.await;
import static io.dropcopy.testsupport.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.DropCopyUnwrapper;
import io.dropcopy.model.FixMessage;
import io.dropcopy.model.WrappedMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator against a plain QuickFIX/J initiator over real TCP on 127.0.0.1. */
class SimulatorLogonTest {
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    static List<String> expectedExecIds(int fromOrder, int toOrder) {
        List<String> ids = new ArrayList<>();
        for (int k = fromOrder; k <= toOrder; k++) {
            for (int step = 1; step <= 3; step++) {
                ids.add(String.format("SIM%08d-%d", k, step));
            }
        }
        return ids;
    }

    @Test
    void validLogonStreamsThreeOrdersAsWrappedExecutionReports(@TempDir Path tmp) throws Exception {
        int port = freePort();
        SimulatorConfig config = SimulatorConfig.builder().port(port).rate(0).orders(3)
                .storeDir(tmp.resolve("sim")).build();
        try (CmeSimulator simulator = new CmeSimulator(config);
             TestDropCopyClient client = new TestDropCopyClient(port, tmp.resolve("client"),
                     SimulatorConfig.DEFAULT_ACCESS_KEY_ID, SimulatorConfig.DEFAULT_SECRET_KEY)) {
            simulator.start();
            client.start();

            await("9 messages", TIMEOUT, () -> client.events.size() >= 9, () -> String.valueOf(client.errors));
            await("the end of the stream", TIMEOUT, simulator::isFinished);
            assertTrue(client.isLoggedOn());
            assertTrue(simulator.isLoggedOn());
            assertEquals(1, client.logons.get());
            assertEquals(List.of(), client.errors);
            assertEquals(expectedExecIds(1, 3), client.execIds());
            assertEquals(9, simulator.sentCount());
            assertEquals("order 4 step 1", simulator.position());

            // outer target-session header as CME sends it; outer 34 counts on from the Logon (34=1)
            WrappedMessage first = DropCopyUnwrapper.unwrap(client.rawMessages.get(0));
            FixMessage outer = first.outer();
            assertEquals("n", outer.msgType());
            assertEquals("CME", outer.get(49));
            assertEquals("G", outer.get(50));
            assertEquals(TestDropCopyClient.COMP_ID, outer.get(56));
            assertEquals("OPS1", outer.get(57), "the client's SenderSubID is echoed in 57");
            assertEquals(String.valueOf(outer.get(213).length()), outer.get(212));
            assertTrue(outer.get(213).startsWith("<RTRF>8=FIX.4.2\u0001"));
            List<Long> seqs = client.events.stream().map(DropCopyEvent::seqNum).collect(java.util.stream.Collectors.toList());
            assertEquals(List.of(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L), seqs);

            // inner iLink execution reports: ack, partial fill, fill
            FixMessage ack = first.inner();
            FixMessage partial = DropCopyUnwrapper.unwrap(client.rawMessages.get(1)).inner();
            FixMessage fill = DropCopyUnwrapper.unwrap(client.rawMessages.get(2)).inner();
            assertEquals("8", ack.msgType());
            assertEquals("M2L000N", ack.get(56));
            assertEquals("M2L001N", DropCopyUnwrapper.unwrap(client.rawMessages.get(3)).inner().get(56));
            assertEquals("7000000001", ack.get(37));
            assertEquals("CL1", ack.get(11));
            assertEquals("CL1", ack.get(9717));
            assertEquals(List.of("0", "0", "0"), List.of(ack.get(150), ack.get(39), ack.get(14)));
            assertEquals(ack.get(38), ack.get(151));
            assertEquals(List.of("1", "1"), List.of(partial.get(150), partial.get(39)));
            assertEquals(partial.get(32), partial.get(14));
            assertEquals(List.of("2", "2", "0"), List.of(fill.get(150), fill.get(39), fill.get(151)));
            assertEquals(fill.get(38), fill.get(14));
            assertEquals(Long.parseLong(fill.get(38)), Long.parseLong(partial.get(32)) + Long.parseLong(fill.get(32)));
            assertFalse(ack.has(1057));
            assertEquals("Y", fill.get(1057));
            assertEquals(List.of("1", "2", "3"), List.of(ack.get(34), partial.get(34), fill.get(34)));
            assertEquals("ES", ack.get(55));
            assertEquals("ESZ6", ack.get(107));
        }
    }

    @Test
    void wrongSecretIsLoggedOutWithInvalidSignature(@TempDir Path tmp) throws Exception {
        int port = freePort();
        String otherSecret = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
        SimulatorConfig config = SimulatorConfig.builder().port(port).rate(0).orders(3)
                .storeDir(tmp.resolve("sim")).build();
        try (CmeSimulator simulator = new CmeSimulator(config);
             TestDropCopyClient client = new TestDropCopyClient(port, tmp.resolve("client"),
                     SimulatorConfig.DEFAULT_ACCESS_KEY_ID, otherSecret)) {
            simulator.start();
            client.start();

            await("a Logout", TIMEOUT, () -> !client.logoutTexts.isEmpty());
            assertTrue(client.logoutTexts.get(0).contains("Invalid signature"), client.logoutTexts.toString());
            assertEquals(0, client.logons.get());
            assertFalse(client.isLoggedOn());
            assertFalse(simulator.isLoggedOn());
            assertEquals(0, simulator.sentCount());
            assertEquals(List.of(), client.events);
        }
    }

    @Test
    void portInUseFailsToStartAndLeavesNothingBehind(@TempDir Path tmp) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            SimulatorConfig config = SimulatorConfig.builder().port(taken.getLocalPort())
                    .storeDir(tmp.resolve("sim")).build();
            CmeSimulator simulator = new CmeSimulator(config);
            IllegalStateException e = assertThrows(IllegalStateException.class, simulator::start);
            assertTrue(e.getMessage().contains(String.valueOf(taken.getLocalPort())), e.getMessage());
            assertFalse(simulator.isRunning());
            simulator.stop();
        }
    }

    @Test
    void unknownAccessKeyIsLoggedOut(@TempDir Path tmp) throws Exception {
        int port = freePort();
        SimulatorConfig config = SimulatorConfig.builder().port(port).storeDir(tmp.resolve("sim")).build();
        try (CmeSimulator simulator = new CmeSimulator(config);
             TestDropCopyClient client = new TestDropCopyClient(port, tmp.resolve("client"),
                     "SOME-OTHER-KEY", SimulatorConfig.DEFAULT_SECRET_KEY)) {
            simulator.start();
            client.start();

            await("a Logout", TIMEOUT, () -> !client.logoutTexts.isEmpty());
            assertEquals("Unknown access key id", client.logoutTexts.get(0));
            assertEquals(0, client.logons.get());
        }
    }
}
