package io.dropcopy.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.features;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import java.io.File;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.awaitility.Awaitility;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The {@code dropcopy:} console commands in a stock Karaf 4.4.6 running {@code dropcopy-demo} (simulator on a free
 * port): list, status, tail, disconnect, connect, stats; the command ACL (etc/org.apache.karaf.command.acl.dropcopy.cfg)
 * lets a viewer look but not act; no output ever shows the secret key.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConsoleCommandsTest extends ItestSupport {
    static final String SECRET = DemoConfiguration.SECRET;
    static final Principal[] ADMIN = {new UserPrincipal("itest-admin"), new RolePrincipal("admin"),
        new RolePrincipal("viewer")};
    static final Principal[] VIEWER = {new UserPrincipal("itest-viewer"), new RolePrincipal("viewer")};
    /** One tail line: time session#seq kind symbol side lastQty@lastPx execId. */
    static final Pattern TAIL_LINE = Pattern.compile(
            "\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z demo#\\d+ [a-z_]+ \\S+ \\S+ \\S+ SIM\\d{8}-\\d");

    private final List<String> outputs = new ArrayList<>();

    @Configuration
    public Option[] config() {
        String version = System.getProperty("project.version");
        List<Option> options = new ArrayList<>(List.of(super.config()));
        // Runs in the test driver: the container's own instance of this class does not know the port.
        String[] simulatorPort = new String[1];
        options.addAll(DemoConfiguration.ownPorts(1, simulatorPort));
        String port = simulatorPort[0];
        // A boot feature, as in the assembly; configfiles placed beforehand (see DemoFlowTest, karaf-assembly/pom.xml).
        options.add(features(maven("io.dropcopy.karaf", "features", version).classifier("features").type("xml"),
                "dropcopy-demo"));
        File basedir = new File(System.getProperty("basedir", "."));
        options.add(replaceConfigurationFile("deploy/dropcopy-demo-route.xml",
                new File(basedir, "../features/src/main/resources/dropcopy-demo-route.xml")));
        // The command ACL must be in etc/ before boot: the roles below are checked against it.
        options.add(replaceConfigurationFile("etc/org.apache.karaf.command.acl.dropcopy.cfg",
                new File(basedir, "../bundles/dropcopy-commands/src/main/cfg/org.apache.karaf.command.acl.dropcopy.cfg")));
        options.addAll(DemoConfiguration.simulatorAndSession(port, 20, 0));
        return options.toArray(new Option[0]);
    }

    private String run(String command, Principal... principals) {
        String output = executeCommand(command, 60_000L, true, principals);
        outputs.add(output);
        return output;
    }

    /**
     * Runs a command that must fail with {@code expected} in its message: the refusal asked for, not any failure
     * (a command that breaks in another way, or an ACL that refuses the wrong thing, fails the test).
     */
    private String refused(String command, String expected, Principal... principals) {
        // (JUnit's assertThrows is newer than the JUnit bundle inside the container.)
        String output;
        try {
            output = executeCommand(command, 60_000L, true, principals);
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            outputs.add(message);
            assertTrue(command + " refused, but not with '" + expected + "': " + message, message.contains(expected));
            return message;
        }
        outputs.add(output);
        throw new AssertionError(command + " was not refused: " + output);
    }

    /**
     * The ACL hides the command from these principals: the shell answers as for a command that does not exist.
     * The same command runs for an admin elsewhere in this test, so it is the ACL, not a missing command.
     */
    private void hiddenByAcl(String command, Principal... principals) {
        String name = command.split(" ")[0];
        refused(command, "Command not found: " + name, principals);
    }

    private void awaitState(String state) {
        Diagnosis.await("session demo " + state, 120,
                () -> executeCommand("dropcopy:status demo", 20_000L, true, VIEWER).contains("state: " + state + "\n"),
                () -> "");
    }

    @Test
    public void operatorsSeeAndSteerTheSessionsFromTheConsole() throws Exception {
        awaitState("LOGGED_ON");

        String list = run("dropcopy:list", VIEWER);
        System.err.println("dropcopy:list\n" + list);
        assertTrue(list, list.contains("Name") && list.contains("Next in") && list.contains("Dead letters"));
        assertTrue(list, Pattern.compile("(?m)^demo\\s+\\|\\s+DEMO\\s+\\|\\s+LOGGED_ON\\s+\\|\\s+127\\.0\\.0\\.1:\\d+\\s+\\|")
                .matcher(list).find());
        // the address in use is the one configured, and the rate column is there
        assertTrue(list, Pattern.compile("(?m)^demo\\s+\\|\\s+DEMO\\s+\\|\\s+LOGGED_ON\\s+\\|\\s+127\\.0\\.0\\.1:(\\d+)\\s+\\|\\s+127\\.0\\.0\\.1:\\1\\s+\\|")
                .matcher(list).find());
        assertTrue(list, list.contains("Msg/s 60s"));

        String status = run("dropcopy:status demo", VIEWER);
        System.err.println("dropcopy:status demo\n" + status);
        for (String line : List.of("name: demo", "group: DEMO", "state: LOGGED_ON", "loggedOn: true", "enabled: true")) {
            assertTrue(status, status.contains(line + "\n"));
        }
        assertTrue(status, Pattern.compile("(?m)^addresses: 127\\.0\\.0\\.1:\\d+$").matcher(status).find());
        assertTrue(status, Pattern.compile("(?m)^nextTargetSeqNum: \\d+$").matcher(status).find());
        assertTrue(status, Pattern.compile("(?m)^lastMessageTime: \\d{4}-").matcher(status).find());
        refused("dropcopy:status nosuch", "no drop copy session named 'nosuch' (sessions: demo)", VIEWER);

        String tail = run("dropcopy:tail DEMO --max 3", VIEWER);
        System.err.println("dropcopy:tail DEMO --max 3\n" + tail);
        List<String> lines = tail.lines().filter(l -> !l.isBlank()).collect(java.util.stream.Collectors.toList());
        assertEquals(tail, 3, lines.size());
        for (String line : lines) {
            assertTrue(line, TAIL_LINE.matcher(line).matches());
        }
        String fills = run("dropcopy:tail DEMO --kind fill --max 1", VIEWER);
        assertTrue(fills, TAIL_LINE.matcher(fills.trim()).matches() && fills.contains(" fill "));
        refused("dropcopy:tail DEMO --kind fills --max 1", "--kind takes one of new, modify", VIEWER);

        // The hub refuses a reset while connected, and the console shows why.
        refused("dropcopy:reset-seq demo --force", "session demo is connected: disconnect it first", ADMIN);
        // A viewer may look, not act: the ACL hides connect, disconnect and reset-seq from the role.
        hiddenByAcl("dropcopy:disconnect demo", VIEWER);
        hiddenByAcl("dropcopy:reset-seq demo --force", VIEWER);
        assertTrue(run("dropcopy:status demo", VIEWER).contains("enabled: true\n"));

        String disconnect = run("dropcopy:disconnect demo", ADMIN);
        System.err.println("dropcopy:disconnect demo\n" + disconnect);
        assertTrue(disconnect, disconnect.startsWith("Session demo disconnected (was LOGGED_ON): now DISCONNECTED."));
        String after = run("dropcopy:list", VIEWER);
        System.err.println("dropcopy:list\n" + after);
        assertTrue(after, Pattern.compile("(?m)^demo\\s+\\|\\s+DEMO\\s+\\|\\s+DISCONNECTED\\s+\\|").matcher(after).find());
        hiddenByAcl("dropcopy:reset-seq demo --force", VIEWER);
        hiddenByAcl("dropcopy:connect demo", VIEWER);

        String connect = run("dropcopy:connect demo", ADMIN);
        System.err.println("dropcopy:connect demo\n" + connect);
        assertTrue(connect, connect.startsWith("Session demo connected (was DISCONNECTED): now "));
        awaitState("LOGGED_ON");

        String stats = run("dropcopy:stats", VIEWER);
        System.err.println("dropcopy:stats\n" + stats);
        assertTrue(stats, stats.contains("Refused sends") && Pattern.compile("(?m)^demo\\s+\\|\\s+DEMO\\s+\\|").matcher(stats).find());

        String resend = run("dropcopy:resend demo 2 4", ADMIN);
        System.err.println("dropcopy:resend demo 2 4\n" + resend);
        assertTrue(resend, resend.contains("resend of 2..4 requested"));
        hiddenByAcl("dropcopy:resend demo 2 4", VIEWER);
        org.awaitility.Awaitility.await("resend done").atMost(60, java.util.concurrent.TimeUnit.SECONDS)
                .until(() -> executeCommand("dropcopy:status demo", 20_000L, true, VIEWER).contains("resendInFlight: -\n"));

        String deadLetters = run("dropcopy:dead-letters", VIEWER);
        assertTrue(deadLetters, deadLetters.contains("Id") && deadLetters.contains("Reason"));

        // the sinks' counters are services (of the sink bundles installed), injected as a list: none is required
        String skipped = run("dropcopy:skipped", VIEWER);
        System.err.println("dropcopy:skipped\n" + skipped);
        assertTrue(skipped, skipped.contains("No sink that counts skips is running")
                || skipped.contains("Skipped duplicates"));

        for (String output : outputs) {
            assertFalse("no command output shows the secret key", output.contains(SECRET));
        }
        // nor any log line: QuickFIX/J's message log shows the logon signature masked
        String log = new String(java.nio.file.Files.readAllBytes(java.nio.file.Paths.get(
                System.getProperty("karaf.data"), "log", "karaf.log")), java.nio.charset.StandardCharsets.UTF_8);
        assertFalse("no log line shows the secret key", log.contains(SECRET));
        assertTrue("the logon is logged, its signature masked", log.contains("1402=***"));
    }
}
