package io.dropcopy.certify;

import io.dropcopy.model.Json;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

/** A readiness report: every scenario's result, as text for the console, Markdown and JSON for files. */
public final class Report {
    private final String session;
    private final String compId;
    private final Instant started;
    private final List<ScenarioResult> results;

    Report(String session, String compId, Instant started, List<ScenarioResult> results) {
        this.session = session;
        this.compId = compId;
        this.started = started;
        this.results = Collections.unmodifiableList(results);
    }

    /** The report of {@code results}, run from {@code started} for {@code session} (comp id {@code compId}). */
    public static Report of(String session, String compId, Instant started, List<ScenarioResult> results) {
        return new Report(session, compId, started, results);
    }

    public List<ScenarioResult> results() {
        return results;
    }

    public boolean ready() {
        return results.stream().allMatch(ScenarioResult::passed);
    }

    public long passed() {
        return results.stream().filter(ScenarioResult::passed).count();
    }

    public Instant started() {
        return started;
    }

    /** The console form: one line per scenario; the failed step with the message sent and the one expected. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("CME AutoCert+ dry run for session ").append(session).append(" (").append(compId).append(") ")
                .append(started).append('\n');
        for (ScenarioResult r : results) {
            sb.append(String.format("%-4s %-30s %-45s %3d steps %6d ms%n", r.passed() ? "PASS" : "FAIL", r.scenario().name(),
                    r.scenario().testCase(), r.steps().size(), r.millis()));
            Step f = r.failedStep();
            if (f != null) {
                sb.append("     failed step ").append(f.number()).append(": ").append(f.title()).append('\n')
                        .append("       reason:   ").append(f.reason()).append('\n')
                        .append("       sent:     ").append(f.sent()).append('\n')
                        .append("       expected: ").append(f.expected()).append('\n')
                        .append("       received: ").append(f.received()).append('\n');
            }
        }
        sb.append(ready() ? "READY: " : "NOT READY: ").append(passed()).append(" of ").append(results.size())
                .append(" scenarios passed\n");
        return sb.toString();
    }

    public String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("# CME AutoCert+ dry run: session ").append(session).append(" (").append(compId).append(")\n\n");
        sb.append("Run ").append(started).append(": **").append(ready() ? "READY" : "NOT READY").append("**, ")
                .append(passed()).append(" of ").append(results.size()).append(" scenarios passed.\n\n");
        sb.append("| scenario | AutoCert+ test case | result | failed step |\n|---|---|---|---|\n");
        for (ScenarioResult r : results) {
            Step f = r.failedStep();
            sb.append("| `").append(r.scenario().name()).append("` | ").append(r.scenario().testCase()).append(" | ")
                    .append(r.passed() ? "PASS" : "**FAIL**").append(" | ")
                    .append(f == null ? "" : f.number() + ". " + cell(f.title())).append(" |\n");
        }
        for (ScenarioResult r : results) {
            sb.append("\n## ").append(r.scenario().name()).append(": ").append(r.passed() ? "PASS" : "FAIL").append("\n\n");
            sb.append(r.scenario().testCase()).append(". ").append(r.scenario().description()).append("\n\n");
            sb.append("| # | step | result | CME sent | expected | received |\n|---|---|---|---|---|---|\n");
            for (Step s : r.steps()) {
                sb.append("| ").append(s.number()).append(" | ").append(cell(s.title())).append(" | ")
                        .append(s.passed() ? "PASS" : "**FAIL**: " + cell(s.reason())).append(" | `").append(cell(s.sent()))
                        .append("` | ").append(cell(s.expected())).append(" | `").append(cell(s.received())).append("` |\n");
            }
        }
        return sb.toString();
    }

    public String json() {
        StringBuilder sb = new StringBuilder();
        sb.append("{\"session\":").append(q(session)).append(",\"compId\":").append(q(compId)).append(",\"started\":")
                .append(q(started.toString())).append(",\"ready\":").append(ready()).append(",\"passed\":").append(passed())
                .append(",\"scenarios\":[");
        for (int i = 0; i < results.size(); i++) {
            ScenarioResult r = results.get(i);
            sb.append(i == 0 ? "" : ",").append("{\"name\":").append(q(r.scenario().name())).append(",\"testCase\":")
                    .append(q(r.scenario().testCase())).append(",\"result\":").append(q(r.passed() ? "PASS" : "FAIL"))
                    .append(",\"millis\":").append(r.millis()).append(",\"steps\":[");
            for (int j = 0; j < r.steps().size(); j++) {
                Step s = r.steps().get(j);
                sb.append(j == 0 ? "" : ",").append("{\"number\":").append(s.number()).append(",\"title\":").append(q(s.title()))
                        .append(",\"result\":").append(q(s.passed() ? "PASS" : "FAIL")).append(",\"sent\":").append(q(s.sent()))
                        .append(",\"expected\":").append(q(s.expected())).append(",\"received\":").append(q(s.received()))
                        .append(",\"reason\":").append(s.reason() == null ? "null" : q(s.reason())).append('}');
            }
            sb.append("]}");
        }
        return sb.append("]}\n").toString();
    }

    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("`", "'").replace("\n", " ");
    }

    private static String q(String s) {
        return Json.quote(s);
    }
}
