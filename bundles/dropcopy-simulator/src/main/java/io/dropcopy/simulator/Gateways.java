package io.dropcopy.simulator;

import io.dropcopy.fix.MaskingLogFactory;
import io.dropcopy.model.FixMessageBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.mina.core.filterchain.IoFilter;
import org.apache.mina.core.service.IoAcceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Application;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.FileStoreFactory;
import quickfix.SLF4JLogFactory;
import quickfix.Session;
import quickfix.SessionSettings;
import quickfix.SocketAcceptor;

/**
 * CME's gateways of one target session: the primary and, with CGW, a backup on a second address of the same
 * acceptor (so the same session, sequence stream and store). Only the active one admits Logons; the standby answers
 * "Backup session not allowed". A gateway goes down (not listening) and up again; a failover makes the standby the
 * active one. The callers hold the simulator's monitor.
 */
final class Gateways implements GatewayGate.Gateway {
    private static final Logger LOG = LoggerFactory.getLogger(Gateways.class);
    private static final int TEXT = 58;
    private static final int NEXT_EXPECTED_MSG_SEQ_NUM = 789;

    private final CmeSimulator sim;
    private final SimulatorConfig config;
    private final WireFilter wire;
    private final Object streamLock;
    private volatile SocketAddress primaryAddress;
    private volatile SocketAddress backupAddress;
    /** True after a failover to the backup: the backup is the active gateway, the primary the standby. */
    private volatile boolean backupActive;
    private final AtomicLong failovers = new AtomicLong();
    private volatile Instant downUntil;
    private ScheduledFuture<?> upAgain;
    private List<SocketAddress> listening = List.of();

    Gateways(CmeSimulator sim, WireFilter wire, Object streamLock) {
        this.sim = sim;
        this.config = sim.config();
        this.wire = wire;
        this.streamLock = streamLock;
    }

