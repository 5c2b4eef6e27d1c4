package io.dropcopy.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.features;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.awaitility.Awaitility;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Hot-deployable route files in a real Karaf 4.4.6: features {@code dropcopy-demo} and {@code dropcopy-routes}
 * at boot (the simulator streaming group DEMO on its own free port), then route files dropped into
 * {@code etc/dropcopy/routes/}: a YAML route from {@code dropcopy:DEMO} to files starts receiving events, an
 * XML route runs too, and a broken file beside them is refused; editing the YAML file (another output
 * directory) moves the flow; deleting it stops it, while the demo's own route and the XML route go on.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RouteFilesTest extends ItestSupport {

    @Configuration
    public Option[] config() {
        String version = System.getProperty("project.version");
        List<Option> options = new ArrayList<>(List.of(super.config()));
        String[] simulatorPort = new String[1];
        options.addAll(DemoConfiguration.ownPorts(2, simulatorPort));
        String port = simulatorPort[0];
        options.add(features(maven("io.dropcopy.karaf", "features", version).classifier("features").type("xml"),
                "dropcopy-demo", "dropcopy-routes"));
        // Configfiles placed beforehand, as the assembly build does (see karaf-assembly/pom.xml).
        File basedir = new File(System.getProperty("basedir", "."));
        options.add(replaceConfigurationFile("deploy/dropcopy-demo-route.xml",
                new File(basedir, "../features/src/main/resources/dropcopy-demo-route.xml")));
        // (written here, so the feature's commented configfile is not fetched at boot; every key has a default)
        options.add(editConfigurationFilePut("etc/io.dropcopy.routes.cfg", "pollInterval", "200"));
        options.addAll(DemoConfiguration.simulatorAndSession(port, 20, 0));
        return options.toArray(new Option[0]);
    }

    private static String yaml(Path out) {
        return "# written by RouteFilesTest\n"
                + "- route:\n"
                + "    id: itest-files\n"
                + "    from:\n"
                + "      uri: dropcopy:DEMO\n"
                + "      steps:\n"
                + "        - to:\n"
                + "            uri: \"file:" + out + "?fileName=${header.DropCopyTargetSession}-${header.DropCopySeqNum}.json\"\n";
    }

    @Test
    public void routeFilesAreAddedReplacedAndRemovedAsTheyChange() throws Exception {
        assertTrue(featureService.isInstalled(featureService.getFeature("dropcopy-routes")));
        Path routes = Paths.get(System.getProperty("karaf.etc"), "dropcopy", "routes");
        Path data = Paths.get(System.getProperty("karaf.data"));
        Path out1 = data.resolve("itest-out1");
        Path out2 = data.resolve("itest-out2");
        Path outXml = data.resolve("itest-out-xml");
        Awaitility.await("routes directory created by dropcopy-routes").atMost(60, TimeUnit.SECONDS)
                .until(() -> Files.isDirectory(routes));

        // Added: a YAML route and an XML route; a broken file beside them changes nothing for them.
        Files.writeString(routes.resolve("broken.yaml"), "- route:\n    from:\n      uri: dropcopy:DEMO\n     steps: [\n");
        Files.writeString(routes.resolve("itest-files.yaml"), yaml(out1), StandardCharsets.UTF_8);
        // (One context allows one consumer per endpoint: the XML route takes a timer, not dropcopy:DEMO again.)
        Files.writeString(routes.resolve("itest-xml.xml"),
                "<routes xmlns=\"http://camel.apache.org/schema/spring\">\n"
                        + "  <route id=\"itest-xml\">\n"
                        + "    <from uri=\"timer:itest-xml?period=100\"/>\n"
                        + "    <setBody><simple>tick ${exchangeProperty.CamelTimerCounter}</simple></setBody>\n"
                        + "    <to uri=\"file:" + outXml + "?fileName=${exchangeProperty.CamelTimerCounter}.json\"/>\n"
                        + "  </route>\n"
                        + "</routes>\n", StandardCharsets.UTF_8);
        Diagnosis.await("events flow through the YAML route", 120, () -> count(out1) >= 5, () -> "files: " + count(out1));
        Awaitility.await("events flow through the XML route").atMost(60, TimeUnit.SECONDS)
                .pollInterval(200, TimeUnit.MILLISECONDS).until(() -> count(outXml) >= 5);
        String one = Files.readString(first(out1));
        assertTrue(one, one.startsWith("{\"schemaVersion\":2,") && one.contains("\"group\":\"DEMO\""));
        assertTrue("the route's MBean", routeRegistered("itest-files"));

        // Edited: the same route now writes to another directory; the first one gets nothing more.
        Files.writeString(routes.resolve("itest-files.yaml"), yaml(out2), StandardCharsets.UTF_8);
        Awaitility.await("events flow into the new directory").atMost(60, TimeUnit.SECONDS)
                .pollInterval(200, TimeUnit.MILLISECONDS).until(() -> count(out2) >= 1);
        long frozen = count(out1);
        Awaitility.await("more events into the new directory").atMost(60, TimeUnit.SECONDS)
                .pollInterval(200, TimeUnit.MILLISECONDS).until(() -> count(out2) >= 10);
        assertEquals("nothing more into the old directory", frozen, count(out1));

        // Deleted: the route goes, the XML route and the demo's own route go on.
        Files.delete(routes.resolve("itest-files.yaml"));
        Awaitility.await("route removed").atMost(60, TimeUnit.SECONDS)
                .pollInterval(200, TimeUnit.MILLISECONDS).until(() -> !routeRegistered("itest-files"));
        long stopped = count(out2);
        long xmlBefore = count(outXml);
        Path demo = data.resolve("dropcopy").resolve("DEMO");
        long demoBefore = jsonLines(demo);
        Awaitility.await("the demo route and the XML route go on").atMost(60, TimeUnit.SECONDS)
                .pollInterval(200, TimeUnit.MILLISECONDS)
                .until(() -> jsonLines(demo) >= demoBefore + 10 && count(outXml) >= xmlBefore + 10);
        assertEquals("nothing more once the file is deleted", stopped, count(out2));
        assertTrue("the broken file's route never ran", !routeRegistered("broken"));
    }

    private static boolean routeRegistered(String routeId) throws Exception {
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        return !jmx.queryNames(new ObjectName("org.apache.camel:context=*,type=routes,name=\"" + routeId + "\""), null)
                .isEmpty();
    }

    private static long count(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".json")).count();
        }
    }

    private static Path first(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().findFirst().orElseThrow();
        }
    }

    private static long jsonLines(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        long n = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".jsonl"))::iterator) {
                n += Files.readAllLines(f, StandardCharsets.UTF_8).size();
            }
        }
        return n;
    }
}
