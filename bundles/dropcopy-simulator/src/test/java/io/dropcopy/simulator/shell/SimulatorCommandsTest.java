package io.dropcopy.simulator.shell;

import static io.dropcopy.testsupport.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.simulator.CmeSimulator;
import io.dropcopy.simulator.SimulatorConfig;
import io.dropcopy.simulator.SimulatorControl;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dropcopy-sim:* commands against a running simulator (no client), without a Karaf shell. */
class SimulatorCommandsTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private <T extends SimAction> T command(T action) {
        action.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        return action;
    }

    private String output() {
        String s = bytes.toString(StandardCharsets.UTF_8);
        bytes.reset();
        return s;
    }

    @Test
    void commandsFindTheSimulatorAndApplyFaults(@TempDir Path tmp) throws Exception {
        // other test classes may run simulators at the same time: this one is always named
        StatusCommand missing = command(new StatusCommand());
        missing.name = "demo";
        assertThrows(IllegalArgumentException.class, missing::execute);

        try (CmeSimulator sim = new CmeSimulator(SimulatorConfig.builder().port(freePort()).rate(0).orders(2)
                .name("demo").storeDir(tmp.resolve("sim")).build())) {
            sim.start();
            command(new ListCommand()).execute();
            String list = output();
            assertTrue(list.contains("demo") && list.contains("DEMO01N"), list);

            StatusCommand statusCommand = command(new StatusCommand());
            statusCommand.sim = "demo";
            statusCommand.execute();
            String status = output();
            assertTrue(status.contains("name: demo") && status.contains("loggedOn: false")
                    && status.contains("resendWindow: 48h"), status);
            StatusCommand named = command(new StatusCommand());
            named.name = "nope";
            assertThrows(IllegalArgumentException.class, named::execute);

            FaultCommand fault = command(new FaultCommand());
            fault.sim = "demo";
            fault.fault = "resend-window";
            fault.args = List.of("2s");
            fault.execute();
            assertEquals("resend window 2s\n", output().replace("\r", ""));
            assertEquals(java.time.Duration.ofSeconds(2), sim.resendWindow());

            // the simulator named first: dropcopy-sim:fault demo resend-window 3s
            fault = command(new FaultCommand());
            fault.fault = "demo";
            fault.args = List.of("resend-window", "3s");
            fault.execute();
            assertEquals("resend window 3s\n", output().replace("\r", ""));
            assertEquals(java.time.Duration.ofSeconds(3), sim.resendWindow());

            fault = command(new FaultCommand());
            fault.sim = "demo";
            fault.fault = "throttle";
            fault.args = List.of("bad");
            FaultCommand bad = fault;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad::execute);
            assertTrue(e.getMessage().startsWith("usage: throttle"), e.getMessage());

            fault = command(new FaultCommand());
            fault.sim = "demo";
            fault.fault = "bogus";
            FaultCommand unknown = fault;
            e = assertThrows(IllegalArgumentException.class, unknown::execute);
            assertTrue(e.getMessage().contains("disconnect, down"), e.getMessage());

            fault = command(new FaultCommand());
            fault.sim = "demo";
            fault.fault = "refuse-logon";
            fault.args = List.of("2", "Backup", "session", "not", "allowed.");
            fault.execute();
            assertEquals(2, sim.logonsToRefuse());
            output();

            BacklogCommand backlog = command(new BacklogCommand());
            backlog.sim = "demo";
            backlog.messages = 6;
            backlog.execute();
            assertTrue(output().contains("6 messages sent at once; next outbound sequence number 7"));
            assertEquals(6, sim.sentCount());

            // the expected ledger of those 6: orders 1 and 2, each an acknowledgement and two fills
            LedgerCommand ledger = command(new LedgerCommand());
            ledger.sim = "demo";
            ledger.fills = true;
            ledger.execute();
            String printed = output();
            assertTrue(printed.contains(": 6 business messages, 0 PossResend copies"), printed);
            assertTrue(printed.contains("fills 4 (live 4, busted 0, corrected 0), orders with fills 2"), printed);
            assertTrue(printed.contains(" SIM00000002-3 order 7000000002 NQZ6 acct SIMACCT2 side 2 live 2@18000.50"),
                    printed);

            Path file = tmp.resolve("rec/out.rec");
            RecordCommand record = command(new RecordCommand());
            record.sim = "demo";
            record.file = file.toString();
            record.execute();
            assertEquals(file, sim.recordingFile());
            record = command(new RecordCommand());
            record.sim = "demo";
            record.stop = true;
            record.execute();
            assertEquals(null, sim.recordingFile());
            assertTrue(Files.readAllLines(file).get(0).startsWith("# dropcopy-simulator demo"));
            output();

            ReplayCommand replay = command(new ReplayCommand());
            replay.sim = "demo";
            replay.file = tmp.resolve("missing.rec").toString();
            assertThrows(java.nio.file.NoSuchFileException.class, replay::execute);

            assertTrue(SimulatorControl.execute(sim, "help").contains("weekly-reset"));
            assertTrue(SimulatorControl.execute(sim, "status").contains("sent: 6"));
            assertEquals("the next 1 Resend Request(s) go unanswered", SimulatorControl.execute(sim, "ignore-resend 1"));
            assertTrue(SimulatorControl.execute(sim, "fault gap x").startsWith("error: usage: gap <n>"));
            assertTrue(SimulatorControl.execute(sim, "frobnicate").startsWith("unknown command"));
            assertTrue(SimulatorControl.execute(sim, "fault logout").startsWith("error: no client logged on"));
            assertEquals("no client connected", SimulatorControl.execute(sim, "fault disconnect"));
        }
        command(new ListCommand()).execute();
        assertTrue(!output().contains("demo "), "a stopped simulator leaves the registry");
        assertThrows(IllegalArgumentException.class, missing::execute);
    }

    @Test
    void completersOfferFaultsAndSimulators() {
        assertTrue(SimulatorControl.FAULTS.keySet().containsAll(List.of("disconnect", "down", "logout", "gap",
                "failover", "drop", "possresend", "slow-read", "throttle", "weekly-reset", "refuse-logon",
                "ignore-resend", "resend-window")));
    }
}
