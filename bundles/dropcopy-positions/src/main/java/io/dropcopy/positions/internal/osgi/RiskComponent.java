package io.dropcopy.positions.internal.osgi;

import io.dropcopy.positions.Alert;
import io.dropcopy.positions.Position;
import io.dropcopy.positions.PositionService;
import io.dropcopy.positions.RiskListener;
import io.dropcopy.positions.SessionView;
import io.dropcopy.positions.TapeEntry;
import io.dropcopy.positions.internal.Limits;
import io.dropcopy.positions.internal.RiskEngine;
import io.dropcopy.positions.internal.Startup;
import io.dropcopy.session.api.DropCopyHub;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OSGi glue: the configuration (validated, hot-reloaded), the hub watcher, the start-up read of the journal and the
 * once-a-second tick. Everything else is {@link RiskEngine}. Also a {@code Supplier<String>} with property
 * {@code dropcopy.metrics=prometheus}: the alerts' counters, which dropcopy-metrics appends to /dropcopy/metrics
 * (neither bundle imports the other).
 */
@Component(service = {PositionService.class, Supplier.class}, configurationPid = RiskComponent.PID, immediate = true,
        property = "dropcopy.metrics=prometheus")
@Designate(ocd = RiskConfig.class)
public class RiskComponent implements PositionService, Supplier<String> {
    static final String PID = "io.dropcopy.positions";
    private static final Logger LOG = LoggerFactory.getLogger(RiskComponent.class);

    @Reference
    private DropCopyHub hub;

    private RiskEngine engine;
    private Startup startup;
    private HubWatcher watcher;
    private ScheduledExecutorService timer;

    @Activate
    void activate(RiskConfig config) {
        engine = new RiskEngine(System::currentTimeMillis);
        configure(config);
        startup = new Startup(engine);
        watcher = new HubWatcher(hub, startup::onEvent);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dropcopy-positions");
            t.setDaemon(true);
            return t;
        });
        Path dir = Paths.get(resolve(config.journalDirectory()));
        int days = Math.max(1, config.replayDays());
        timer.execute(() -> {
            try {
                watcher.poll(); // observe first: what arrives while the journal is read waits, then counts once
                watcher.takeNewGroups();
                startup.replay(dir, days);
            } catch (RuntimeException | Error e) {
                LOG.error("Positions: start-up failed", e);
            }
        });
        long[] last = {-1};
        timer.scheduleAtFixedRate(() -> {
            try {
                List<SessionView> sessions = watcher.poll();
                if (watcher.takeNewGroups()) {
                    // a group whose session came up after the start: its route may have journaled events before
                    // the observation began; read back again (what was applied already counts once)
                    startup.replay(dir, days);
                }
                long received = watcher.received();
                engine.messageRate(last[0] < 0 ? 0 : Math.max(0, received - last[0]));
                last[0] = received;
                engine.latencyTotals(watcher.latencyCount(), watcher.latencySeconds());
                engine.sessions(sessions);
                engine.tick();
            } catch (RuntimeException | Error e) {
                // an exception would end this periodic task for good
                LOG.warn("Positions: polling the sessions failed", e);
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    @Modified
    void modified(RiskConfig config) {
        configure(config);
    }

    private void configure(RiskConfig c) {
        engine.sessionDownAfter(Math.max(0, c.sessionDownAfterSeconds()) * 1000L);
        try {
            engine.configure(Limits.parse(c.maxLong(), c.maxShort(), c.maxFillQty(), c.maxFillsPerMinute(),
                    c.positionLimits(), c.expectedAccounts()));
        } catch (IllegalArgumentException e) {
            LOG.error("etc/{}.cfg refused, the previous limits stay: {}", PID, e.getMessage());
        }
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
        watcher.close();
    }

    /** ${karaf.data} and other system properties in a path. */
    static String resolve(String path) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < path.length()) {
            int start = path.indexOf("${", i);
            int end = start < 0 ? -1 : path.indexOf('}', start);
            if (end < 0) {
                out.append(path, i, path.length());
                break;
            }
            out.append(path, i, start);
            String name = path.substring(start + 2, end);
            out.append(System.getProperty(name, "data".equals(name) || "karaf.data".equals(name) ? "data" : ""));
            i = end + 1;
        }
        return out.toString();
    }

    /** Prometheus text: the alerts raised, cleared and active per type. */
    @Override
    public String get() {
        return engine.alertMetrics();
    }

    public Map<String, Long> counters() {
        return engine.counters();
    }

    /** True once the journal has been read back. */
    public boolean ready() {
        return startup.ready();
    }

    @Override
    public List<Position> positions(String group, String account, String symbol, String tradeDate) {
        return engine.positions(group, account, symbol, tradeDate);
    }

    @Override
    public List<Alert> alerts(boolean activeOnly) {
        return engine.alerts(activeOnly);
    }

    @Override
    public boolean acknowledge(String alertId, String operator) {
        return engine.acknowledge(alertId, operator);
    }

    @Override
    public List<TapeEntry> tape(int max) {
        return engine.tape(max);
    }

    @Override
    public List<TapeEntry> recentEvents(String group, String account, int max) {
        return engine.recentEvents(group, account, max);
    }

    @Override
    public List<SessionView> sessions() {
        return engine.sessions();
    }

    @Override
    public List<String> groups() {
        return engine.groups();
    }

    @Override
    public List<String> accounts() {
        return engine.accounts();
    }

    @Override
    public long[] messageRates() {
        return engine.messageRates();
    }

    @Override
    public long[] latencies() {
        return engine.latencies();
    }

    @Override
    public AutoCloseable listen(RiskListener listener) {
        return engine.listen(listener);
    }

}