    /**
     * Creates and starts QuickFIX/J's acceptor for {@code app} with {@code filters} (by name, in this order) between
     * its codec and its session, takes its addresses as the primary's and binds the backup's when one is configured.
     * On failure nothing is left listening.
     */
    SocketAcceptor open(Application app, SessionSettings settings, Map<String, IoFilter> filters)
            throws ConfigError, IOException {
        SocketAcceptor a = new SocketAcceptor(app, new FileStoreFactory(settings), settings,
                new MaskingLogFactory(new SLF4JLogFactory(settings)), new DefaultMessageFactory());
        a.setIoFilterChainBuilder(chain -> filters.forEach(chain::addLast));
        try {
            a.start();
            bind(a);
            return a;
        } catch (ConfigError | IOException | RuntimeException e) {
            // A failed bind leaves QuickFIX/J's session and timer behind. QuickFIX/J 2.3.1's stop() then
            // throws a NullPointerException (no message thread yet), after having cleaned up in a finally.
            try {
                a.stop(true);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private void bind(SocketAcceptor a) throws IOException {
        List<SocketAddress> addresses = new ArrayList<>();
        for (IoAcceptor io : a.getEndpoints()) {
            addresses.addAll(io.getLocalAddresses());
        }
        primaryAddress = addresses.isEmpty() ? null : addresses.get(0);
        backupAddress = null;
        backupActive = false;
        if (config.backupPort() > 0) {
            // the backup gateway: the same acceptor (so the same session, sequence stream and store) on a
            // second address; the gate refuses Logons on whichever address is not active
            SocketAddress backup = new InetSocketAddress(config.backupHost(), config.backupPort());
            IoAcceptor io = a.getEndpoints().iterator().next();
            io.bind(backup);
            for (SocketAddress bound : io.getLocalAddresses()) {
                if (!addresses.contains(bound)) {
                    backupAddress = bound;
                    addresses.add(bound);
                }
            }
        }
        listening = List.copyOf(addresses);
    }

    /** Forgets a pending "up again" (the simulator stops). */
    void stopped() {
        downUntil = null;
        upAgain = null;
    }

    /**
     * With a backup, makes the standby the active gateway (counted as a failover) and returns true; without one,
     * false. Called under the stream's lock, with the sequence jump.
     */
    boolean switchActive() {
        if (backupAddress == null) {
            return false;
        }
        backupActive = !backupActive;
        failovers.incrementAndGet();
        return true;
    }

    /** The active gateway goes down for {@code duration}; see {@link CmeSimulator#primaryDown}. */
    void down(SocketAcceptor a, ScheduledExecutorService scheduler, Duration duration, Runnable up) throws IOException {
        SocketAddress down = activeAddress();
        if (backupAddress == null) {
            for (IoAcceptor io : a.getEndpoints()) {
                io.unbind();
            }
            wire.closeNow();
        } else {
            // CGW: the active gateway goes down, the standby takes over with CME's sequence jump
            Session s = sim.requireSession();
            for (IoAcceptor io : a.getEndpoints()) {
                io.unbind(down);
            }
            synchronized (streamLock) {
                wire.closeNow();
                switchActive();
                s.setNextSenderMsgSeqNum(s.getExpectedSenderNum() + config.failoverJump());
            }
        }
        downUntil = Instant.now().plus(duration);
        if (upAgain != null) {
            upAgain.cancel(false);
        }
        upAgain = scheduler.schedule(up, duration.toMillis(), TimeUnit.MILLISECONDS);
        if (backupAddress == null) {
            LOG.warn("Simulator {}: primary down for {} (not listening on {})", name(), duration, listening);
        } else {
            LOG.warn("Simulator {}: gateway {} down for {}; the {} {} takes over, sequence +{}", name(),
                    CmeSimulator.addressText(down), duration, activeRole(), CmeSimulator.addressText(activeAddress()),
                    config.failoverJump());
        }
    }

    /** Listens again on every address that is down. */
    void up(SocketAcceptor a) {
        downUntil = null;
        if (upAgain != null) {
            upAgain.cancel(false);
            upAgain = null;
        }
        if (a == null) {
            return;
        }
        for (IoAcceptor io : a.getEndpoints()) {
            List<SocketAddress> missing = new ArrayList<>(listening);
            missing.removeAll(io.getLocalAddresses());
            if (missing.isEmpty()) {
                continue;
            }
            try {
                if (io instanceof org.apache.mina.transport.socket.SocketAcceptor && io.getLocalAddresses().isEmpty()) {
                    // (MINA allows it only while nothing is bound: with a backup still up, the OS default applies)
                    ((org.apache.mina.transport.socket.SocketAcceptor) io).setReuseAddress(true);
                }
                io.bind(missing);
                LOG.info("Simulator {}: listening again on {}", name(), missing);
            } catch (IOException | RuntimeException e) {
                LOG.error("Simulator {}: cannot listen again on {}", name(), missing, e);
            }
        }
    }

    Instant downUntil() {
        return downUntil;
    }

    SocketAddress activeAddress() {
        return backupActive && backupAddress != null ? backupAddress : primaryAddress;
    }

    SocketAddress primaryAddress() {
        return primaryAddress;
    }

    SocketAddress backupAddress() {
        return backupAddress;
    }

    String activeRole() {
        return backupActive && backupAddress != null ? "backup" : "primary";
    }

    long failovers() {
        return failovers.get();
    }

    // ---- the gate: which connection may log on ---------------------------------------------------------------

    @Override
    public boolean admits(SocketAddress local) {
        SocketAddress backup = backupAddress;
        if (backup == null || !(local instanceof InetSocketAddress)) {
            return true;
        }
        SocketAddress active = activeAddress();
        return active instanceof InetSocketAddress
                && ((InetSocketAddress) active).getPort() == ((InetSocketAddress) local).getPort();
    }

    /**
     * CME's answer to a Logon on the standby gateway: Logout, 58 "Backup session not allowed. Logout forced.", 789
     * the sequence number expected from the client. It takes an outbound sequence number of the shared stream
     * (stored nowhere: a resend gap-fills it), so a client that counted it is in step with the active gateway.
     */
    @Override
    public String refusal(String logon) {
        Session s = sim.session();
        int seq;
        int expected;
        synchronized (streamLock) {
            seq = s == null ? 1 : s.getExpectedSenderNum();
            expected = s == null ? 1 : s.getExpectedTargetNum();
            if (s != null) {
                try {
                    s.setNextSenderMsgSeqNum(seq + 1);
                } catch (IOException e) {
                    LOG.warn("Simulator {}: cannot store the sequence number of a refusal", name(), e);
                }
            }
        }
        String clientSub = GatewayGate.field(logon, "50");
        return new FixMessageBuilder(CmeSimulator.BEGIN_STRING, "5").add(34, seq).add(49, config.senderCompId())
                .add(50, config.senderSubId()).add(52, SyntheticOrders.UTC_TIMESTAMP.format(Instant.now()))
                .add(56, config.targetCompId()).add(57, clientSub).add(TEXT, SimulatorControl.BACKUP_NOT_ALLOWED)
                .add(NEXT_EXPECTED_MSG_SEQ_NUM, expected).build();
    }

    @Override
    public int expectedTargetSeqNum() {
        return sim.nextTargetSeqNum();
    }

    @Override
    public void logoutClient(String text) {
        Session s = sim.session();
        if (s != null && s.isLoggedOn()) {
            sim.forceLogout(text);
        } else {
            wire.closeNow();
        }
    }

    @Override
    public ScheduledExecutorService scheduler() {
        return sim.scheduler();
    }

    @Override
    public Duration logonTimeout() {
        return config.logonTimeout();
    }

    @Override
    public String name() {
        return config.displayName();
    }
}
