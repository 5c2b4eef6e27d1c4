package io.dropcopy.cluster.zookeeper;

import io.dropcopy.session.api.GroupOwnership;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group ownership by leader election on ZooKeeper, through Camel's cluster service: one view (namespace
 * {@code dropcopy-GROUP}) per group this node consumes; the view's leader owns the group.
 *
 * <p>Safety: a node reports ownership only while its ZooKeeper connection is up. When the connection is suspended
 * (no answer for 2/3 of the session timeout) it reports the loss at once and the hub logs out, while ZooKeeper
 * only lets another node win once the session has expired (the full timeout): the remaining third is the margin in
 * which the old owner logs out before the new one logs on. Ownership is re-evaluated on every leadership event,
 * every connection change and once a second, on one thread, so listeners hear one change at a time.
 */
public final class ZooKeeperOwnership implements GroupOwnership, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperOwnership.class);
    /** Camel's cluster namespaces of the groups: dropcopy-GROUP. */
    public static final String NAMESPACE_PREFIX = "dropcopy-";

    /** What the cluster needs; see etc/io.dropcopy.cluster.cfg. */
    public static final class Settings {
        public String zookeeper;
        public String nodeId;
        public String basePath = "/dropcopy";
        public long sessionTimeoutMs = 6_000;
        public long connectionTimeoutMs = 5_000;

        public Settings(String zookeeper, String nodeId) {
            this.zookeeper = Objects.requireNonNull(zookeeper, "zookeeper");
            this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        }
    }

    private final Settings settings;
    private final List<Member> members = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService thread;
    private volatile boolean connected;
    private CuratorFramework curator;
    private org.apache.camel.CamelContext camelContext;

    public ZooKeeperOwnership(Settings settings) {
        this.settings = settings;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dropcopy-cluster-" + settings.nodeId);
            t.setDaemon(true);
            return t;
        });
    }

    /** Connects (in the background: an unreachable ZooKeeper only delays ownership, it never grants it). */
    public void start() throws Exception {
        // Our own Curator client (Camel's service would keep its own out of reach): we watch its connection.
        curator = CuratorFrameworkFactory.builder().connectString(settings.zookeeper)
                .sessionTimeoutMs((int) settings.sessionTimeoutMs).connectionTimeoutMs((int) settings.connectionTimeoutMs)
                // bounded: a call made while ZooKeeper is away fails instead of blocking its caller (the ZooKeeper
                // client reconnects by itself; elections are joined again on reconnection)
                .retryPolicy(new ExponentialBackoffRetry(200, 3)).build();
        curator.getConnectionStateListenable().addListener((client, state) -> connection(state));
        curator.start();
        // The cluster services want a CamelContext (for their views); a bare one, never started, is enough.
        camelContext = new org.apache.camel.impl.DefaultCamelContext(false);
        connected = curator.getZookeeperClient().isConnected();
        thread.scheduleWithFixedDelay(this::evaluateAll, 1, 1, TimeUnit.SECONDS);
        LOG.info("Drop copy cluster: node {} on ZooKeeper {} (base path {}, session timeout {} ms)", settings.nodeId,
                settings.zookeeper, settings.basePath, settings.sessionTimeoutMs);
    }

    @Override
    public AutoCloseable join(String group, Listener listener) throws Exception {
        Member member = new Member(group, new Election(group), listener);
        members.add(member);
        member.listen(member.election);
        thread.execute(member::evaluate);
        LOG.info("Drop copy cluster: node {} joined the election of group {}", settings.nodeId, group);
        return member;
    }

    @Override
    public String describe() {
        return "zookeeper " + settings.zookeeper + " as " + settings.nodeId;
    }

    @Override
    public Optional<String> owner(String group) {
        if (!connected) {
            return Optional.empty();
        }
        for (Member m : members) {
            if (m.group.equals(group)) {
                try {
                    return m.election.view.getLeader().map(CamelClusterMember::getId);
                } catch (RuntimeException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public int members(String group) {
        if (!connected) {
            return 1;
        }
        for (Member m : members) {
            if (m.group.equals(group)) {
                try {
                    return Math.max(1, m.election.view.getMembers().size());
                } catch (RuntimeException e) {
                    return 1;
                }
            }
        }
        return 1;
    }

    private void connection(ConnectionState state) {
        LOG.info("Drop copy cluster: node {}: ZooKeeper connection {}", settings.nodeId, state);
        connected = state.isConnected();
        if (state == ConnectionState.RECONNECTED || state == ConnectionState.CONNECTED) {
            // Camel's view does not queue again after its leadership was cancelled by a suspension: join again.
            thread.execute(() -> members.forEach(Member::rejoin));
        }
        thread.execute(this::evaluateAll);
    }

    private void evaluateAll() {
        members.forEach(Member::evaluate);
    }

    @Override
    public void close() {
        members.forEach(Member::close);
        thread.shutdownNow();
        if (curator != null) {
            curator.close();
        }
    }

    /**
     * One place in one group's election: a cluster service of its own (on the shared Curator client) and its view.
     * Never started twice: Camel's view, stopped and started again, requeues the same Curator LeaderSelector, which
     * does nothing while that selector's previous leadership is still being given up (the node then believes for a
     * moment that it still leads, and afterwards is in no election at all: found by TwoAssemblyTakeoverTest after a
     * rebalancing hand-over). Leaving closes the selector; joining again makes a new one, queued behind the others.
     */
    private final class Election {
        final ZooKeeperClusterService service = new ZooKeeperClusterService();
        final CamelClusterView view;

        Election(String group) throws Exception {
            service.setCamelContext(camelContext);
            service.setId(settings.nodeId);
            service.setBasePath(settings.basePath);
            service.setCuratorFramework(curator); // not closed by the service: not its own
            service.start();
            view = service.getView(NAMESPACE_PREFIX + group);
        }

        /** Gives up leadership and the place in the queue (ZooKeeper is told in the background). */
        void close(CamelClusterEventListener listener) throws Exception {
            view.removeEventListener(listener);
            service.releaseView(view);
            org.apache.camel.support.service.ServiceHelper.stopAndShutdownServices(view, service);
        }
    }

    /** This node in one group's election. */
    private final class Member implements CamelClusterEventListener.Leadership, AutoCloseable {
        final String group;
        volatile Election election;
        final Listener listener;
        volatile boolean closed;
        /** Last reported, only touched on the ownership thread. */
        boolean owned;

        Member(String group, Election election, Listener listener) {
            this.group = group;
            this.election = election;
            this.listener = listener;
        }

        /**
         * Camel tells a new listener the current leader at once, asking ZooKeeper: never on the caller's thread (it
         * may hold the hub) nor on the ownership thread (it must report a loss without delay).
         */
        void listen(Election e) {
            Thread register = new Thread(() -> {
                try {
                    e.view.addEventListener(this);
                } catch (RuntimeException ex) {
                    LOG.debug("Drop copy cluster: group {}: leadership events not registered ({}); polled instead",
                            group, ex.toString());
                }
            }, "dropcopy-cluster-listen-" + group);
            register.setDaemon(true);
            register.start();
        }

        @Override
        public void leadershipChanged(CamelClusterView view, Optional<CamelClusterMember> leader) {
            if (!thread.isShutdown()) {
                thread.execute(this::evaluate);
            }
        }

        void evaluate() {
            if (closed) {
                return; // the caller logged out before leaving
            }
            boolean now = connected && election.view.getLocalMember().isLeader();
            if (now == owned) {
                return;
            }
            owned = now;
            try {
                listener.ownershipChanged(now);
            } catch (RuntimeException e) {
                LOG.error("Drop copy cluster: group {}: the ownership listener failed: {}", group, e.toString(), e);
            }
        }

        /** A new place in the election (after a reconnection: Camel's view does not queue again by itself). */
        void rejoin() {
            Election old = election;
            if (closed || old.view.getLocalMember().isLeader()) {
                return;
            }
            try {
                Election next = new Election(group);
                election = next;
                listen(next);
                old.close(this);
            } catch (Exception e) {
                LOG.warn("Drop copy cluster: group {}: joining the election again failed: {}", group, e.toString());
            }
        }

        /**
         * Leaves at once while ZooKeeper is reachable (so a rejoin queues behind the standbys); without ZooKeeper,
         * Camel's view would block on it, so it is left in the background (this node owns nothing meanwhile).
         */
        @Override
        public void close() {
            closed = true;
            members.remove(this);
            if (connected) {
                release();
            } else {
                Thread t = new Thread(this::release, "dropcopy-cluster-leave-" + group);
                t.setDaemon(true);
                t.start();
            }
        }

        private void release() {
            try {
                election.close(this);
                LOG.info("Drop copy cluster: node {} left the election of group {}", settings.nodeId, group);
            } catch (Exception e) {
                LOG.warn("Drop copy cluster: group {}: leaving the election failed: {}", group, e.toString());
            }
        }
    }
}
