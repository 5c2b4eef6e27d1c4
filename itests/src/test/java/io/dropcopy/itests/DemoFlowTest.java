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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The whole walking skeleton in a stock Karaf 4.4.6: our features repository added, feature
 * {@code dropcopy-demo} installed (as the assembly does), the simulator sending N orders over real TCP on
 * loopback, the session logging on with the signed logon, and the demo Blueprint route writing JSON lines.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DemoFlowTest extends ItestSupport {
    static final int ORDERS = 10;

    @Configuration
    public Option[] config() {
        String version = System.getProperty("project.version");
        List<Option> options = new ArrayList<>(List.of(super.config()));
        String[] simulatorPort = new String[1];
        options.addAll(DemoConfiguration.ownPorts(0, simulatorPort));
        String port = simulatorPort[0];
        // A boot feature, as in the assembly: installed (with its Blueprint refresh) before the test probe.
        options.add(features(maven("io.dropcopy.karaf", "features", version).classifier("features").type("xml"),
                "dropcopy-demo", "dropcopy-metrics"));
        // The feature's configfiles are placed beforehand, as the assembly build does (see karaf-assembly/pom.xml),
        // so the boot install never fetches them while it refreshes pax-url; these also set a free port.
        File basedir = new File(System.getProperty("basedir", "."));
        options.add(replaceConfigurationFile("deploy/dropcopy-demo-route.xml",
                new File(basedir, "../features/src/main/resources/dropcopy-demo-route.xml")));
        options.addAll(DemoConfiguration.simulatorAndSession(port, 50, ORDERS));
        return options.toArray(new Option[0]);
    }

    @Test
    public void simulatedExecutionReportsArriveAsJsonLinesInOrder() throws Exception {
        assertTrue("dropcopy-demo installed at boot",
                featureService.isInstalled(featureService.getFeature("dropcopy-demo")));

        Path dir = Paths.get(System.getProperty("karaf.data"), "dropcopy", "DEMO");
        List<String> expected = new ArrayList<>();
        for (int order = 1; order <= ORDERS; order++) {
            for (int step = 1; step <= 3; step++) {
                expected.add(String.format("SIM%08d-%d", order, step));
            }
        }
        Diagnosis.await("all " + expected.size() + " execution reports written", 120,
                () -> execIds(dir).size() >= expected.size(), () -> "written: " + execIds(dir));

        List<String> lines = lines(dir);
        assertEquals("one JSON line per execution report, no duplicates", expected, execIds(dir));
        for (String line : lines) {
            assertTrue(line, line.startsWith("{\"schemaVersion\":2,") && line.endsWith("}"));
            assertTrue(line, line.contains("\"group\":\"DEMO\",\"targetSession\":\"demo\""));
        }

        // the session's JMX view, registered by Karaf's management from the service's jmx.objectname
        javax.management.MBeanServer jmx = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        javax.management.ObjectName session = new javax.management.ObjectName("io.dropcopy:type=session,name=\"demo\"");
        org.awaitility.Awaitility.await("session MBean registered").atMost(30, TimeUnit.SECONDS)
                .until(() -> jmx.isRegistered(session));
        assertEquals("LOGGED_ON", jmx.getAttribute(session, "State"));
        assertEquals("UP", jmx.getAttribute(session, "Health"));
        assertTrue((Long) jmx.getAttribute(session, "Received") >= expected.size());

        // Prometheus scrape of /dropcopy/metrics over Karaf's HTTP
        Object port = configurationAdmin.getConfiguration("org.ops4j.pax.web", null).getProperties()
                .get("org.osgi.service.http.port");
        java.net.URL metrics = new java.net.URL("http://127.0.0.1:" + port + "/dropcopy/metrics");
        org.awaitility.Awaitility.await("metrics served").atMost(30, TimeUnit.SECONDS).ignoreExceptions()
                .until(() -> scrape(metrics).contains("dropcopy_messages_received_total{session=\"demo\",group=\"DEMO\"}"));
        String scraped = scrape(metrics);
        java.util.regex.Matcher received = Pattern.compile(
                "dropcopy_messages_received_total\\{session=\"demo\",group=\"DEMO\"\\} (\\d+)").matcher(scraped);
        assertTrue(scraped, received.find());
        assertTrue("the counter moved: " + received.group(1), Long.parseLong(received.group(1)) >= expected.size());
        assertTrue(scraped, scraped.contains("dropcopy_session_logged_on{session=\"demo\",group=\"DEMO\"} 1"));
        assertTrue("no secret in the metrics", !scraped.contains(DemoConfiguration.SECRET));
        assertTrue(scraped, scraped.contains("dropcopy_session_health{session=\"demo\",group=\"DEMO\",health=\"UP\"} 1"));
        // counted by the session from its start: every message
        assertEquals(scraped, ORDERS, number(scraped, "dropcopy_events_total{session=\"demo\",group=\"DEMO\",kind=\"fill\"}"), 0);
        assertTrue(scraped, number(scraped, "dropcopy_end_to_end_latency_seconds_count{session=\"demo\",group=\"DEMO\"}")
                >= expected.size());
        assertTrue(scraped, number(scraped, "dropcopy_route_latency_seconds_count{session=\"demo\",group=\"DEMO\"}")
                >= expected.size());

        // the health endpoint: 200 and UP with the reason
        java.net.URL health = new java.net.URL("http://127.0.0.1:" + port + "/dropcopy/health");
        java.net.HttpURLConnection c = (java.net.HttpURLConnection) health.openConnection();
        assertEquals(200, c.getResponseCode());
        String body = new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(body, body.startsWith("{\"status\":\"UP\",\"sessions\":[{\"name\":\"demo\",\"group\":\"DEMO\",\"health\":\"UP\""));
        assertEquals("UP", jmx.getAttribute(session, "Health"));
        assertEquals(0L, jmx.getAttribute(session, "RouteFailures"));
    }

    /** The value of one sample line of a scrape, -1 when absent. */
    private static double number(String scraped, String series) {
        for (String line : scraped.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1));
            }
        }
        return -1;
    }

    private static String scrape(java.net.URL url) throws IOException {
        java.net.HttpURLConnection c = (java.net.HttpURLConnection) url.openConnection();
        try (java.io.InputStream in = c.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            c.disconnect();
        }
    }

    private static List<String> lines(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().collect(Collectors.toList())) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        all.add(line);
                    }
                }
            }
        }
        return all;
    }

    private static final Pattern EXEC_ID = Pattern.compile("\"execId\":\"([^\"]+)\"");

    private static List<String> execIds(Path dir) throws IOException {
        List<String> ids = new ArrayList<>();
        for (String line : lines(dir)) {
            Matcher m = EXEC_ID.matcher(line);
            if (m.find()) {
                ids.add(m.group(1));
            }
        }
        return ids;
    }
}
