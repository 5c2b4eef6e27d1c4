package io.dropcopy.certify.internal;

import io.dropcopy.certify.Certification;
import io.dropcopy.certify.ClientIdentity;
import io.dropcopy.certify.Report;
import io.dropcopy.certify.Scenario;
import io.dropcopy.certify.ScenarioResult;
import io.dropcopy.certify.Scenarios;
import io.dropcopy.certify.ScriptedCme;
import io.dropcopy.session.api.SessionOperations;
import io.dropcopy.session.api.TrialSession;
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
import java.util.stream.Stream;

/** Runs the certification scenarios against copies of a configured session and writes the report. */
final class Certifier {
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final SessionOperations hub;
    private final PrintStream out;

    Certifier(SessionOperations hub, PrintStream out) {
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
                        name -> new TrialClient(listener -> hub.trialSession(session, work.resolve(name), listener),
                                work.resolve(name)));
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
}
