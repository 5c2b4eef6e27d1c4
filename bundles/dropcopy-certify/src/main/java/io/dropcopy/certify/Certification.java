package io.dropcopy.certify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Runs scenarios against a client under test, each with a fresh client (its own store) and a fresh scripted CME on
 * loopback, and collects a {@link Report}.
 */
public final class Certification {
    private Certification() {
    }

    /** Runs one scenario. {@code clients} gives a fresh client for a scenario name. */
    public static ScenarioResult run(Scenario scenario, ClientIdentity identity, ScriptedCme.Options options,
                                     Function<String, ClientUnderTest> clients) {
        long start = System.nanoTime();
        ScriptedCme cme = new ScriptedCme(identity, options);
        try (ClientUnderTest client = clients.apply(scenario.name())) {
            scenario.script().run(cme, client);
        } catch (ScriptedCme.Failed e) {
            // recorded as the failed step
        } catch (Exception | LinkageError e) {
            cme.steps.add(new Step(cme.steps.size() + 1, "Scenario runs", "-", "-", "error", false, e.toString()));
        } finally {
            cme.close();
        }
        return new ScenarioResult(scenario, new ArrayList<>(cme.steps), (System.nanoTime() - start) / 1_000_000);
    }

    public static Report runAll(List<Scenario> scenarios, String session, ClientIdentity identity,
                                ScriptedCme.Options options, Function<String, ClientUnderTest> clients) {
        Instant started = Instant.now();
        List<ScenarioResult> results = new ArrayList<>();
        for (Scenario s : scenarios) {
            results.add(run(s, identity, options, clients));
        }
        return new Report(session, identity.compId(), started, results);
    }

    public static ScriptedCme.Options options() {
        return new ScriptedCme.Options();
    }
}
