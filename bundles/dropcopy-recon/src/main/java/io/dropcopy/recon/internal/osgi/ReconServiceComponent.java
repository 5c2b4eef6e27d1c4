package io.dropcopy.recon.internal.osgi;

import io.dropcopy.recon.LoadResult;
import io.dropcopy.recon.ReconBreak;
import io.dropcopy.recon.Reconciliation;
import io.dropcopy.recon.internal.GroupRecon;
import io.dropcopy.recon.internal.JournalFeed;
import io.dropcopy.recon.internal.ReconService;
import io.dropcopy.recon.internal.TradeDates;
import io.dropcopy.session.api.DropCopyHub;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Reconciliation as an OSGi service, configured by {@code etc/io.dropcopy.recon.cfg} (every key has a default). */
@Component(service = Reconciliation.class, configurationPid = "io.dropcopy.recon",
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = ReconServiceComponent.Config.class)
public class ReconServiceComponent implements Reconciliation {

    @ObjectClassDefinition(name = "Drop copy reconciliation",
            description = "Reconciles the firm's fills against the drop copy, per group and trade date")
    public @interface Config {
        @AttributeDefinition(description = "Directory of the reconciliation journal (recon/<group>/) and the reports"
                + " (reports/<group>/<tradeDate>/), relative to Karaf's home")
        String dataDir() default "data/dropcopy";

        @AttributeDefinition(description = "Seconds a fill may stay unmatched (or a difference unresolved) before its"
                + " break is raised")
        long delaySeconds() default 60;

        @AttributeDefinition(description = "Time of day the trading day ends and the trade date rolls (HH:mm)")
        String tradeDateRoll() default "17:00";

        @AttributeDefinition(description = "Time zone of tradeDateRoll")
        String tradeDateZone() default "America/Chicago";

        @AttributeDefinition(description = "Where the drop copy side comes from: session (subscribe to the group's"
                + " events) or journal (read the file sink's JSON-lines journal under journalDir)")
        String source() default "session";

        @AttributeDefinition(description = "The file sink's directory (source=journal): <journalDir>/<group>/<date>.jsonl")
        String journalDir() default "data/dropcopy";

        @AttributeDefinition(description = "Groups reconciled from the start (comma separated); a group used by a"
                + " dropcopy-recon endpoint or with a journal is reconciled anyway", required = false)
        String groups() default "";

        @AttributeDefinition(description = "Write each trade date's report when its trading day ends")
        boolean reportAtEndOfDay() default true;

        @AttributeDefinition(description = "Force each journal record to disk before it counts (fsync)")
        boolean fsync() default true;

        @AttributeDefinition(description = "Milliseconds between checks for due breaks and ended days")
        long tickMillis() default 1000;

        @AttributeDefinition(description = "Trade dates whose reconciliation state (and journal) is kept: the current"
                + " one and the days before it, calendar days; older ones are dropped after their report. 0 keeps all")
        int keepDays() default 7;
    }

    private final SessionFeed sessions = new SessionFeed(true);
    private final SessionFeed facts = new SessionFeed(false);
    /** Break listeners (Camel consumers): kept across reconfigurations, subscribed again to each new service. */
    private final Map<Consumer<ReconBreak>, String> listeners = new LinkedHashMap<>();
    private final Map<Consumer<ReconBreak>, AutoCloseable> subscriptions = new LinkedHashMap<>();
    private volatile ReconService service;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setHub(DropCopyHub hub) {
        sessions.hub(hub);
        facts.hub(hub);
    }

    void unsetHub(DropCopyHub hub) {
        sessions.hub(null);
        facts.hub(null);
    }

    @Activate
    @Modified
    synchronized void configure(Config config) throws IOException {
        String[] roll = config.tradeDateRoll().split(":");
        if (roll.length != 2) {
            throw new IllegalArgumentException("tradeDateRoll must be HH:mm, got '" + config.tradeDateRoll() + "'");
        }
        if (config.delaySeconds() < 0 || config.tickMillis() < 10) {
            throw new IllegalArgumentException("delaySeconds must be >= 0 and tickMillis >= 10");
        }
        TradeDates dates = new TradeDates(ZoneId.of(config.tradeDateZone()),
                LocalTime.of(Integer.parseInt(roll[0].trim()), Integer.parseInt(roll[1].trim())));
        GroupRecon.Settings settings = new GroupRecon.Settings(Path.of(config.dataDir()),
                config.delaySeconds() * 1000, dates, config.fsync());
        ReconService.Feed feed;
        if ("journal".equalsIgnoreCase(config.source())) {
            feed = new JournalFeed(Path.of(config.journalDir()));
        } else if ("session".equalsIgnoreCase(config.source())) {
            feed = sessions;
        } else {
            throw new IllegalArgumentException("source must be session or journal, got '" + config.source() + "'");
        }
        List<String> groups = new ArrayList<>();
        for (String g : config.groups().split(",")) {
            if (!g.isBlank()) {
                groups.add(g.strip());
            }
        }
        stop();
        ReconService next = new ReconService(settings, System::currentTimeMillis, feed, facts, config.reportAtEndOfDay())
                .keepDays(config.keepDays());
        next.start(groups, config.tickMillis());
        service = next;
        for (Map.Entry<Consumer<ReconBreak>, String> l : listeners.entrySet()) {
            subscriptions.put(l.getKey(), next.subscribe(l.getValue(), l.getKey()));
        }
    }

    @Deactivate
    synchronized void stop() {
        for (AutoCloseable s : subscriptions.values()) {
            try {
                s.close();
            } catch (Exception e) {
                // the service is closed next
            }
        }
        subscriptions.clear();
        sessions.closeAll();
        ReconService old = service;
        service = null;
        if (old != null) {
            old.close();
        }
    }

    private ReconService service() {
        ReconService s = service;
        if (s == null) {
            throw new IllegalStateException("dropcopy-recon is not running (stopped, or its configuration is invalid)");
        }
        return s;
    }

    @Override
    public LoadResult submitFirmFills(String group, String body, String format, String source) throws IOException {
        return service().submitFirmFills(group, body, format, source);
    }

    @Override
    public List<ReconBreak> openBreaks(String group) {
        return service().openBreaks(group);
    }

    @Override
    public java.util.Map<String, Long> counters(String group) {
        return service().counters(group);
    }

    @Override
    public List<String> groups() {
        return service().groups();
    }

    @Override
    public synchronized AutoCloseable subscribe(String group, Consumer<ReconBreak> listener) {
        AutoCloseable subscription = service().subscribe(group, listener);
        listeners.put(listener, group);
        subscriptions.put(listener, subscription);
        return () -> {
            synchronized (this) {
                listeners.remove(listener);
                AutoCloseable s = subscriptions.remove(listener);
                if (s != null) {
                    s.close();
                }
            }
        };
    }

    @Override
    public Path report(String group, String tradeDate) throws IOException {
        return service().report(group, tradeDate);
    }
}
