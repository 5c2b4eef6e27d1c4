package io.dropcopy.recon.internal;

import io.dropcopy.recon.LoadResult;
import io.dropcopy.recon.ReconBreak;
import io.dropcopy.recon.Reconciliation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciliation of every group of this container: opens a group on first use (or at start, for each group with a
 * journal, or configured), connects its drop copy side through a {@link Feed}, ticks the groups (breaks due), and
 * writes each trade date's report when its trading day ends. Plain Java; the OSGi component only configures it.
 */
public final class ReconService implements Reconciliation, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReconService.class);

    /** Where a group's drop copy events come from (the session, or the file sink's journal). */
    public interface Feed {
        /** Starts handing the group's events to {@link GroupRecon#acceptDropCopy}; close to stop. */
        AutoCloseable attach(String group, GroupRecon recon) throws Exception;

        /** Called on every tick (a journal feed reads what is new). */
        default void poll() {
        }
    }

    private final GroupRecon.Settings settings;
    private final LongSupplier clock;
    private final Feed feed;
    private final SessionFacts facts;
    private final Map<String, GroupRecon> groups = new TreeMap<>();
    private final Map<String, AutoCloseable> feeds = new TreeMap<>();
    private final Set<String> reported = new HashSet<>();
    private final boolean reportAtEndOfDay;
    private int keepDays;
    private ScheduledExecutorService timer;

    public ReconService(GroupRecon.Settings settings, LongSupplier clock, Feed feed, SessionFacts facts,
            boolean reportAtEndOfDay) {
        this.settings = settings;
        this.clock = clock;
        this.feed = feed;
        this.facts = facts;
        this.reportAtEndOfDay = reportAtEndOfDay;
    }

    /**
     * Keeps the state of the current trade date and of the {@code days - 1} dates before it (calendar days); older
     * dates are dropped with their journal on the next tick (after their end-of-day report). 0: keep every date.
     */
    public ReconService keepDays(int days) {
        if (days < 0) {
            throw new IllegalArgumentException("keepDays must be >= 0, got " + days);
        }
        this.keepDays = days;
        return this;
    }

    /** Opens the configured groups and those with a journal, and ticks every {@code tickMs}. */
    public synchronized void start(List<String> configuredGroups, long tickMs) throws IOException {
        Set<String> names = new HashSet<>(configuredGroups);
        Path recon = settings.dataDir().resolve("recon");
        if (Files.isDirectory(recon)) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(recon, Files::isDirectory)) {
                for (Path p : s) {
                    names.add(p.getFileName().toString());
                }
            }
        }
        for (String g : names) {
            group(g);
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dropcopy-recon");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::tickQuietly, tickMs, tickMs, TimeUnit.MILLISECONDS);
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (RuntimeException | IOException e) {
            LOG.warn("Reconciliation tick failed (it runs again)", e);
        }
    }

    /** Reads new drop copy events (journal feed), raises/clears due breaks, writes the reports of days that ended. */
    public void tick() throws IOException {
        feed.poll();
        List<GroupRecon> all;
        synchronized (this) {
            all = new ArrayList<>(groups.values());
        }
        for (GroupRecon g : all) {
            g.observeSessions(facts.states(g.group()));
            g.tick();
            if (reportAtEndOfDay) {
                for (String date : g.tradeDates()) {
                    Instant end = settings.tradeDates().endOf(java.time.LocalDate.parse(date));
                    String key = g.group() + "/" + date;
                    if (!reported.contains(key) && clock.getAsLong() >= end.toEpochMilli()) {
                        reported.add(key);
                        Path dir = report(g.group(), date);
                        LOG.info("Reconciliation: end of day {} {}: report {}", g.group(), date, dir);
                    }
                }
            }
            if (keepDays > 0) {
                String oldestKept = settings.tradeDates().tradeDate(Instant.ofEpochMilli(clock.getAsLong()))
                        .minusDays(keepDays - 1L).toString();
                for (String date : g.evictBefore(oldestKept)) {
                    reported.remove(g.group() + "/" + date);
                }
            }
        }
    }

    /** The group's reconciliation, opened (and its feed attached) on first use. */
    public synchronized GroupRecon group(String name) {
        GroupRecon g = groups.get(name);
        if (g == null) {
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}")) {
                throw new IllegalArgumentException("group name must be letters, digits, '.', '_' or '-', got '" + name + "'");
            }
            try {
                g = new GroupRecon(name, settings, clock);
            } catch (IOException e) {
                throw new UncheckedIOException("reconciliation journal of group " + name + " cannot be read", e);
            }
            groups.put(name, g);
            try {
                feeds.put(name, feed.attach(name, g));
            } catch (Exception e) {
                LOG.warn("Reconciliation {}: the drop copy feed did not attach: {}", name, e.toString());
            }
        }
        return g;
    }

    @Override
    public LoadResult submitFirmFills(String group, String body, String format, String source) throws IOException {
        return group(group).submitFirm(body, format, source);
    }

    @Override
    public List<ReconBreak> openBreaks(String group) {
        return group(group).openBreaks();
    }

    @Override
    public synchronized List<String> groups() {
        return new ArrayList<>(groups.keySet());
    }

    @Override
    public AutoCloseable subscribe(String group, Consumer<ReconBreak> listener) {
        return group(group).subscribe(listener);
    }

    @Override
    public Map<String, Long> counters(String group) {
        return group(group).counters();
    }

    @Override
    public Path report(String group, String tradeDate) throws IOException {
        GroupRecon g = group(group);
        String date = tradeDate != null ? java.time.LocalDate.parse(tradeDate).toString()
                : settings.tradeDates().tradeDate(Instant.ofEpochMilli(clock.getAsLong())).toString();
        DayReport report = new DayReport(g.snapshot(date), facts.sessions(group, date, settings.tradeDates()));
        return ReportWriter.write(settings.reportDir(group, date), report, settings.tradeDates().zone());
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        for (AutoCloseable f : feeds.values()) {
            try {
                f.close();
            } catch (Exception e) {
                LOG.debug("closing a feed", e);
            }
        }
        for (GroupRecon g : groups.values()) {
            g.close();
        }
        groups.clear();
        feeds.clear();
    }
}
