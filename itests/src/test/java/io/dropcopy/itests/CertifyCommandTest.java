package io.dropcopy.itests;

import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.features;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
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
 * {@code dropcopy:certify demo} in a stock Karaf 4.4.6 running {@code dropcopy-demo}: every AutoCert+ scenario
 * passes against a copy of the demo session as configured (with a second key pair), next to the running demo
 * session with the same comp id, and the report is written as Markdown and JSON under data/dropcopy/certify.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CertifyCommandTest extends ItestSupport {
    static final Principal[] ADMIN = {new UserPrincipal("itest-admin"), new RolePrincipal("admin"),
        new RolePrincipal("viewer")};

    @Configuration
    public Option[] config() {
        String version = System.getProperty("project.version");
        List<Option> options = new ArrayList<>(List.of(super.config()));
        String[] simulatorPort = new String[1];
        options.addAll(DemoConfiguration.ownPorts(6, simulatorPort));
        String port = simulatorPort[0];
        options.add(features(maven("io.dropcopy.karaf", "features", version).classifier("features").type("xml"),
                "dropcopy-demo"));
        File basedir = new File(System.getProperty("basedir", "."));
        options.add(replaceConfigurationFile("deploy/dropcopy-demo-route.xml",
                new File(basedir, "../features/src/main/resources/dropcopy-demo-route.xml")));
        options.add(replaceConfigurationFile("etc/org.apache.karaf.command.acl.dropcopy.cfg",
                new File(basedir, "../bundles/dropcopy-commands/src/main/cfg/org.apache.karaf.command.acl.dropcopy.cfg")));
        options.addAll(DemoConfiguration.simulatorAndSession(port, 20, 0));
        String session = "etc/io.dropcopy.session-demo.cfg";
        options.add(editConfigurationFilePut(session, "accessKeyId2", "DEMO-ACCESS-KEY-0002"));
        options.add(editConfigurationFilePut(session, "secretKey2", "c2Vjb25kLWtleS1wYWlyLWZvci1yb3RhdGlvbi0xMjM"));
        return options.toArray(new Option[0]);
    }

    @Test
    public void certifyRunsEveryAutoCertScenarioAgainstTheConfiguredSession() throws Exception {
        Diagnosis.await("session demo LOGGED_ON", 120,
                () -> executeCommand("dropcopy:status demo", 20_000L, true, ADMIN).contains("state: LOGGED_ON\n"), () -> "");

        String one = executeCommand("dropcopy:certify demo --scenario cgw-logon", 120_000L, true, ADMIN);
        System.err.println("dropcopy:certify demo --scenario cgw-logon\n" + one);
        assertTrue(one, one.contains("PASS cgw-logon") && one.contains("READY: 1 of 1 scenarios passed"));

        String all = executeCommand("dropcopy:certify demo", 600_000L, true, ADMIN);
        System.err.println("dropcopy:certify demo\n" + all);
        for (String scenario : List.of("cgw-logon", "logon-failover", "respond-to-resend-request", "beginning-of-week-logon",
                "mid-week-logon", "mid-week-key-rotation", "bi-directional-resend", "backup-logon-while-primary-up",
                "logon-within-60s", "no-122-on-logon", "dual-reset-sequence-reset", "possible-resends", "msgw-market-segments")) {
            assertTrue(scenario + "\n" + all, all.contains("PASS " + scenario));
        }
        assertTrue(all, all.contains("READY: 13 of 13 scenarios passed"));
        assertTrue("the secret never shows", !all.contains(DemoConfiguration.SECRET));

        Path dir = Paths.get(System.getProperty("karaf.data"), "dropcopy", "certify");
        List<String> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
        System.err.println("report files: " + files);
        // one Markdown and one JSON file per run (two runs here, more if surefire reruns the test)
        long md = files.stream().filter(f -> f.startsWith("demo-") && f.endsWith(".md")).count();
        long jsons = files.stream().filter(f -> f.startsWith("demo-") && f.endsWith(".json")).count();
        assertTrue(files.toString(), md >= 2 && md == jsons);
        assertTrue("scratch stores removed: " + files, files.stream().noneMatch(f -> f.endsWith("-work")));
        String json = Files.readString(dir.resolve(files.stream().filter(f -> f.endsWith(".json")).reduce((a, b) -> b).get()));
        assertTrue(json, json.contains("\"ready\":true") && json.contains("\"passed\":13"));

        // the demo session ran on, untouched
        Diagnosis.await("session demo still LOGGED_ON", 60,
                () -> executeCommand("dropcopy:status demo", 20_000L, true, ADMIN).contains("state: LOGGED_ON\n"), () -> "");
    }
}
