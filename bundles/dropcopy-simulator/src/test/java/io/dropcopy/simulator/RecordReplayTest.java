package io.dropcopy.simulator;

import static io.dropcopy.simulator.TestSupport.await;
import static io.dropcopy.testsupport.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.EventKind;
import io.dropcopy.model.FixMessageBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recording the outbound stream and replaying it into a plain QuickFIX/J client. */
class RecordReplayTest {
    /** How long to wait for a condition on a loaded machine (a bound, not a measure: nothing waits it out). */
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static List<String> business(TestDropCopyClient client) {
        return client.eventsBySeq().stream().map(e -> (e.possResend() ? "97=Y " : "") + e.rawInner())
                .collect(Collectors.toList());
    }

    /**
     * The events as dropcopy-model translated them (its JSON), without what belongs to the delivering target session
     * (outer MsgSeqNum, PossDup, SendingTime, outer header): what a consumer downstream sees of each message.
     */
    private static List<String> events(TestDropCopyClient client) {
        return client.eventsBySeq().stream().map(e -> {
            String json = e.toJson();
            int inner = json.indexOf("\"sourceSession\"");
            assertTrue(inner > 0, json);
            return e.kind().label() + " possResend=" + e.possResend() + " " + json.substring(inner);
        }).collect(Collectors.toList());
    }

