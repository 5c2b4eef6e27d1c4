package io.dropcopy.itests;

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
 * {@code dropcopy:DEMO?exchangeShape=quickfix} in a real Karaf, from a route file: camel-quickfix's header values and
 * a QuickFIX/J message body (parsed with the FIX 4.2 dictionary of the quickfixj-all bundle) reach the route, and
 * the session's logon is reported as camel-quickfix's SessionLogon.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class QuickfixShapeRouteFileTest extends ItestSupport {

    @Configuration
    public Option[] config() {
        String version = System.getProperty("project.version");
        List<Option> options = new ArrayList<>(List.of(super.config()));
        String[] simulatorPort = new String[1];
        options.addAll(DemoConfiguration.ownPorts(2, simulatorPort));
        options.add(features(maven("io.dropcopy.karaf", "features", version).classifier("features").type("xml"),
                "dropcopy-demo", "dropcopy-routes"));
        File basedir = new File(System.getProperty("basedir", "."));
        options.add(replaceConfigurationFile("deploy/dropcopy-demo-route.xml",
                new File(basedir, "../features/src/main/resources/dropcopy-demo-route.xml")));
        options.add(editConfigurationFilePut("etc/io.dropcopy.routes.cfg", "pollInterval", "200"));
        options.addAll(DemoConfiguration.simulatorAndSession(simulatorPort[0], 20, 0));
        return options.toArray(new Option[0]);
    }

    @Test
    public void aRouteFileGetsCamelQuickfixsExchanges() throws Exception {
        Path routes = Paths.get(System.getProperty("karaf.etc"), "dropcopy", "routes");
        Path out = Paths.get(System.getProperty("karaf.data")).resolve("itest-quickfix");
        Diagnosis.await("routes directory created by dropcopy-routes", 60, () -> Files.isDirectory(routes), () -> "");
        Files.writeString(routes.resolve("itest-quickfix.yaml"), "- route:\n"
                + "    id: itest-quickfix\n"
                + "    from:\n"
                + "      uri: dropcopy:DEMO?exchangeShape=quickfix\n"
                + "      steps:\n"
                + "        - setBody:\n"
                + "            simple: \"${header.EventCategory}|${header.MessageType}|${header.SessionID}|${body}\"\n"
                + "        - to:\n"
                + "            uri: \"file:" + out + "?fileName=${exchangeId}.txt\"\n", StandardCharsets.UTF_8);
        Diagnosis.await("execution reports and the logon through the route", 120,
                () -> lines(out).stream().filter(l -> l.startsWith("AppMessageReceived|8|")).count() >= 3
                        && lines(out).stream().anyMatch(l -> l.startsWith("SessionLogon|")),
                () -> "files: " + lines(out).size());
        String report = lines(out).stream().filter(l -> l.startsWith("AppMessageReceived|8|")).findFirst().orElseThrow();
        // the body is the inner FIX message (a quickfix.Message prints its FIX text), not the JSON event
        assertTrue(report, report.contains("|FIX.4.2:DEMO01N") && report.contains("|8=FIX.4.2\u00019=")
                && report.contains("\u000135=8\u0001") && report.contains("\u000117="));
    }

    private static List<String> lines(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".txt")).map(p -> {
                try {
                    return Files.readString(p, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return "";
                }
            }).collect(Collectors.toList());
        } catch (IOException e) {
            return List.of();
        }
    }
}
