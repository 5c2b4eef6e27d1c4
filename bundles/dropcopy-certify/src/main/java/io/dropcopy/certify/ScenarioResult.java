package io.dropcopy.certify;

import java.util.Collections;
import java.util.List;

/** A scenario's outcome: every step judged so far; it stops at the first failed step, as AutoCert+ does. */
public final class ScenarioResult {
    final Scenario scenario;
    final List<Step> steps;
    final long millis;

    ScenarioResult(Scenario scenario, List<Step> steps, long millis) {
        this.scenario = scenario;
        this.steps = Collections.unmodifiableList(steps);
        this.millis = millis;
    }

    public Scenario scenario() {
        return scenario;
    }

    public List<Step> steps() {
        return steps;
    }

    public boolean passed() {
        return !steps.isEmpty() && steps.stream().allMatch(Step::passed);
    }

    /** The failed step, or null. */
    public Step failedStep() {
        return steps.stream().filter(s -> !s.passed()).findFirst().orElse(null);
    }

    public long millis() {
        return millis;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(passed() ? "PASS " : "FAIL ").append(scenario.name()).append(" (").append(scenario.testCase()).append(")");
        for (Step s : steps) {
            sb.append("\n  ").append(s);
        }
        return sb.toString();
    }
}