    @Test
    void aRecordedRealisticRunReplaysAsTheSameBusinessMessages(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("recordings/live.rec");
        int port = freePort();
        List<String> live;
        List<String> liveEvents;
        // the live run: realistic traffic, a message lost on the wire every 40 (resent with 43=Y), a PossResend copy
        // every 25: the recording holds copies out of order that the replay must put back in place
        SimulatorConfig config = SimulatorConfig.builder().port(port).storeDir(tmp.resolve("live")).rate(0)
                .scenario(SimulatorConfig.Scenario.REALISTIC).seed(21).orders(400).dropEvery(40).possResendEvery(25)
                .record(file).build();
        try (CmeSimulator sim = new CmeSimulator(config);
             TestDropCopyClient client = new TestDropCopyClient(port, tmp.resolve("client-live"),
                     new TestDropCopyClient.Options())) {
            sim.start();
            client.start();
            await("the end of the stream", TIMEOUT, sim::isFinished);
            // the last message may have been lost on the wire: a heartbeat reveals the gap, as in real life
            client.session().generateTestRequest("END");
            await("the whole stream", TIMEOUT, () -> client.events.size() == sim.sentCount() + sim.possResendCount(),
                    () -> client.events.size() + " of " + sim.sentCount() + " + " + sim.possResendCount());
            assertEquals(List.of(), client.errors, "every message translates: no dead letter");
            Set<EventKind> kinds = client.events.stream().map(DropCopyEvent::kind)
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(EventKind.class)));
            // every kind but those CME does not confirm on drop copy (RealisticOrdersTest.NOT_SENT says why)
            EnumSet<EventKind> expected = EnumSet.allOf(EventKind.class);
            expected.removeAll(RealisticOrdersTest.NOT_SENT);
            assertEquals(expected, kinds);
            assertTrue(client.events.stream().filter(DropCopyEvent::possDup).count() > 10, "lost and resent");
            assertTrue(client.events.stream().filter(DropCopyEvent::possResend).count() > 10, "PossResend copies");
            live = business(client);
            liveEvents = events(client);
            sim.stopRecording();
        }

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertTrue(lines.get(0).startsWith("# dropcopy-simulator"), lines.get(0));
        Recording.Entry logon = Recording.parse(lines.get(1));
        assertTrue(logon.message().startsWith("8=FIX.4.2\u00019="), "FIX with SOH: " + lines.get(1));
        assertTrue(logon.message().contains("\u000135=A\u0001"), "the Logon reply is recorded too");
        assertTrue(lines.get(1).matches("[0-9]{19} 8=FIX\\.4\\.2\\\\u00019=.*"), lines.get(1));

        int replayPort = freePort();
        SimulatorConfig replayConfig = SimulatorConfig.builder().port(replayPort).storeDir(tmp.resolve("replay"))
                .replay(file).replaySpeed(SimulatorConfig.MAX_SPEED).build();
        try (CmeSimulator sim = new CmeSimulator(replayConfig);
             TestDropCopyClient client = new TestDropCopyClient(replayPort, tmp.resolve("client-replay"),
                     new TestDropCopyClient.Options())) {
            sim.start();
            client.start();
            await("the replay", TIMEOUT, () -> sim.isFinished() && client.events.size() == live.size(),
                    () -> client.events.size() + " of " + live.size());
            assertEquals(live, business(client), "the same inner messages, in the same order, PossResend kept");
            assertEquals(liveEvents, events(client), "the same translated events (dropcopy-model), in the same order");
            assertEquals(0, client.events.stream().filter(DropCopyEvent::possDup).count(), "re-sequenced: no gap");
            assertEquals(List.of(), client.errors);
        }
    }

    /** Six business messages recorded 600 ms apart (3 s in all), orders 900 and 901. */
    private static Path sixMessagesOverThreeSeconds(Path file) throws Exception {
        long t0 = Recording.epochNanos(Instant.parse("2026-11-25T14:30:00Z"));
        List<String> lines = new ArrayList<>();
        lines.add("# six business messages over 3 seconds");
        for (int i = 0; i < 6; i++) {
            String inner = SyntheticOrders.executionReport(900 + i / 3, i % 3 + 1, Instant.parse("2026-11-25T14:30:00Z"));
            lines.add(Recording.line(t0 + i * 600_000_000L, outer(inner, i + 2, false)));
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    private static final List<String> SIX = List.of("SIM00000900-1", "SIM00000900-2", "SIM00000900-3",
            "SIM00000901-1", "SIM00000901-2", "SIM00000901-3");

    /** When the simulator wrote each of the six, from its own recorder (not this test's clock), in recorded order. */
    private static List<Long> sentTimesOfTheSix(Path sent) throws Exception {
        List<Long> times = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (String line : Files.readAllLines(sent, StandardCharsets.UTF_8)) {
            Recording.Entry e = Recording.parse(line);
            for (int i = 0; e != null && i < SIX.size(); i++) {
                if (e.message().contains(SIX.get(i))) {
                    times.add(e.epochNanos());
                    ids.add(SIX.get(i));
                }
            }
        }
        assertEquals(SIX, ids, "each replayed message once, in the recorded order");
        return times;
    }

    @Test
    void aReplayStartedAtRuntimeSendsTheRecordingInOrderThenTheStreamResumes(@TempDir Path tmp) throws Exception {
        Path file = sixMessagesOverThreeSeconds(tmp.resolve("paced.rec"));
        int port = freePort();
        Path sent = tmp.resolve("sent.rec");
        SimulatorConfig config = SimulatorConfig.builder().port(port).storeDir(tmp.resolve("sim")).build();
        try (CmeSimulator sim = new CmeSimulator(config);
             TestDropCopyClient client = new TestDropCopyClient(port, tmp.resolve("client"),
                     new TestDropCopyClient.Options())) {
            sim.start();
            client.start();
            await("the default stream", TIMEOUT, () -> client.events.size() >= 1);
            long sentBefore = sim.sentCount();
            sim.startRecording(sent);
            SimulatorControl.replay(sim, file.toString(), "10");
            await("the replay", TIMEOUT, () -> client.events.stream().anyMatch(e -> "SIM00000901-3".equals(e.execId())));
            await("the stream resumed", TIMEOUT, () -> sim.sentCount() > sentBefore + 6);
            sim.stopRecording();
        }
        sentTimesOfTheSix(sent);
    }

    @Test
    void replayKeepsTheRecordedPaceDividedBySpeed(@TempDir Path tmp) throws Exception {
        Path file = sixMessagesOverThreeSeconds(tmp.resolve("paced.rec"));
        int port = freePort();
        Path sent = tmp.resolve("sent.rec");
        SimulatorConfig config = SimulatorConfig.builder().port(port).storeDir(tmp.resolve("sim")).replay(file)
                .replaySpeed(10).record(sent).build();
        try (CmeSimulator sim = new CmeSimulator(config);
             TestDropCopyClient client = new TestDropCopyClient(port, tmp.resolve("client"),
                     new TestDropCopyClient.Options())) {
            sim.start();
            client.start();
            await("the replay", TIMEOUT, () -> client.events.size() == SIX.size() && sim.isFinished(),
                    () -> client.events.size() + " of " + SIX.size());
            sim.stopRecording();
        }
        List<Long> times = sentTimesOfTheSix(sent);
        List<Long> sinceFirst = new ArrayList<>();
        times.forEach(t -> sinceFirst.add((t - times.get(0)) / 1_000_000));
        // Recorded 600 ms apart, 60 ms at speed 10. The pacing never sends a message before it is due, only later
        // (a loaded machine stalls, then catches up), so what holds on any machine is a lower bound from the first
        // message: message i at least (i - 1) x 60 ms after it (the simulator paces from the second message on: the
        // first recorded gap is not kept), less 20 ms (the recorder's wall clock against the pacing's monotonic one).
        for (int i = 2; i < sinceFirst.size(); i++) {
            assertTrue(sinceFirst.get(i) >= (i - 1) * 60L - 20, "sent at " + sinceFirst + " ms after the first");
        }
        // ... and the replay is faster than the recording: the pace divided, not kept at speed 1 (3 s)
        assertTrue(sinceFirst.get(sinceFirst.size() - 1) < 3_000, "sent at " + sinceFirst + " ms after the first");
    }

    @Test
    void aPauseInTheRecordingStaysAPauseWhenTheReplayRunsLate(@TempDir Path tmp) throws Exception {
        // 10,000 messages recorded 1 ns apart: sending them takes the simulator far longer than recorded, so the
        // replay is late by most of that time when it reaches the 1 s pause before the last message
        int fast = 10_000;
        long pause = 1_000_000_000L;
        Path file = tmp.resolve("burst-then-pause.rec");
        long t0 = Recording.epochNanos(Instant.parse("2026-11-25T14:30:00Z"));
        List<String> lines = new ArrayList<>();
        Instant at = Instant.parse("2026-11-25T14:30:00Z");
        for (int i = 0; i <= fast; i++) {
            String inner = SyntheticOrders.executionReport(1 + i / 3, i % 3 + 1, at);
            lines.add(Recording.line(t0 + i + (i == fast ? pause : 0), outer(inner, i + 2, false)));
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
        Path sent = tmp.resolve("sent.rec");
        int port = freePort();
        SimulatorConfig config = SimulatorConfig.builder().port(port).storeDir(tmp.resolve("sim")).replay(file)
                .replaySpeed(1).record(sent).build();
        try (CmeSimulator sim = new CmeSimulator(config);
             TestDropCopyClient client = new TestDropCopyClient(port, tmp.resolve("client"),
                     new TestDropCopyClient.Options())) {
            sim.start();
            client.start();
            await("the replay", Duration.ofSeconds(60), () -> client.events.size() == fast + 1,
                    () -> client.events.size() + " of " + (fast + 1));
            sim.stopRecording();
        }
        // the wire-write times of the last burst message and of the one after the pause, from the recorder
        List<Long> times = new ArrayList<>();
        for (String line : Files.readAllLines(sent, StandardCharsets.UTF_8)) {
            Recording.Entry e = Recording.parse(line);
            if (e != null && e.message().contains("\u000135=n\u0001")) {
                times.add(e.epochNanos());
            }
        }
        assertEquals(fast + 1, times.size());
        long burst = times.get(fast - 1) - times.get(0);
        long gap = times.get(fast) - times.get(fast - 1);
        // the recorder stamps a message on the generator's thread as it sends it (wall clock against the pacing's
        // monotonic one: a 20 ms margin)
        long margin = 20_000_000L;
        // the burst ran late by about its length (recorded: 10 us), which the old code took off the pause: late by
        // more than the margin, or a replay that shortens the pause would pass too
        assertTrue(burst > 2 * margin, "the burst ran late (else this test proves nothing): " + burst / 1_000_000 + " ms");
        assertTrue(gap >= pause - margin, "the pause was kept: " + gap / 1_000_000 + " ms after a burst of "
                + burst / 1_000_000 + " ms");
    }

    /** A whole outer 35=n as a CME session would send it. */
    static String outer(String inner, long seq, boolean possDup) {
        return outer(inner, seq, possDup, false);
    }

    static String outer(String inner, long seq, boolean possDup, boolean possResend) {
        String data = "<RTRF>" + inner + "</RTRF>";
        return new FixMessageBuilder("FIX.4.2", "n").add(34, seq).add(43, possDup ? "Y" : null)
                .add(97, possResend ? "Y" : null).add(49, "CME")
                .add(50, "G").add(52, "20261125-14:30:00.000").add(56, "DEMO01N").addData(212, 213, data).build();
    }

    static String admin(String type, long seq, boolean possDup, Object newSeqNo) {
        return new FixMessageBuilder("FIX.4.2", type).add(34, seq).add(43, possDup ? "Y" : null).add(49, "CME")
                .add(52, "20261125-14:30:00.000").add(56, "DEMO01N").add(36, newSeqNo).add(123, newSeqNo == null ? null : "Y")
                .build();
    }

    private static String inner(String id) {
        return new FixMessageBuilder("FIX.4.2", "8").add(34, 1).add(49, "CME").add(56, "M2L000N").add(17, id)
                .add(150, "0").add(39, "0").build();
    }

    private static List<String> replayed(Path file) throws Exception {
        List<String> ids = new ArrayList<>();
        try (MessageSource.Replay r = new MessageSource.Replay(file, 1)) {
            String m;
            while ((m = r.current(Instant.now())) != null) {
                ids.add(io.dropcopy.model.FixMessage.parse(m).get(17) + (r.possResend() ? "*" : ""));
                r.advance();
            }
            assertTrue(r.finished());
            assertNull(r.current(Instant.now()));
        }
        return ids;
    }

    @Test
    void replayPutsResentCopiesInPlaceSkipsDuplicatesAndFollowsGapFillsAndResets(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("wire.rec");
        List<String> wire = new ArrayList<>();
        long t = 1_700_000_000_000_000_000L;
        wire.add(admin("A", 4, false, null));                 // the Logon: 1-3 were sent before it (a backlog)
        wire.add(outer(inner("e5"), 5, false));
        wire.add(outer(inner("e1"), 1, true));                // the backlog, resent
        wire.add(outer(inner("e2"), 2, true));
        wire.add(outer(inner("e3"), 3, true));
        wire.add(outer(inner("e7"), 7, false));               // 6 was lost on the wire
        wire.add(admin("0", 8, false, null));                 // a heartbeat
        wire.add(outer(inner("e6"), 6, true));                // ... and resent
        wire.add(outer(inner("e7"), 7, true));                // a copy of one already replayed
        wire.add(admin("4", 9, true, 20));                    // 9-19 gap-filled (a sequence jump)
        wire.add(outer(inner("e20"), 20, false));
        wire.add(outer(inner("e21"), 21, false, true));       // a PossResend copy stays one
        wire.add(admin("A", 1, false, null));                 // weekly reset: a new run from 1
        wire.add(outer(inner("w2"), 2, false));
        List<String> lines = new ArrayList<>();
        for (String m : wire) {
            lines.add(Recording.line(t += 1_000_000, m));
        }
        lines.add(3, "");
        lines.add(5, "# a comment");
        // the same message as raw bytes in base64 is read as well
        lines.add((t += 1_000_000) + " b64:" + Base64.getEncoder().encodeToString(
                outer(inner("w3"), 3, false).getBytes(StandardCharsets.ISO_8859_1)));
        Files.write(file, lines, StandardCharsets.UTF_8);
        assertEquals(List.of("e1", "e2", "e3", "e5", "e6", "e7", "e20", "e21*", "w2", "w3"), replayed(file));
    }

    @Test
    void theTextFormIsLossless() {
        String raw = "8=FIX.4.2\u00019=5\u000135=n\u000158=a\\b\u0002c\u00e9\u0001";
        String line = Recording.line(42, raw);
        assertEquals("42 8=FIX.4.2\\u00019=5\\u000135=n\\u000158=a\\\\b\\u0002c\u00e9\\u0001", line);
        Recording.Entry e = Recording.parse(line);
        assertEquals(42, e.epochNanos());
        assertEquals(raw, e.message());
        assertNull(Recording.parse("# comment"));
        assertNull(Recording.parse("   "));
    }
}
