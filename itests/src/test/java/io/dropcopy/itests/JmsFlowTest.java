package io.dropcopy.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.features;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Feature {@code dropcopy-jms} in a real Karaf 4.4.6, at boot with {@code dropcopy-demo}: the embedded Artemis
 * broker (its own free port, loopback only, persistent journal under data/artemis/), the ConnectionFactory
 * service {@code dropcopyJms}, and the shipped route file {@code dropcopy-jms-route.yaml} publishing group DEMO
 * to {@code jms:topic:dropcopy.DEMO}. Two JMS consumers, themselves route files, take the topic: one
 * everything, one with the selector {@code kind = 'fill'}; the JMS properties name the files they write. A
 * route through the batching sink {@code dropcopy-jms:queue:} (same feature) fills a queue read back the same way.
 * (A plain JMS client against a real Artemis broker is {@code dropcopy-routes}' JmsRouteTest.)
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class JmsFlowTest extends ItestSupport {
    /** The simulator sends these many orders (three events each), then nothing more. */
    private static final int ORDERS = 20;

    @Configuration
    public Option[] config() {
        String version = System.getProperty("project.version");
        int brokerPort = getAvailablePort(61700, 62700);
        List<Option> options = new ArrayList<>(List.of(super.config()));
        String[] simulatorPort = new String[1];
        options.addAll(DemoConfiguration.ownPorts(3, simulatorPort));
        String port = simulatorPort[0];
        options.add(features(maven("io.dropcopy.karaf", "features", version).classifier("features").type("xml"),
                "dropcopy-demo", "dropcopy-jms"));
        // Every configfile placed beforehand, as the assembly build does (see karaf-assembly/pom.xml).
        File basedir = new File(System.getProperty("basedir", "."));
        File jms = new File(basedir, "../bundles/dropcopy-sink-jms/src/main");
        options.add(replaceConfigurationFile("deploy/dropcopy-demo-route.xml",
                new File(basedir, "../features/src/main/resources/dropcopy-demo-route.xml")));
        // (edited into being: a replaced file loses the edits; every key not set has a default)
        options.add(editConfigurationFilePut("etc/io.dropcopy.routes.cfg", "pollInterval", "200"));
        options.add(replaceConfigurationFile("etc/org.apache.activemq.artemis.cfg",
                new File(jms, "cfg/org.apache.activemq.artemis.cfg")));
        // The shipped broker configuration on a free port.
        File brokerXml = new File(basedir, "target/jms-flow/dropcopy-artemis.xml");
        try {
            String xml = Files.readString(new File(jms, "cfg/dropcopy-artemis.xml").toPath())
                    .replace("tcp://127.0.0.1:61616", "tcp://127.0.0.1:" + brokerPort);
            Files.createDirectories(brokerXml.getParentFile().toPath());
            Files.writeString(brokerXml.toPath(), xml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        options.add(replaceConfigurationFile("etc/dropcopy-artemis.xml", brokerXml));
        options.add(editConfigurationFilePut("etc/io.dropcopy.jms.cfg", "brokerUrl", "tcp://127.0.0.1:" + brokerPort));
        options.add(editConfigurationFilePut("etc/io.dropcopy.jms.cfg", "user", "karaf"));
        options.add(editConfigurationFilePut("etc/io.dropcopy.jms.cfg", "password", "karaf"));
        options.add(replaceConfigurationFile("etc/dropcopy/routes/dropcopy-jms-route.yaml",
                new File(basedir, "../routes/dropcopy-jms-route.yaml")));
        options.add(editConfigurationFilePut("etc/org.ops4j.pax.logging.cfg", "log4j2.logger.dropcopyroutes.name", "io.dropcopy.routes"));
        options.add(editConfigurationFilePut("etc/org.ops4j.pax.logging.cfg", "log4j2.logger.dropcopyroutes.level", "DEBUG"));
        options.addAll(DemoConfiguration.simulatorAndSession(port, 20, ORDERS));
        // logged on only once the demo route, the shipped JMS route and this test's batching route all consume group
        // DEMO: the test's routes are started before the first event is sent
        options.add(editConfigurationFilePut("etc/io.dropcopy.session-demo.cfg", "consumers", "3"));
        return options.toArray(new Option[0]);
    }

    private static String consumer(String id, Path out, String selector) {
        return "- route:\n"
                + "    id: " + id + "\n"
                + "    from:\n"
                + "      uri: jms:topic:dropcopy.DEMO\n"
                + "      parameters:\n"
                + "        connectionFactory: \"#dropcopyJms\"\n"
                + (selector != null ? "        selector: \"" + selector + "\"\n" : "")
                + "      steps:\n"
                + "        - to:\n"
                + "            uri: \"file:" + out + "?fileName=${header.targetSession}-${header.seqNum}-${header.kind}-${header.symbol}-${exchangeId}.json\"\n";
    }

    @Test
    public void eventsArePublishedToTheTopicWithSelectableProperties() throws Exception {
        assertTrue(featureService.isInstalled(featureService.getFeature("dropcopy-jms")));
        Path routes = Paths.get(System.getProperty("karaf.etc"), "dropcopy", "routes");
        Path data = Paths.get(System.getProperty("karaf.data"));
        Path all = data.resolve("itest-jms-all");
        Path fills = data.resolve("itest-jms-fills");

        // The broker listens on loopback only, on the one port configured (this runs in Karaf's JVM: read it back).
        String url = (String) configurationAdmin.getConfiguration("io.dropcopy.jms", null).getProperties().get("brokerUrl");
        int brokerPort = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
        Awaitility.await("Artemis listening on 127.0.0.1:" + brokerPort).atMost(120, TimeUnit.SECONDS)
                .pollInterval(500, TimeUnit.MILLISECONDS).until(() -> listeners().contains("127.0.0.1:" + brokerPort));
        for (String l : listeners()) {
            assertTrue("no broker port on another address: " + l, !l.endsWith(":" + brokerPort) || l.startsWith("127.0.0.1:"));
        }

        // One file: the topic's consumers start before the batching route, the third consumer of group DEMO, lets the
        // session log on. The batching JMS sink of the same feature (bundle dropcopy-sink-jms): its component found in
        // Karaf, the ConnectionFactory service taken by name, every event committed to a queue and read back from it.
        Path batched = data.resolve("itest-jms-batch");
        Files.writeString(routes.resolve("itest-jms.yaml"),
                consumer("itest-jms-all", all, null) + consumer("itest-jms-fills", fills, "kind = 'fill' AND seqNum > 0")
                + "- route:\n"
                + "    id: itest-jms-batch-producer\n"
                + "    from:\n"
                + "      uri: dropcopy:DEMO\n"
                + "      steps:\n"
                + "        - to: \"dropcopy-jms:queue:dropcopy.itest.batch?connectionFactory=#dropcopyJms&batchSize=100\"\n"
                + "- route:\n"
                + "    id: itest-jms-batch-consumer\n"
                + "    from:\n"
                + "      uri: jms:queue:dropcopy.itest.batch\n"
                + "      parameters:\n"
                + "        connectionFactory: \"#dropcopyJms\"\n"
                + "      steps:\n"
                + "        - to:\n"
                + "            uri: \"file:" + batched + "?fileName=${header.targetSession}-${header.seqNum}-${header.kind}-${exchangeId}.json\"\n",
                StandardCharsets.UTF_8);
        List<String> sent = DemoConfiguration.execIds(ORDERS);
        List<String> sentFills = new ArrayList<>();
        for (int i = 2; i < sent.size(); i += 3) {
            sentFills.add(sent.get(i));       // the third event of each order is its fill
        }
        Diagnosis.await("every event through the topic and dropcopy-jms:queue:", 120,
                () -> names(all).size() >= sent.size() && names(batched).size() >= sent.size()
                        && names(fills).size() >= sentFills.size(),
                () -> "all: " + names(all).size() + ", fills: " + names(fills).size() + ", batched: " + names(batched).size());
        // against what the simulator sent: each event once, none missing; only the fills through the selector (one
        // file per message received, the exchange id in its name: a double is a second file)
        assertEquals("the topic: every event the simulator sent, once", sent, execIds(all));
        assertEquals("the queue: every event the simulator sent, once", sent, execIds(batched));
        assertEquals("the selector: exactly the simulator's fills", sentFills, execIds(fills));

        Set<String> kinds = new TreeSet<>();
        for (String name : names(all)) {
            assertTrue(name, name.startsWith("demo-"));
            kinds.add(name.split("-")[2]);
        }
        assertTrue("acks, partial fills and fills: " + kinds, kinds.containsAll(Set.of("new", "partial_fill", "fill")));
        for (String name : names(fills)) {
            assertEquals("only fills pass the selector: " + name, "fill", name.split("-")[2]);
        }
        String body = Files.readString(all.resolve(names(all).iterator().next()));
        assertTrue(body, body.startsWith("{\"schemaVersion\":2,") && body.contains("\"group\":\"DEMO\""));
        assertTrue("persistent journal under data/artemis",
                Files.isDirectory(data.resolve("artemis").resolve("dropcopy").resolve("journal")));
    }

    /** The exec ids of the events written to {@code dir}, sorted (the simulator's exec ids sort in sending order). */
    private static List<String> execIds(Path dir) throws IOException {
        List<String> ids = new ArrayList<>();
        for (String name : names(dir)) {
            ids.add(DemoConfiguration.execIdOf(Files.readString(dir.resolve(name))));
        }
        java.util.Collections.sort(ids);
        return ids;
    }

    private static Set<String> names(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** Listening TCP sockets, "a.b.c.d:port" (IPv4, or IPv4-mapped IPv6), "[::]:port", "[v6]:port", from /proc/net. */
    private static List<String> listeners() {
        try {
            List<String> out = new ArrayList<>();
            for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
                for (String line : Files.readAllLines(Paths.get(table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 3 && "0A".equals(f[3]) && f[1].contains(":")) {
                        String[] hp = f[1].split(":");
                        out.add(address(hp[0]) + ":" + Integer.parseInt(hp[1], 16));
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String address(String hex) {
        if (hex.length() == 32) {
            if (hex.startsWith("0000000000000000FFFF0000")) {
                return address(hex.substring(24));
            }
            return hex.matches("0+") ? "[::]" : "[" + hex + "]";
        }
        long a = Long.parseLong(hex, 16);
        return String.format(Locale.ROOT, "%d.%d.%d.%d", a & 0xff, (a >> 8) & 0xff, (a >> 16) & 0xff, (a >> 24) & 0xff);
    }
}
