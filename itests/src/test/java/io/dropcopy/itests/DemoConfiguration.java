package io.dropcopy.itests;

import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.util.List;
import org.apache.karaf.itests.KarafTestSupport;
import org.ops4j.pax.exam.Option;

/**
 * The demo simulator and session configuration every Pax Exam test boots with, on its own free port. Written into
 * etc/ before Karaf starts, so the features' own configfiles are never fetched during the boot install (see
 * karaf-assembly/pom.xml) and these values win.
 */
final class DemoConfiguration {
    /** CME's public test-vector secret: the simulator accepts only it. Never to appear in a log or an output. */
    static final String SECRET = "2HlZ7exg8jTKltXnURjKvm3GS5iF5n4ClzHiEm_ocv4";
    static final String ACCESS_KEY = "DEMO-ACCESS-KEY-0001";

    private DemoConfiguration() {
    }

    /**
     * Ports of this test class's Karaf, apart from every other class's. Pax Exam asks every class for its
     * configuration before the first Karaf starts, so "the first free port" is the same for all of them; and a
     * Karaf may still be shutting down (its simulator still listening) when the next class's Karaf starts: on a slow
     * machine the next session then talked to the old simulator. One slot per test class avoids both.
     *
     * <p>Also switches off Felix FileInstall's write-back of configurations to etc/: at a first boot Karaf 4.4.6
     * writes every etc/*.cfg back while FileInstall is still reading them, and a file read in the middle of that
     * non-atomic rewrite comes out empty (apache/karaf#2805, fixed after 4.4.6). It emptied
     * {@code org.apache.felix.fileinstall-deploy.cfg} in a CI run: deploy/ was never watched and the demo route never
     * installed. Nothing in these tests needs configurations written back to files.
     *
     * @param simulatorPort receives, in its first element, the port for this class's simulator
     */
    static List<Option> ownPorts(int slot, String[] simulatorPort) {
        int offset = slot * 20;
        simulatorPort[0] = port(19100 + offset);
        return List.of(
                editConfigurationFilePut("etc/config.properties", "felix.fileinstall.enableConfigSave", "false"),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", port(9080 + offset)),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", port(1100 + offset)),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", port(44500 + offset)),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", port(8200 + offset)));
    }

    private static String port(int from) {
        return Integer.toString(KarafTestSupport.getAvailablePort(from, from + 19));
    }

    /**
     * What the simulator's default scenario sends for {@code orders} orders, in order: an ack, a partial fill and a
     * fill each, exec ids {@code SIM<order>-<step>} (written out here, not read from the simulator).
     */
    static List<String> execIds(int orders) {
        List<String> ids = new java.util.ArrayList<>();
        for (int order = 1; order <= orders; order++) {
            for (int step = 1; step <= 3; step++) {
                ids.add(String.format("SIM%08d-%d", order, step));
            }
        }
        return ids;
    }

    private static final java.util.regex.Pattern EXEC_ID = java.util.regex.Pattern.compile("\"execId\":\"([^\"]+)\"");

    /** The exec id of an event's JSON (dropcopy-model's form). */
    static String execIdOf(String json) {
        java.util.regex.Matcher m = EXEC_ID.matcher(json);
        if (!m.find()) {
            throw new AssertionError("no execId in " + json);
        }
        return m.group(1);
    }

    /** @param orders how many synthetic orders the simulator sends (0: unlimited) */
    static List<Option> simulatorAndSession(String port, int rate, int orders) {
        String sim = "etc/io.dropcopy.simulator-demo.cfg";
        String session = "etc/io.dropcopy.session-demo.cfg";
        return List.of(
                editConfigurationFilePut(sim, "port", port),
                editConfigurationFilePut(sim, "targetCompId", "DEMO01N"),
                editConfigurationFilePut(sim, "accessKeyId", ACCESS_KEY),
                editConfigurationFilePut(sim, "secretKey", SECRET),
                editConfigurationFilePut(sim, "rate", Integer.toString(rate)),
                editConfigurationFilePut(sim, "orders", Integer.toString(orders)),
                editConfigurationFilePut(session, "group", "DEMO"),
                editConfigurationFilePut(session, "senderCompId", "DEMO01N"),
                editConfigurationFilePut(session, "senderSubId", "OPS1"),
                editConfigurationFilePut(session, "senderLocationId", "US,IL"),
                editConfigurationFilePut(session, "addresses", "127.0.0.1:" + port),
                editConfigurationFilePut(session, "accessKeyId", ACCESS_KEY),
                editConfigurationFilePut(session, "secretKey", SECRET));
    }
}
