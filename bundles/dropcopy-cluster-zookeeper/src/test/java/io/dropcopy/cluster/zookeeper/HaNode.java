package io.dropcopy.cluster.zookeeper;

import io.dropcopy.session.api.DropCopyHub;
import io.dropcopy.session.api.EmbeddedSession;
import io.dropcopy.session.api.GroupOwnership;
import io.dropcopy.session.api.SessionBuilder;
import io.dropcopy.sink.jdbc.JdbcSink;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One drop copy node in its own JVM, for the two-node takeover test: the session layer assembled by SessionBuilder, the
 * ZooKeeper group ownership, the sequence store and the JDBC sink in one shared PostgreSQL. Tells the test what happens
 * on stdout ("OWNED true|false MILLIS", "FIRST MILLIS" for its first processed message, "READY") and exits when
 * its stdin closes (the test is gone), so nothing outlives the test.
 *
 * <p>Arguments: nodeId zookeeper jdbcUrl simulatorPort storeDir sessionTimeoutMs
 */
public final class HaNode {
    public static void main(String[] args) throws Exception {
        String nodeId = args[0];
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(args[2]);
        ds.setUser("postgres");

        ZooKeeperOwnership.Settings settings = new ZooKeeperOwnership.Settings(args[1], nodeId);
        settings.sessionTimeoutMs = Long.parseLong(args[5]);
        ZooKeeperOwnership zk = new ZooKeeperOwnership(settings);
        zk.start();
        DropCopyHub hub = SessionBuilder.newHub(new GroupOwnership() {
            @Override
            public AutoCloseable join(String group, Listener listener) throws Exception {
                return zk.join(group, owned -> {
                    say("OWNED " + owned + " " + System.currentTimeMillis());
                    listener.ownershipChanged(owned);
                });
            }

            @Override
            public String describe() {
                return zk.describe();
            }
        });

        Map<String, Object> p = new HashMap<>();
        p.put("name", "demo");
        p.put("group", "DEMO");
        p.put("senderCompId", "DEMO01N");
        p.put("senderSubId", "OPS1");
        p.put("senderLocationId", "US,IL");
        p.put("addresses", "127.0.0.1:" + args[3]);
        p.put("reconnectInterval", "1");
        p.put("heartbeatInterval", "30");
        p.put("accessKeyId", "DEMO-ACCESS-KEY-0001");
        p.put("secretKey", "2HlZ7exg8jTKltXnURjKvm3GS5iF5n4ClzHiEm_ocv4");
        p.put("store", "jdbc");
        p.put("storeDir", args[4]);
        EmbeddedSession session = SessionBuilder.configuration(p).dataDir(Paths.get(args[4])).dataSource(ds).hub(hub)
                .build();
        session.start();

        JdbcSink sink = new JdbcSink("ha-" + nodeId, ds);
        AtomicBoolean first = new AtomicBoolean(true);
        hub.subscribe("DEMO", event -> {
            sink.write(event);
            if (first.compareAndSet(true, false)) {
                say("FIRST " + System.currentTimeMillis());
            }
        });
        say("READY");
        while (System.in.read() >= 0) {
            // the test holds our stdin open while it runs
        }
        say("STOPPING duplicates=" + sink.duplicates() + " stored=" + sink.stored());
        hub.drain("the test"); // logs out, then leaves the election, as a stopping Karaf node does
        session.close();
        zk.close();
        System.exit(0);
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
