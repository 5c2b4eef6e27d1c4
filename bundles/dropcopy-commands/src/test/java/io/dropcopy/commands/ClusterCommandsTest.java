package io.dropcopy.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** dropcopy:cluster, drain and undrain against a hub that owns DEMO and stands by for OTHER. */
class ClusterCommandsTest {

    /** Owns DEMO, stands by for OTHER; no sessions. */
    private static final class ClusterHub extends InMemoryHub {
        boolean drained;
        String by;

        @Override
        public Map<String, String> groupOwnership() {
            Map<String, String> m = new TreeMap<>();
            m.put("DEMO", drained ? "DRAINED" : "OWNER");
            m.put("OTHER", drained ? "DRAINED" : "STANDBY");
            return m;
        }

        @Override
        public String ownershipDescription() {
            return "zookeeper zk1:2181 as node-a" + (drained ? " (drained)" : "");
        }

        @Override
        public Optional<String> groupOwner(String group) {
            return Optional.of(group.equals("DEMO") && !drained ? "node-a" : "node-b");
        }

        @Override
        public void drain(String operator) {
            drained = true;
            by = operator;
        }

        @Override
        public void undrain(String operator) {
            drained = false;
            by = operator;
        }

        @Override
        public boolean drained() {
            return drained;
        }
    }

    private final ClusterHub hub = new ClusterHub();

    private String run(HubAction action) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        action.hub = hub;
        action.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        action.execute();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void clusterShowsEachGroupsStateAndOwner() throws Exception {
        String out = run(new ClusterCommand());
        assertTrue(out.contains("Ownership: zookeeper zk1:2181 as node-a"), out);
        assertTrue(out.matches("(?s).*DEMO\\s+OWNER\\s+node-a.*"), out);
        assertTrue(out.matches("(?s).*OTHER\\s+STANDBY\\s+node-b.*"), out);
    }

    @Test
    void drainHandsTheOwnedGroupsOverAndUndrainRejoins() throws Exception {
        String out = run(new DrainCommand());
        assertTrue(hub.drained);
        assertEquals("console", hub.by, "no JAAS user, no shell session");
        assertTrue(out.contains("logged out of DEMO; left 2 election(s)"), out);
        assertTrue(out.contains("Standby nodes take over"), out);
        assertTrue(run(new DrainCommand()).contains("Already drained"));

        out = run(new UndrainCommand());
        assertTrue(!hub.drained);
        assertTrue(out.contains("joined 2 election(s)"), out);
        assertTrue(run(new UndrainCommand()).contains("Not drained"));
    }
}
