package io.dropcopy.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.features;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Group commit in a real Karaf: a Blueprint route {@code dropcopy:DEMO?delivery=async} into {@code dropcopy-file:} with
 * {@code fsync=batch}; every execution report once in the journal, the session up, nothing left in flight.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AsyncDeliveryFlowTest extends ItestSupport {
    static final int ORDERS = 20;

    @Configuration
    public Option[] config() {
        String version = System.getProperty("project.version");
        List<Option> options = new ArrayList<>(List.of(super.config()));
        String[] simulatorPort = new String[1];
        options.addAll(DemoConfiguration.ownPorts(18, simulatorPort));
        options.add(features(maven("io.dropcopy.karaf", "features", version).classifier("features").type("xml"),
                "dropcopy-demo", "dropcopy-sink-file"));
        File basedir = new File(System.getProperty("basedir", "."));
        // the demo's route file replaced by the async one (configfiles placed beforehand, as the assembly does)
        options.add(replaceConfigurationFile("deploy/dropcopy-demo-route.xml",
                new File(basedir, "src/test/resources/async/dropcopy-async-route.xml")));
        options.addAll(DemoConfiguration.simulatorAndSession(simulatorPort[0], 100, ORDERS));
        return options.toArray(new Option[0]);
    }

    @Test
    public void everyExecutionReportOnceInTheJournalThroughTheAsyncRoute() throws Exception {
        Path dir = Paths.get(System.getProperty("karaf.data"), "dropcopy-async", "DEMO");
        List<String> expected = new ArrayList<>();
        for (int order = 1; order <= ORDERS; order++) {
            for (int step = 1; step <= 3; step++) {
                expected.add(String.format("SIM%08d-%d", order, step));
            }
        }
        Diagnosis.await("all " + expected.size() + " execution reports in the journal", 120,
                () -> execIds(dir).size() >= expected.size(), () -> "written: " + execIds(dir));
        assertEquals("each once, in order", expected, execIds(dir));

        java.security.Principal[] viewer = {new UserPrincipal("itest-viewer"), new RolePrincipal("viewer")};
        Diagnosis.await("every event completed, health UP", 60, () -> {
            String status = executeCommand("dropcopy:status demo", 20_000L, true, viewer);
            return status.contains("health: UP") && !status.contains("inFlight:");
        }, () -> executeCommand("dropcopy:status demo", 20_000L, true, viewer));
    }

    private static final Pattern EXEC_ID = Pattern.compile("\"execId\":\"([^\"]+)\"");

    private static List<String> execIds(Path dir) throws IOException {
        List<String> ids = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return ids;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".jsonl")).sorted()::iterator) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    Matcher m = EXEC_ID.matcher(line);
                    if (m.find()) {
                        ids.add(m.group(1));
                    }
                }
            }
        }
        return ids;
    }
}
