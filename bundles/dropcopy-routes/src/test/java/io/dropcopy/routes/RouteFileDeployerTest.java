package io.dropcopy.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The route files directory against a plain Camel context: load at start, add, edit, delete, broken files.
 * The deployer polls only when told ({@link RouteFileDeployer#scanNow()}; its own poll is an hour), so
 * every step is deterministic: a change is applied on the second poll that sees the same content.
 */
class RouteFileDeployerTest {
    @TempDir
    Path tmp;
    Path routes;
    CamelContext camel;
    ProducerTemplate producer;
    RouteFileDeployer deployer;

    @BeforeEach
    void setUp() throws Exception {
        routes = tmp.resolve("routes");
        Files.createDirectories(routes);
        camel = new DefaultCamelContext();
        camel.setSourceLocationEnabled(true);
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (deployer != null) {
            deployer.close();
        }
        camel.close();
    }

    private void startDeployer() throws Exception {
        deployer = new RouteFileDeployer(camel, routes, Duration.ofHours(1));
        deployer.start();
    }

    /** Two polls: the first sees the change, the second (same content) applies it. */
    private void settle() {
        deployer.scanNow();
        deployer.scanNow();
    }

    private static String yamlRoute(String from, String outDir) {
        return "- route:\n"
                + "    from:\n"
                + "      uri: " + from + "\n"
                + "      steps:\n"
                + "        - setBody:\n"
                + "            simple: \"${body}!\"\n"
                + "        - to:\n"
                + "            uri: \"file:" + outDir + "?fileName=out.txt&fileExist=Append&appendChars=\\n\"\n";
    }

    private static String xmlRoute(String id, String from, String outDir) {
        return "<routes xmlns=\"http://camel.apache.org/schema/spring\">\n"
                + "  <route id=\"" + id + "\">\n"
                + "    <from uri=\"" + from + "\"/>\n"
                + "    <to uri=\"file:" + outDir + "?fileName=out.txt&amp;fileExist=Append&amp;appendChars=\\n\"/>\n"
                + "  </route>\n"
                + "</routes>\n";
    }

    private void write(String name, String content) throws Exception {
        Files.writeString(routes.resolve(name), content, StandardCharsets.UTF_8);
    }

    private List<String> lines(Path dir) throws Exception {
        Path f = dir.resolve("out.txt");
        return Files.exists(f) ? Files.readAllLines(f) : List.of();
    }

    @Test
    void filesPresentAtStartAreLoadedAtOnce() throws Exception {
        Path outA = tmp.resolve("a");
        Path outB = tmp.resolve("b");
        write("alpha.yaml", yamlRoute("direct:a", outA.toString()));
        write("beta.xml", xmlRoute("beta-route", "direct:b", outB.toString()));
        write("notes.txt", "not a route file");
        write(".hidden.yaml", "- not: parsed");

        startDeployer();

        assertEquals(List.of("alpha"), deployer.status().get("alpha.yaml").routeIds(), "id from the file name");
        assertEquals(List.of("beta-route"), deployer.status().get("beta.xml").routeIds(), "id given in the file");
        assertEquals(2, deployer.status().size());
        assertEquals(2, camel.getRoutes().size());
        producer.sendBody("direct:a", "one");
        producer.sendBody("direct:b", "two");
        assertEquals(List.of("one!"), lines(outA));
        assertEquals(List.of("two"), lines(outB));
    }

    @Test
    void addEditDeleteFollowTheFile() throws Exception {
        startDeployer();
        assertTrue(camel.getRoutes().isEmpty());
        Path out1 = tmp.resolve("out1");
        Path out2 = tmp.resolve("out2");

        // Created: the first poll sees it, the second (unchanged) loads it.
        write("flow.yaml", yamlRoute("direct:in", out1.toString()));
        deployer.scanNow();
        assertNull(camel.getRoute("flow"), "not loaded until the content has stayed the same for one poll");
        deployer.scanNow();
        assertNotNull(camel.getRoute("flow"));
        assertTrue(camel.getRouteController().getRouteStatus("flow").isStarted());
        producer.sendBody("direct:in", "x");
        assertEquals(List.of("x!"), lines(out1));

        // Edited: the route now writes elsewhere.
        write("flow.yaml", yamlRoute("direct:in", out2.toString()));
        settle();
        assertEquals(List.of("flow"), deployer.status().get("flow.yaml").routeIds());
        assertEquals(1, camel.getRoutes().size(), "replaced, not added");
        producer.sendBody("direct:in", "y");
        assertEquals(List.of("x!"), lines(out1));
        assertEquals(List.of("y!"), lines(out2));

        // Saved again without a change: nothing happens (the route is not restarted).
        write("flow.yaml", yamlRoute("direct:in", out2.toString()));
        settle();
        assertEquals(1, camel.getRoutes().size());

        // Deleted: the route is gone.
        Files.delete(routes.resolve("flow.yaml"));
        deployer.scanNow();
        assertTrue(camel.getRoutes().isEmpty());
        assertTrue(camel.adapt(org.apache.camel.model.ModelCamelContext.class).getRouteDefinitions().isEmpty());
        assertTrue(deployer.status().isEmpty());
        assertThrows(CamelExecutionException.class, () -> producer.sendBody("direct:in?block=false", "z"));
    }

    @Test
    void severalRoutesInOneFileGetNumberedIdsAndGoTogether() throws Exception {
        Path out = tmp.resolve("many");
        write("many.yaml", yamlRoute("direct:m1", out.toString()) + yamlRoute("direct:m2", out.toString())
                + "- route:\n    id: named\n    from:\n      uri: direct:m3\n      steps:\n        - log: hi\n");
        startDeployer();
        assertEquals(List.of("named", "many", "many-2"), deployer.status().get("many.yaml").routeIds());
        Files.delete(routes.resolve("many.yaml"));
        deployer.scanNow();
        assertTrue(camel.getRoutes().isEmpty());
    }

    @Test
    void aBrokenYamlFileIsReportedWithItsLineAndTheOthersRun() throws Exception {
        Path out = tmp.resolve("good");
        write("good.yaml", yamlRoute("direct:good", out.toString()));
        // Line 4 is indented wrongly: a YAML syntax error.
        write("broken.yaml", "- route:\n    from:\n      uri: direct:broken\n     steps: [\n");
        startDeployer();

        String error = deployer.status().get("broken.yaml").error();
        assertNotNull(error);
        assertTrue(error.startsWith("line "), error);
        assertTrue(deployer.status().get("broken.yaml").routeIds().isEmpty());
        assertNull(deployer.status().get("good.yaml").error());
        producer.sendBody("direct:good", "still");
        assertEquals(List.of("still!"), lines(out));

        // Fixed: loaded.
        write("broken.yaml", yamlRoute("direct:broken", out.toString()));
        settle();
        assertNull(deployer.status().get("broken.yaml").error());
        assertEquals(List.of("broken"), deployer.status().get("broken.yaml").routeIds());
    }

    @Test
    void anUnknownStepIsReportedWithItsLine() throws Exception {
        write("unknown.yaml", "- route:\n    from:\n      uri: direct:u\n      steps:\n        - noSuchStep:\n            x: 1\n");
        startDeployer();
        String error = deployer.status().get("unknown.yaml").error();
        assertTrue(error.startsWith("line 5: ") || error.startsWith("line 4: "), error);
        assertTrue(camel.getRoutes().isEmpty());
    }

    @Test
    void aBrokenXmlFileIsReportedWithItsLine() throws Exception {
        write("bad.xml", "<routes xmlns=\"http://camel.apache.org/schema/spring\">\n  <route>\n    <from uri=\"direct:x\">\n  </route>\n</routes>\n");
        startDeployer();
        String error = deployer.status().get("bad.xml").error();
        assertTrue(error.startsWith("line 4: "), error);
    }

    @Test
    void anEditThatBreaksTheFileKeepsThePreviousRoutesRunning() throws Exception {
        Path out = tmp.resolve("keep");
        write("keep.yaml", yamlRoute("direct:keep", out.toString()));
        startDeployer();

        write("keep.yaml", "- route:\n    from:\n      uri: direct:keep\n      steps: [ oops\n");
        settle();
        assertNotNull(deployer.status().get("keep.yaml").error());
        assertEquals(List.of("keep"), deployer.status().get("keep.yaml").routeIds(), "previous version still runs");
        producer.sendBody("direct:keep", "a");
        assertEquals(List.of("a!"), lines(out));

        // A well-formed file whose route cannot start (unknown component): the previous version comes back.
        write("keep.yaml", "- route:\n    from:\n      uri: direct:keep\n      steps:\n        - to: \"nosuchcomponent:x\"\n");
        settle();
        String error = deployer.status().get("keep.yaml").error();
        assertTrue(error.contains("nosuchcomponent"), error);
        assertTrue(error.startsWith("line 5: "), error);
        producer.sendBody("direct:keep", "b");
        assertEquals(List.of("a!", "b!"), lines(out));
        assertEquals(1, camel.getRoutes().size());
    }

    @Test
    void aRouteIdAlreadyUsedByAnotherFileIsRefused() throws Exception {
        Path out = tmp.resolve("dup");
        write("first.xml", xmlRoute("shared", "direct:first", out.toString()));
        startDeployer();
        write("second.xml", xmlRoute("shared", "direct:second", out.toString()));
        settle();
        String error = deployer.status().get("second.xml").error();
        assertTrue(error.contains("'shared' is already used by first.xml"), error);
        producer.sendBody("direct:first", "1");
        assertEquals(List.of("1"), lines(out));
        assertFalse(camel.getRoutes().stream().anyMatch(r -> r.getEndpoint().getEndpointUri().contains("second")));
    }

    @Test
    void thePollingThreadPicksUpChangesByItself() throws Exception {
        deployer = new RouteFileDeployer(camel, routes, Duration.ofMillis(100));
        deployer.start();
        write("auto.yaml", yamlRoute("direct:auto", tmp.resolve("auto").toString()));
        Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> camel.getRoute("auto") != null);
        Files.delete(routes.resolve("auto.yaml"));
        Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> camel.getRoute("auto") == null);
    }

    @Test
    void aFileWhoseComponentComesLaterIsLoadedWhenItComes() throws Exception {
        Path out = tmp.resolve("later");
        write("later.yaml", "- route:\n    from:\n      uri: direct:later\n      steps:\n        - to: \"later:x\"\n"
                + "        - to: \"file:" + out + "?fileName=out.txt\"\n");
        deployer = new RouteFileDeployer(camel, routes, Duration.ofMillis(100));
        deployer.start();
        assertTrue(deployer.status().get("later.yaml").error().contains("later"));
        // The component appears (as a bundle's would in Karaf): the file is tried again and loads.
        camel.addComponent("later", new org.apache.camel.component.direct.DirectComponent());
        camel.addRoutes(new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                from("later:x").log("later");
            }
        });
        Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> camel.getRoute("later") != null);
        assertNull(deployer.status().get("later.yaml").error());
        producer.sendBody("direct:later", "now");
        assertEquals(List.of("now"), lines(out));
    }
}
