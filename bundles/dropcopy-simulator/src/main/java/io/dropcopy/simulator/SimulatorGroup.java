package io.dropcopy.simulator;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulators of one process or one configuration, started and stopped together: several target sessions
 * (groups), and each MSGW target session expanded into one {@link CmeSimulator} per market segment
 * ({@link SimulatorConfig#forSegment}). Checks up front that no two of them share a name, a listening address or a
 * store directory.
 */
public final class SimulatorGroup implements AutoCloseable {
    private final List<CmeSimulator> members = new ArrayList<>();

    /**
     * @throws ConfigException when two simulators would share a name, an address or a store
     */
    public SimulatorGroup(List<SimulatorConfig> sessions) {
        List<SimulatorConfig> all = new ArrayList<>();
        for (SimulatorConfig c : sessions) {
            all.addAll(expand(c));
        }
        Map<String, String> names = new HashMap<>();
        Map<String, String> addresses = new HashMap<>();
        Map<Path, String> stores = new HashMap<>();
        for (SimulatorConfig c : all) {
            String name = c.displayName();
            if (names.put(name, name) != null) {
                throw new ConfigException(SimulatorConfig.NAME, "two simulators are named '" + name + "': give each"
                        + " session its own name");
            }
            claim(addresses, c.host(), c.port(), name, SimulatorConfig.PORT);
            if (c.backupPort() > 0) {
                claim(addresses, c.backupHost(), c.backupPort(), name + " (backup)", SimulatorConfig.BACKUP_PORT);
            }
            String other = stores.put(c.storeDir().toAbsolutePath().normalize(), name);
            if (other != null) {
                throw new ConfigException(SimulatorConfig.STORE_DIR, name + " and " + other + " would share the store "
                        + c.storeDir() + ": give each its own");
            }
        }
        for (SimulatorConfig c : all) {
            members.add(new CmeSimulator(c));
        }
    }

    /** One configuration per gateway: the session itself, or one per MSGW market segment. */
    public static List<SimulatorConfig> expand(SimulatorConfig config) {
        if (config.segments().isEmpty() || config.segmentId() != null) {
            return List.of(config);
        }
        List<SimulatorConfig> list = new ArrayList<>();
        for (int i = 0; i < config.segments().size(); i++) {
            list.add(config.forSegment(i));
        }
        return list;
    }

    private static void claim(Map<String, String> addresses, String host, int port, String who, String key) {
        String h;
        try {
            h = InetAddress.getByName(host).getHostAddress();
        } catch (UnknownHostException e) {
            h = host;
        }
        String other = addresses.put(h + ":" + port, who);
        if (other != null) {
            throw new ConfigException(key, who + " and " + other + " would both listen on " + host + ":" + port
                    + ": give each its own port");
        }
    }

    /**
     * Starts every simulator; when one cannot start, those already started are stopped again.
     *
     * @throws IllegalStateException naming the simulator that could not start
     */
    public void start() {
        List<CmeSimulator> started = new ArrayList<>();
        try {
            for (CmeSimulator s : members) {
                s.start();
                started.add(s);
            }
        } catch (RuntimeException e) {
            for (CmeSimulator s : started) {
                s.stop();
            }
            throw e;
        }
    }

    public void stop() {
        for (CmeSimulator s : members) {
            s.stop();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The expected ledgers of every member (every target session and MSGW segment) as one snapshot. */
    public ExpectedLedger expectedLedger() {
        List<ExpectedLedger> ledgers = new ArrayList<>();
        for (CmeSimulator s : members) {
            ledgers.add(s.expectedLedger());
        }
        return ExpectedLedger.merge(ledgers);
    }

    /** The simulators, one per gateway (segments expanded), in configuration order. */
    public List<CmeSimulator> members() {
        return List.copyOf(members);
    }

    /** The simulator of that name. */
    public CmeSimulator get(String name) {
        for (CmeSimulator s : members) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no simulator named '" + name + "'");
    }
}
