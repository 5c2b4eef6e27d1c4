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
import java.nio.file.Files;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * Installing the JDBC sink (which brings the {@code dropcopy} DataSource), JMS and Kafka features while the demo
 * session is logged on and receiving leaves that session alone: the simulator (the CME side) counts no further
 * Logon, and its messages keep arriving on the same connection.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FeatureInstallLeavesSessionAloneTest extends ItestSupport {
    private static final Principal[] ADMIN = {new UserPrincipal("itest-admin"), new RolePrincipal("admin"),
        new RolePrincipal("viewer")};
    private static final Pattern LOGONS = Pattern.compile("(?m)^logons: (\\d+)$");
    private static final Pattern SENT = Pattern.compile("(?m)^sent: (\\d+)$");

    @Configuration
    public Option[] config() {
        String version = System.getProperty("project.version");
        List<Option> options = new ArrayList<>(List.of(super.config()));
        String[] simulatorPort = new String[1];
        options.addAll(DemoConfiguration.ownPorts(16, simulatorPort));
        String port = simulatorPort[0];
        options.add(features(maven("io.dropcopy.karaf", "features", version).classifier("features").type("xml"),
                "dropcopy-demo"));
        File basedir = new File(System.getProperty("basedir", "."));
        options.add(replaceConfigurationFile("deploy/dropcopy-demo-route.xml",
                new File(basedir, "../features/src/main/resources/dropcopy-demo-route.xml")));
        // The JMS feature's embedded broker on a free port (not 61616, which another Karaf may hold); a configfile
        // already in etc/ is kept when the feature is installed.
        int brokerPort = getAvailablePort(62700, 63700);
        File jms = new File(basedir, "../bundles/dropcopy-sink-jms/src/main");
        File brokerXml = new File(basedir, "target/feature-install/dropcopy-artemis.xml");
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
        // The Kafka feature's sample route publishes to a real broker.
        options.add(editConfigurationFilePut("etc/system.properties", "dropcopy.kafka.brokers",
                KafkaForItests.bootstrapServers(3)));
        options.addAll(DemoConfiguration.simulatorAndSession(port, 20, 0));
        options.add(editConfigurationFilePut("etc/system.properties", "pax.exam.service.timeout", "300000"));
        return options.toArray(new Option[0]);
    }

    private String run(String command) {
        return executeCommand(command, 60_000L, true, ADMIN);
    }

    private long simulator(Pattern key) {
        Matcher m = key.matcher(run("dropcopy-sim:status demo"));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    @Test
    public void installingJdbcJmsAndKafkaFeaturesKeepsTheSessionLoggedOn() throws Exception {
        Diagnosis.await("session demo logged on and receiving", 180,
                () -> run("dropcopy:status demo").contains("state: LOGGED_ON\n")
                        && run("dropcopy-sim:status demo").contains("loggedOn: true") && simulator(SENT) > 20,
                () -> run("dropcopy:status demo") + run("dropcopy-sim:status demo"));
        long logons = simulator(LOGONS);
        assertTrue("the simulator counts the session's logon: " + logons, logons >= 1);

        for (String feature : List.of("dropcopy-sink-jdbc", "dropcopy-jms", "dropcopy-kafka")) {
            featureService.installFeature(feature);
            assertTrue(feature, featureService.isInstalled(featureService.getFeature(feature)));
            // the dropcopy DataSource of the JDBC feature's configfile is up: what used to restart every session
            if (feature.equals("dropcopy-sink-jdbc")) {
                Diagnosis.await("the dropcopy DataSource registered", 120, () -> bundleContext
                        .getServiceReferences(javax.sql.DataSource.class, "(dataSourceName=dropcopy)").size() > 0,
                        () -> "");
            }
            long sent = simulator(SENT);
            // at 20 messages a second: about five seconds of traffic after the install
            Diagnosis.await("messages still flowing after " + feature, 120, () -> simulator(SENT) > sent + 100,
                    () -> run("dropcopy-sim:status demo"));
            assertEquals("no new logon to the simulator after installing " + feature, logons, simulator(LOGONS));
            assertTrue(run("dropcopy:status demo"), run("dropcopy:status demo").contains("state: LOGGED_ON\n"));
        }
    }
}
