package io.dropcopy.itests;

import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.features;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The demo in Karaf with the simulator's CGW backup gateway switched on by configuration ({@code backupPort}) and
 * the consumer given both addresses: {@code dropcopy-sim:fault demo down} (the simulator named first) takes the
 * primary down, the backup takes over with CME's sequence jump, and the consumer follows it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SimulatorBackupGatewayTest extends ItestSupport {

    @Configuration
    public Option[] config() {
        String version = System.getProperty("project.version");
        List<Option> options = new ArrayList<>(List.of(super.config()));
        String[] simulatorPort = new String[1];
        options.addAll(DemoConfiguration.ownPorts(12, simulatorPort));
        String port = simulatorPort[0];
        int base = 19100 + 12 * 20;
        String backup = Integer.toString(getAvailablePort(Integer.parseInt(port) + 1, base + 19));
        options.add(features(maven("io.dropcopy.karaf", "features", version).classifier("features").type("xml"),
                "dropcopy-demo"));
        File basedir = new File(System.getProperty("basedir", "."));
        options.add(replaceConfigurationFile("deploy/dropcopy-demo-route.xml",
                new File(basedir, "../features/src/main/resources/dropcopy-demo-route.xml")));
        options.addAll(DemoConfiguration.simulatorAndSession(port, 20, 0));
        options.add(editConfigurationFilePut("etc/io.dropcopy.simulator-demo.cfg", "backupPort", backup));
        options.add(editConfigurationFilePut("etc/io.dropcopy.session-demo.cfg", "addresses",
                "127.0.0.1:" + port + ",127.0.0.1:" + backup));
        return options.toArray(new Option[0]);
    }

    static final java.security.Principal[] ADMIN = {new org.apache.karaf.jaas.boot.principal.UserPrincipal("itest-admin"),
        new org.apache.karaf.jaas.boot.principal.RolePrincipal("admin"),
        new org.apache.karaf.jaas.boot.principal.RolePrincipal("viewer")};

    private String run(String command) {
        return executeCommand(command, 60_000L, true, ADMIN);
    }

    private long nextTargetSeqNum() {
        Matcher m = Pattern.compile("(?m)^nextTargetSeqNum: (\\d+)$").matcher(run("dropcopy:status demo"));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    @Test
    public void theConsumerFollowsTheSimulatorsBackupWhenThePrimaryGoesDown() throws Exception {
        Diagnosis.await("session demo logged on to the primary", 120,
                () -> run("dropcopy:status demo").contains("state: LOGGED_ON\n")
                        && run("dropcopy-sim:status demo").contains("loggedOn: true"), () -> "");
        String before = run("dropcopy-sim:status demo");
        System.err.println("dropcopy-sim:status demo\n" + before);
        assertTrue(before, before.contains("active: primary 127.0.0.1:"));
        assertTrue(before, Pattern.compile("(?m)^listening: primary 127\\.0\\.0\\.1:\\d+, backup 127\\.0\\.0\\.1:\\d+")
                .matcher(before).find());

        String down = run("dropcopy-sim:fault demo down 300");
        System.err.println("dropcopy-sim:fault demo down 300\n" + down);
        assertTrue(down, down.contains("the backup 127.0.0.1:") && down.contains("is active"));

        Diagnosis.await("the consumer on the backup, past the sequence jump", 120,
                () -> run("dropcopy-sim:status demo").contains("loggedOn: true")
                        && run("dropcopy:status demo").contains("state: LOGGED_ON\n") && nextTargetSeqNum() > 4000,
                () -> run("dropcopy:status demo") + run("dropcopy-sim:status demo"));
        String list = run("dropcopy-sim:list");
        System.err.println("dropcopy-sim:list\n" + list);
        assertTrue(list, list.contains("(backup)"));
        long seq = nextTargetSeqNum();
        Diagnosis.await("messages keep coming through the backup", 60, () -> nextTargetSeqNum() > seq + 10, () -> "");
    }
}
