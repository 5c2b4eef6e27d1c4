package io.dropcopy.commands;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.session.api.DropCopyHub;
import io.dropcopy.session.api.TrialSession;
import io.dropcopy.simulator.certify.Certification;
import io.dropcopy.simulator.certify.ClientIdentity;
import io.dropcopy.simulator.certify.ClientUnderTest;
import io.dropcopy.simulator.certify.Report;
import io.dropcopy.simulator.certify.Scenario;
import io.dropcopy.simulator.certify.ScenarioResult;
import io.dropcopy.simulator.certify.Scenarios;
import io.dropcopy.simulator.certify.ScriptedCme;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** Runs the certification scenarios against copies of a configured session and writes the report (needs the simulator). */
final class Certifier {
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final DropCopyHub hub;
    private final PrintStream out;

    Certifier(DropCopyHub hub, PrintStream out) {
        this.hub = hub;
        this.out = out;
    }

    /** Runs all scenarios, or only {@code only}; prints progress and the report; returns null (the shell prints nothing more). */
    Object run(String session, String only, Path dir) throws IOException {
        List<Scenario> scenarios = new ArrayList<>();
        if (only == null) {
            scenarios.addAll(Scenarios.all());
        } else {
            scenarios.add(Scenarios.byName(only).orElseThrow(() -> new IllegalArgumentException("no scenario named '"
                    + only + "' (scenarios: " + String.join(", ", Scenarios.names()) + ")")));
        }
        Instant started = Instant.now();
        Path work = dir.resolve(session + "-" + FILE_TIME.format(started) + "-work");
        Files.createDirectories(work);
        ClientIdentity identity;
        try (TrialSession probe = hub.trialSession(session, work.resolve("identity"), e -> { })) {
            identity = new ClientIdentity(probe.senderCompId(), probe.senderSubId(), probe.senderLocationId(), probe.targetSubId());
            List<String> keys = probe.accessKeyIds();
            for (int i = 0; i < keys.size(); i++) {
                int pair = i + 1;
                // the key stays in the session: CME's check asks it for the signature
                identity.keyPair(keys.get(i), canonical -> probe.sign(pair, canonical));
            }
        }
        out.println("Certifying session " + session + " (" + identity.compId() + ") against a loopback CME: "
                + scenarios.size() + " scenario(s)");
        out.flush();
        List<ScenarioResult> results = new ArrayList<>();
        try {
            for (Scenario s : scenarios) {
                ScenarioResult r = Certification.run(s, identity, Certification.options(),
                        name -> new TrialClient(hub, session, work.resolve(name)));
                results.add(r);
                out.println("  " + (r.passed() ? "PASS " : "FAIL ") + s.name());
                out.flush();
            }
        } finally {
            deleteQuietly(work);
        }
        Report report = Report.of(session, identity.compId(), started, results);
        String base = session + "-" + FILE_TIME.format(started);
        Path md = dir.resolve(base + ".md");
        Path json = dir.resolve(base + ".json");
        Files.writeString(md, report.markdown(), StandardCharsets.UTF_8);
        Files.writeString(json, report.json(), StandardCharsets.UTF_8);
        out.println();
        out.print(report.text());
        out.println("Report: " + md.toAbsolutePath() + " and " + json.toAbsolutePath());
        return null;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a scratch directory left behind is harmless
        }
    }

    /** A trial copy of the session, as the scenarios drive it; records what it hands to the application. */
    static final class TrialClient implements ClientUnderTest {
        private final List<String> delivered = new CopyOnWriteArrayList<>();
        private final TrialSession trial;
        private final Path storeDir;
        private final List<TrialSession> segments = new CopyOnWriteArrayList<>();

        TrialClient(DropCopyHub hub, String session, Path storeDir) {
            this.trial = hub.trialSession(session, storeDir, this::deliver);
            this.storeDir = storeDir;
        }

        /** MSGW: one copy per market segment, TargetSubID(57) the segment id, each its own sequence numbers. */
        @Override
        public boolean startSegments(java.util.Map<String, List<String>> bySegment) throws Exception {
            for (java.util.Map.Entry<String, List<String>> e : bySegment.entrySet()) {
                TrialSession s = trial.segment(e.getKey(), storeDir.resolve("segment-" + e.getKey()));
                segments.add(s);
                s.start(e.getValue());
            }
            return true;
        }

        private void deliver(DropCopyEvent e) {
            delivered.add(ClientUnderTest.key(e.sourceSession(), e.sourceSeqNum(), e.requestTime()));
        }

        @Override
        public void start(List<String> addresses) throws Exception {
            trial.start(addresses);
        }

        @Override
        public void logout() {
            trial.logout();
            segments.forEach(TrialSession::logout);
        }

        @Override
        public void logon() throws Exception {
            trial.logon();
        }

        @Override
        public void resetSequences() throws Exception {
            trial.resetSequences();
        }

        @Override
        public boolean useKeyPair(int n) throws Exception {
            return trial.useKeyPair(n);
        }

        @Override
        public List<String> delivered() {
            return delivered;
        }

        @Override
        public void close() {
            trial.close();
            segments.forEach(TrialSession::close);
        }
    }
}
