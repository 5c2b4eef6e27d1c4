package io.dropcopy.simulator;

import io.dropcopy.fix.CmeDictionary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.filterchain.IoFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.ConfigError;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SocketAcceptor;

/**
 * What a started {@link CmeSimulator} runs: the message source, the QuickFIX/J acceptor on its gateways with the
 * wire filters, its session and the fault scheduler; brought up and torn down as one.
 */
final class SimulatorRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(CmeSimulator.class);

    private final CmeSimulator simulator;
    private final SimulatorConfig config;
    private final SessionID sessionId;
    private final WireFilter wire;
    private final Traffic traffic;
    private final Gateways gateways;
    private final CmeSessionApplication application;
    private final GatewayGate gate;
    private final LogonWatch logonWatch;

    private volatile SocketAcceptor acceptor;
    private volatile ScheduledExecutorService scheduler;
    private volatile Session session;

    SimulatorRuntime(CmeSimulator simulator, SessionID sessionId, WireFilter wire, Traffic traffic, Gateways gateways,
                     CmeSessionApplication application, GatewayGate gate, LogonWatch logonWatch) {
        this.simulator = simulator;
        this.config = simulator.config();
        this.sessionId = sessionId;
        this.wire = wire;
        this.traffic = traffic;
        this.gateways = gateways;
        this.application = application;
        this.gate = gate;
        this.logonWatch = logonWatch;
    }

    Session session() {
        return session;
    }

    SocketAcceptor acceptor() {
        return acceptor;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /**
     * Listens on host:port and starts the generator (which waits for a logon).
     *
     * @throws IllegalStateException when the store cannot be read or the port cannot be bound
     */
    synchronized void start() {
        if (acceptor != null) {
            return;
        }
        MessageSource src = null;
        try {
            Files.createDirectories(config.storeDir());
            src = openSource();
            Path dictionary = CmeDictionary.writeTo(config.storeDir());
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "dropcopy-simulator-faults-" + config.displayName());
                t.setDaemon(true);
                return t;
            });
            wire.reopen();
            // between QuickFIX/J's codec and its session, in this order: the wire faults and the recorder see every message
            Map<String, IoFilter> filters = new LinkedHashMap<>();
            filters.put("dropcopy-simulator-gateway", gate);
            filters.put("dropcopy-simulator-logons", logonWatch);
            filters.put("dropcopy-simulator-wire", wire);
            acceptor = gateways.open(application, CmeSessionApplication.settings(config, sessionId, dictionary), filters);
            // this connector's own session, not QuickFIX/J's JVM-wide registry (Session.lookupSession)
            session = acceptor.getManagedSessions().stream().filter(x -> sessionId.equals(x.getSessionID()))
                    .findFirst().orElseThrow(() -> new ConfigError("no session " + sessionId));
            if (config.record() != null) {
                simulator.startRecording(config.record());
            }
        } catch (IOException | ConfigError | RuntimeException e) {
            if (acceptor != null) {
                try {
                    acceptor.stop(true);
                } catch (RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
                acceptor = null;
            }
            Traffic.closeQuietly(src);
            wire.shutdown();
            session = null;
            if (scheduler != null) {
                scheduler.shutdownNow();
                scheduler = null;
            }
            throw new IllegalStateException("cannot start the drop copy simulator on " + addressText() + " (store "
                    + config.storeDir() + "): " + rootMessage(e), e);
        }
        if (config.disconnectEvery() > 0) {
            long every = Math.max(1, (long) (config.disconnectEvery() * 1000));
            scheduler.scheduleAtFixedRate(() -> {
                if (simulator.isLoggedOn()) {
                    LOG.warn("Simulator {}: periodic disconnect (disconnectEvery={} s)", config.displayName(), config.disconnectEvery());
                    wire.closeNow();
                }
            }, every, every, TimeUnit.MILLISECONDS);
        }
        traffic.start(src);
        SimulatorRegistry.register(simulator);
        LOG.info("Drop copy simulator {} listening on {} for {} (next: {}, {} msg/s, orders {}, store {})",
                config.displayName(), addressText(), sessionId, src.position(), simulator.rateText(), ordersText(),
                config.storeDir());
    }

    private MessageSource openSource() throws IOException {
        MessageSource s = openUnfiltered();
        return config.segmentId() == null ? s : new SegmentFilter(s, config);
    }

    private MessageSource openUnfiltered() throws IOException {
        if (config.replay() != null) {
            return new MessageSource.Replay(config.replay(), config.replaySpeed());
        }
        if (config.scenario() == SimulatorConfig.Scenario.REALISTIC) {
            return new MessageSource.Realistic(config.storeDir().resolve(MessageSource.Realistic.FILE_NAME),
                    config.seed(), config.orders(), config.ilink3Payloads());
        }
        return new MessageSource.Default(config.storeDir().resolve(GeneratorState.FILE_NAME), config.orders());
    }

    /** Stops the generator (saving its position), logs the client out and closes the port. Idempotent. */
    synchronized void stop() {
        traffic.stop();
        ScheduledExecutorService sch = scheduler;
        scheduler = null;
        if (sch != null) {
            sch.shutdownNow();
        }
        SimulatorRegistry.unregister(simulator);
        SocketAcceptor a = acceptor;
        acceptor = null;
        gateways.stopped();
        if (a != null) {
            a.stop(false);
            LOG.info("Drop copy simulator for {} stopped after sending {} messages (next: {})", sessionId,
                    traffic.sent(), traffic.position());
        }
        session = null;
        simulator.stopRecording();
        wire.shutdown();
        traffic.close();
    }

    private String addressText() {
        StringBuilder b = new StringBuilder(config.host() + ":" + config.port());
        if (config.backupPort() > 0) {
            b.append(" (backup ").append(config.backupHost()).append(':').append(config.backupPort()).append(')');
        }
        return b.toString();
    }

    private String ordersText() {
        return config.orders() > 0 ? String.valueOf(config.orders()) : "unlimited";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t + ")";
    }
}
