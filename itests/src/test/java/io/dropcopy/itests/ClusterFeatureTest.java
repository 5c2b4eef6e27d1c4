package io.dropcopy.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.features;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import io.dropcopy.session.api.DropCopyHub;
import java.io.File;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Feature {@code dropcopy-cluster} in a real Karaf 4.4.6 with the demo (simulator and session of group DEMO): it
 * installs (camel-zookeeper's bundles, ours Active); without zookeeper in etc/io.dropcopy.cluster.cfg the node runs
 * DEMO alone as before; with a ZooKeeper that cannot be reached nothing logs on (STANDBY, never a guess); with a real
 * ZooKeeper server (its own JVM) the node is elected and logs on; dropcopy:drain logs it out, dropcopy:undrain brings
 * it back.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ClusterFeatureTest extends ItestSupport {

    @org.ops4j.pax.exam.Configuration
    public Option[] config() {
        String version = System.getProperty("project.version");
        List<Option> options = new ArrayList<>(List.of(super.config()));
        String[] simulatorPort = new String[1];
        options.addAll(DemoConfiguration.ownPorts(10, simulatorPort));
        options.add(features(maven("io.dropcopy.karaf", "features", version).classifier("features").type("xml"),
                "dropcopy-demo", "dropcopy-cluster"));
        File basedir = new File(System.getProperty("basedir", "."));
        options.add(replaceConfigurationFile("deploy/dropcopy-demo-route.xml",
                new File(basedir, "../features/src/main/resources/dropcopy-demo-route.xml")));
        options.add(replaceConfigurationFile("etc/org.apache.karaf.command.acl.dropcopy.cfg",
                new File(basedir, "../bundles/dropcopy-commands/src/main/cfg/org.apache.karaf.command.acl.dropcopy.cfg")));
        // Written here, so the feature's commented configfile is not fetched at boot: clustering off.
        options.add(editConfigurationFilePut("etc/io.dropcopy.cluster.cfg", "sessionTimeoutMs", "6000"));
        // The ZooKeeper server's jars (copied by dropcopy-cluster-zookeeper's build) for the server JVM started below.
        options.add(editConfigurationFilePut("etc/system.properties", "dropcopy.itest.zookeeper",
                new File(basedir, "../bundles/dropcopy-cluster-zookeeper/target/zookeeper-server").getAbsolutePath()));
        options.addAll(DemoConfiguration.simulatorAndSession(simulatorPort[0], 20, 0));
        return options.toArray(new Option[0]);
    }

    @Test
    public void singleNodeThenUnreachableZooKeeperThenElectedThenDrained() throws Exception {
        assertTrue(featureService.isInstalled(featureService.getFeature("dropcopy-cluster")));
        Bundle cluster = java.util.Arrays.stream(bundleContext.getBundles())
                .filter(b -> "io.dropcopy.karaf.dropcopy-cluster-zookeeper".equals(b.getSymbolicName())
                        || b.getSymbolicName().endsWith("dropcopy-cluster-zookeeper")).findFirst().orElseThrow();
        assertEquals(Bundle.ACTIVE, cluster.getState());
        DropCopyHub hub = getOsgiService(DropCopyHub.class);

        // Single node: as before the feature.
        loggedOn(hub, true, "single node, DEMO logged on");
        assertEquals("single node", hub.ownershipDescription());
        assertEquals("OWNER", hub.groupOwnership().get("DEMO"));

        // ZooKeeper configured but unreachable: logged out, standing by.
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        cluster("127.0.0.1:" + closedPort);
        loggedOn(hub, false, "clustered without ZooKeeper: logged out");
        Awaitility.await("STANDBY").atMost(30, TimeUnit.SECONDS)
                .until(() -> hub.ownershipDescription().startsWith("zookeeper") && "STANDBY".equals(hub.groupOwnership().get("DEMO")));

        // A real ZooKeeper: elected, logged on.
        int zkPort;
        try (ServerSocket s = new ServerSocket(0)) {
            zkPort = s.getLocalPort();
        }
        Process zk = startZooKeeper(zkPort);
        try {
            cluster("127.0.0.1:" + zkPort);
            loggedOn(hub, true, "elected through ZooKeeper, DEMO logged on");
            assertEquals("OWNER", hub.groupOwnership().get("DEMO"));
            String status = executeCommand("dropcopy:cluster", 20_000L, true, ConsoleCommandsTest.ADMIN);
            assertTrue(status, status.contains("zookeeper 127.0.0.1:" + zkPort) && status.contains("OWNER"));

            String drained = executeCommand("dropcopy:drain", 20_000L, true, ConsoleCommandsTest.ADMIN);
            assertTrue(drained, drained.contains("logged out of DEMO"));
            assertEquals(false, hub.session("demo").orElseThrow().loggedOn());
            assertEquals("DRAINED", hub.groupOwnership().get("DEMO"));
            executeCommand("dropcopy:undrain", 20_000L, true, ConsoleCommandsTest.ADMIN);
            loggedOn(hub, true, "undrained: elected again");
        } finally {
            cluster(null);
            zk.destroyForcibly();
        }
        loggedOn(hub, true, "single node again");
        assertEquals("single node", hub.ownershipDescription());
    }

    private void cluster(String zookeeper) throws Exception {
        Configuration c = configurationAdmin.getConfiguration("io.dropcopy.cluster", null);
        Dictionary<String, Object> p = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
        if (zookeeper == null) {
            p.remove("zookeeper");
        } else {
            p.put("zookeeper", zookeeper);
        }
        p.put("nodeId", "itest-node");
        c.update(p);
    }

    private static void loggedOn(DropCopyHub hub, boolean on, String what) {
        Awaitility.await(what).atMost(60, TimeUnit.SECONDS)
                .until(() -> hub.session("demo").map(s -> s.loggedOn() == on).orElse(false));
    }

    private static Process startZooKeeper(int port) throws Exception {
        Path dir = Files.createTempDirectory("itest-zookeeper");
        Path config = dir.resolve("zoo.cfg");
        Files.writeString(config, "tickTime=500\ndataDir=" + dir.resolve("data") + "\nclientPort=" + port
                + "\nclientPortAddress=127.0.0.1\nadmin.enableServer=false\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx128m", "-cp",
                System.getProperty("dropcopy.itest.zookeeper") + File.separator + "*",
                "org.apache.zookeeper.server.ZooKeeperServerMain", config.toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(dir.resolve("zookeeper.log").toFile());
        Process p = pb.start();
        Awaitility.await("ZooKeeper listening").atMost(30, TimeUnit.SECONDS).until(() -> {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return true;
            } catch (java.io.IOException e) {
                return false;
            }
        });
        return p;
    }
}
