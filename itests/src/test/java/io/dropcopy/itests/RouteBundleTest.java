package io.dropcopy.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * The example route bundle {@code dropcopy-routes-example} installed live into a real Karaf 4.4.6 running
 * {@code dropcopy-demo} (the simulator streaming group DEMO): installed and started from the Maven repository, its
 * Blueprint context's Java route ({@code delivery=async}) writes the fills through {@code dropcopy-file:} to
 * {@code data/dropcopy-example/DEMO/<tradeDate>.jsonl};
 * uninstalled, nothing more is appended while the demo's own route goes on receiving events.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RouteBundleTest extends ItestSupport {

    @Configuration
    public Option[] config() {
        String version = System.getProperty("project.version");
        List<Option> options = new ArrayList<>(List.of(super.config()));
        String[] simulatorPort = new String[1];
        options.addAll(DemoConfiguration.ownPorts(4, simulatorPort));
        String port = simulatorPort[0];
        options.add(features(maven("io.dropcopy.karaf", "features", version).classifier("features").type("xml"),
                "dropcopy-demo"));
        File basedir = new File(System.getProperty("basedir", "."));
        options.add(replaceConfigurationFile("deploy/dropcopy-demo-route.xml",
                new File(basedir, "../features/src/main/resources/dropcopy-demo-route.xml")));
        options.addAll(DemoConfiguration.simulatorAndSession(port, 20, 0));
        // The version of the bundle to install, for the test inside Karaf.
        options.add(editConfigurationFilePut("etc/system.properties", "dropcopy.itest.version", version));
        return options.toArray(new Option[0]);
    }

    @Test
    public void theRouteBundleRunsWhileInstalledAndStopsWhenUninstalled() throws Exception {
        Path data = Paths.get(System.getProperty("karaf.data"));
        Path out = data.resolve("dropcopy-example").resolve("DEMO");
        Path demo = data.resolve("dropcopy").resolve("DEMO");
        Diagnosis.await("the demo route receives events", 180, () -> jsonLines(demo, "") >= 5,
                () -> "demo lines: " + jsonLines(demo, ""));
        long before = jsonLines(out, ""); // 0: the example is not installed yet

        Bundle example = bundleContext.installBundle(
                "mvn:io.dropcopy.karaf/dropcopy-routes-example/" + System.getProperty("dropcopy.itest.version"));
        try {
            example.start();
            Diagnosis.await("fills appended by the example bundle's route", 120, () -> jsonLines(out, "") >= before + 5,
                    () -> "bundle " + example.getState() + ", fill lines: " + jsonLines(out, ""));
            for (String line : lines(out, "")) {
                assertTrue(line, line.startsWith("{\"schemaVersion\":2,") && line.contains("\"group\":\"DEMO\"")
                        && line.endsWith("}") && !line.contains("}{"));
                assertTrue("fills only: " + line, line.contains("\"kind\":\"fill\"") || line.contains("\"kind\":\"partial_fill\""));
            }
        } catch (Throwable t) {
            example.uninstall(); // a retry starts from a Karaf without it
            throw t;
        }

        example.uninstall();
        assertEquals(Bundle.UNINSTALLED, example.getState());
        long stopped = jsonLines(out, "");
        long demoBefore = jsonLines(demo, "");
        // The demo's route goes on (30 more events, a few of them fills) while the uninstalled bundle's adds nothing.
        Awaitility.await("the demo route goes on").atMost(60, TimeUnit.SECONDS).pollInterval(200, TimeUnit.MILLISECONDS)
                .until(() -> jsonLines(demo, "") >= demoBefore + 30);
        assertEquals("nothing more once the bundle is uninstalled", stopped, jsonLines(out, ""));
    }

    private static long jsonLines(Path dir, String prefix) throws IOException {
        return lines(dir, prefix).size();
    }

    private static List<String> lines(Path dir, String prefix) throws IOException {
        List<String> all = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return all;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && p.toString().endsWith(".jsonl"))::iterator) {
                all.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
            }
        }
        return all;
    }
}
