package io.dropcopy.routes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedCamelContext;
import org.apache.camel.Route;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the routes of every route file in one directory in a Camel context, and keeps them in step with the
 * files: {@code *.yaml} (Camel YAML DSL) and {@code *.xml} (Camel XML IO DSL, {@code <routes>}).
 *
 * <ul>
 * <li>every file present at {@link #start()} is loaded;</li>
 * <li>a new file's routes are added, an edited file's routes replaced, a deleted file's routes removed;</li>
 * <li>a file is (re)loaded only once its content has stayed the same for one poll, so a file still being
 * written is never loaded half-way;</li>
 * <li>a file that cannot be loaded (syntax, unknown endpoint, a route id another file already uses) is
 * reported by {@link #status()} and logged at ERROR naming the file and, where the DSL tells, the line; the
 * other files' routes are untouched, and an edited file that breaks keeps its previous routes running;</li>
 * <li>a file none of whose versions runs is tried again every 5 seconds while its content fails, since what
 * it needs may come later (a component's bundle, a connection factory service).</li>
 * </ul>
 *
 * A route without an id gets the file's name without extension ({@code -2}, {@code -3}, ... for further
 * routes), so the ids of a file's routes stay the same across edits. All changes to the routes happen on
 * one thread; the context must not be given routes by anyone else under the same ids.
 */
public final class RouteFileDeployer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RouteFileDeployer.class);
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(5);

    /** What is known of one route file. */
    public static final class FileStatus {
        private final List<String> routeIds;
        private final String error;

        FileStatus(List<String> routeIds, String error) {
            this.routeIds = List.copyOf(routeIds);
            this.error = error;
        }

        /** The ids of the routes this file runs (its previous version's, if the last edit failed). */
        public List<String> routeIds() {
            return routeIds;
        }

        /** Why the file's current content could not be loaded, or null. */
        public String error() {
            return error;
        }

        @Override
        public String toString() {
            return error == null ? routeIds.toString() : routeIds + " error: " + error;
        }
    }

    /** A file whose routes run. */
    private static final class Loaded {
        final String hash;
        final String content;
        final List<String> routeIds;

        Loaded(String hash, String content, List<String> routeIds) {
            this.hash = hash;
            this.content = content;
            this.routeIds = routeIds;
        }
    }

    private final CamelContext context;
    private final Path directory;
    private final Duration pollInterval;
    private final ScheduledExecutorService executor;

    /** Files whose routes run, by file name. Touched only on the executor thread. */
    private final Map<String, Loaded> loaded = new TreeMap<>();
    /** Content hash seen on the last poll, by file name, for a change not applied yet. */
    private final Map<String, String> pending = new TreeMap<>();
    /** Content hash that failed to load, and why, by file name (so it is reported once, not every poll). */
    private final Map<String, String> failedHash = new TreeMap<>();
    private final Map<String, String> failure = new TreeMap<>();
    private final Map<String, Long> failedAt = new TreeMap<>();
    /** The file being loaded again with content that failed before (its error is not logged twice). */
    private String retrying;
    private volatile Map<String, FileStatus> status = Map.of();
    private boolean initialScanDone;

    public RouteFileDeployer(CamelContext context, Path directory, Duration pollInterval) {
        this.context = context;
        this.directory = directory.toAbsolutePath().normalize();
        this.pollInterval = pollInterval;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dropcopy-routes-watcher");
            t.setDaemon(true);
            return t;
        });
    }

    public Path directory() {
        return directory;
    }

    /** Loads every route file now (on the watcher thread, waiting for it), then polls for changes. */
    public void start() throws IOException {
        Files.createDirectories(directory);
        LOG.info("Route files: watching {} for *.yaml and *.xml (every {} ms)", directory, pollInterval.toMillis());
        scanNow();
        executor.scheduleWithFixedDelay(this::scanQuietly, pollInterval.toMillis(), pollInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** One poll, run on the watcher thread; returns when done. */
    public void scanNow() {
        try {
            executor.submit(this::scanQuietly).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Every route file seen, by file name: its routes, or why it could not be loaded. */
    public Map<String, FileStatus> status() {
        return status;
    }

    /** Stops polling and removes the routes of every file (the context itself is the caller's). */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Map.Entry<String, Loaded> e : loaded.entrySet()) {
            removeRoutes(e.getValue().routeIds);
        }
        loaded.clear();
        status = Map.of();
    }

    private void scanQuietly() {
        try {
            scan();
        } catch (IOException | RuntimeException | LinkageError e) {
            // never thrown out of the scheduled task: that would end the polling silently
            LOG.error("Route files: scanning {} failed: {}", directory, e.toString(), e);
        }
    }

    private void scan() throws IOException {
        boolean initial = !initialScanDone;
        initialScanDone = true;
        Map<String, Path> present = new TreeMap<>();
        if (Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.list(directory)) {
                files.filter(RouteFileDeployer::isRouteFile).filter(Files::isRegularFile)
                        .forEach(p -> present.put(p.getFileName().toString(), p));
            }
        }
        // Deleted files: their routes go.
        for (String name : new ArrayList<>(loaded.keySet())) {
            if (!present.containsKey(name)) {
                Loaded gone = loaded.remove(name);
                removeRoutes(gone.routeIds);
                LOG.info("Route files: {} deleted, removed its routes {}", name, gone.routeIds);
            }
        }
        pending.keySet().retainAll(present.keySet());
        failedHash.keySet().retainAll(present.keySet());
        failure.keySet().retainAll(present.keySet());
        failedAt.keySet().retainAll(present.keySet());

        for (Map.Entry<String, Path> e : present.entrySet()) {
            String name = e.getKey();
            retrying = null;
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(e.getValue());
            } catch (NoSuchFileException gone) {
                continue; // deleted between listing and reading: handled on the next poll
            }
            String hash = sha256(bytes);
            Loaded current = loaded.get(name);
            if (current != null && current.hash.equals(hash)) {
                pending.remove(name);
                failedHash.remove(name);
                failure.remove(name);
                failedAt.remove(name);
                continue;
            }
            if (hash.equals(failedHash.get(name))) {
                // The same content failed: tried again now and then while none of its versions runs, since
                // what it needs (a component's bundle, a connection factory service) may come later.
                if (current != null || System.nanoTime() - failedAt.get(name) < RETRY_NANOS) {
                    continue;
                }
                retrying = name;
            }
            // A change is applied once the content is the same on two polls in a row (not half-written).
            if (!initial && !hash.equals(pending.get(name))) {
                pending.put(name, hash);
                continue;
            }
            pending.remove(name);
            apply(name, e.getValue(), new String(bytes, StandardCharsets.UTF_8), hash, current);
        }
        publishStatus();
    }

    private void apply(String name, Path file, String content, String hash, Loaded current) {
        String location = "file:" + file;
        List<String> oldIds = current != null ? current.routeIds : List.of();
        List<RoutesBuilder> builders;
        List<String> ids;
        try {
            builders = parse(location, content);
            ids = assignIds(name, builders, oldIds);
        } catch (Exception ex) {
            fail(name, hash, file, current, RouteFileProblem.describe(ex, null));
            return;
        }
        // The new version is well-formed: the old version's routes make way for it.
        removeRoutes(oldIds);
        try {
            for (RoutesBuilder builder : builders) {
                builder.addRoutesToCamelContext(context);
            }
        } catch (Exception ex) {
            removeRoutes(ids);
            String why = RouteFileProblem.describe(ex, definitions(builders));
            if (current != null) {
                try {
                    for (RoutesBuilder builder : parse(location, current.content)) {
                        assignIds(name, List.of(builder), List.of());
                        builder.addRoutesToCamelContext(context);
                    }
                } catch (Exception again) {
                    removeRoutes(oldIds);
                    loaded.remove(name);
                    LOG.error("Route files: {}: the previous version could not be restored either: {}", file,
                            RouteFileProblem.describe(again, null));
                    current = null;
                }
            }
            fail(name, hash, file, current, why);
            return;
        }
        loaded.put(name, new Loaded(hash, content, ids));
        failedHash.remove(name);
        failure.remove(name);
        failedAt.remove(name);
        if (current == null) {
            LOG.info("Route files: {} loaded, routes {} started", file, ids);
        } else {
            LOG.info("Route files: {} changed, routes {} replaced by {}", file, oldIds, ids);
        }
    }

    private void fail(String name, String hash, Path file, Loaded current, String why) {
        failedAt.put(name, System.nanoTime());
        String before = failure.put(name, why);
        boolean again = name.equals(retrying) && hash.equals(failedHash.get(name)) && why.equals(before);
        failedHash.put(name, hash);
        if (again) {
            LOG.debug("Route files: {} still cannot be loaded (tried again): {}", file, why);
        } else if (current != null) {
            LOG.error("Route files: {} cannot be loaded, its previous routes {} keep running: {}", file,
                    current.routeIds, why);
        } else {
            LOG.error("Route files: {} cannot be loaded: {}", file, why);
        }
    }

    /** Parses a file's content into route builders, whose routes are read but not added to the context. */
    private List<RoutesBuilder> parse(String location, String content) throws Exception {
        Resource resource = ResourceHelper.fromString(location, content);
        Collection<RoutesBuilder> found = context.adapt(ExtendedCamelContext.class).getRoutesLoader()
                .findRoutesBuilders(resource);
        List<RoutesBuilder> builders = new ArrayList<>(found);
        for (RoutesBuilder builder : builders) {
            if (!(builder instanceof RouteBuilder)) {
                throw new IllegalArgumentException("unsupported content (" + builder.getClass().getSimpleName()
                        + "): a route file holds routes only");
            }
            RouteBuilder rb = (RouteBuilder) builder;
            rb.configureRoutes(context);
            boolean configurations = false;
            if (rb instanceof RouteConfigurationBuilder) {
                RouteConfigurationBuilder rcb = (RouteConfigurationBuilder) rb;
                rcb.configuration(); // reads the file's route configurations into the builder only
                configurations = !rcb.getRouteConfigurationCollection().getRouteConfigurations().isEmpty();
            }
            if (configurations || !rb.getRestCollection().getRests().isEmpty()
                    || !rb.getRouteTemplateCollection().getRouteTemplates().isEmpty()) {
                throw new IllegalArgumentException(
                        "a route file holds routes only (no rest, route template or route configuration)");
            }
        }
        if (definitions(builders).isEmpty()) {
            throw new IllegalArgumentException("no route found");
        }
        return builders;
    }

    private static List<RouteDefinition> definitions(List<RoutesBuilder> builders) {
        List<RouteDefinition> all = new ArrayList<>();
        for (RoutesBuilder builder : builders) {
            if (builder instanceof RouteBuilder) {
                all.addAll(((RouteBuilder) builder).getRouteCollection().getRoutes());
            }
        }
        return all;
    }

    /**
     * Gives each route without an id one from the file name, and refuses ids used twice in the file or
     * already used by a route not of this file.
     */
    private List<String> assignIds(String fileName, List<RoutesBuilder> builders, List<String> ownIds) {
        String base = baseName(fileName);
        Set<String> ids = new LinkedHashSet<>();
        List<RouteDefinition> defs = definitions(builders);
        for (RouteDefinition def : defs) {
            if (def.getId() != null && !ids.add(def.getId())) {
                throw new IllegalArgumentException("route id '" + def.getId() + "' is used twice"
                        + RouteFileProblem.line(def));
            }
        }
        int n = 1;
        for (RouteDefinition def : defs) {
            if (def.getId() == null) {
                String id = n == 1 ? base : base + "-" + n;
                while (ids.contains(id)) {
                    n++;
                    id = base + "-" + n;
                }
                n++;
                def.routeId(id);
                ids.add(id);
            }
        }
        for (String id : ids) {
            String owner = ownerOf(id);
            if (owner != null && !owner.equals(fileName)) {
                throw new IllegalArgumentException("route id '" + id + "' is already used by " + owner);
            }
            if (owner == null && !ownIds.contains(id) && context.getRoute(id) != null) {
                throw new IllegalArgumentException("route id '" + id + "' is already used by another route");
            }
        }
        return List.copyOf(ids);
    }

    private String ownerOf(String routeId) {
        for (Map.Entry<String, Loaded> e : loaded.entrySet()) {
            if (e.getValue().routeIds.contains(routeId)) {
                return e.getKey();
            }
        }
        return null;
    }

    private void removeRoutes(Collection<String> ids) {
        ModelCamelContext model = context.adapt(ModelCamelContext.class);
        for (String id : ids) {
            try {
                RouteDefinition def = model.getRouteDefinition(id);
                if (def != null) {
                    model.removeRouteDefinition(def);
                }
                Route route = context.getRoute(id);
                if (route != null) {
                    context.getRouteController().stopRoute(id);
                    context.removeRoute(id);
                }
            } catch (Exception e) {
                LOG.warn("Route files: removing route {} failed: {}", id, e.toString(), e);
            }
        }
    }

    private void publishStatus() {
        Map<String, FileStatus> s = new LinkedHashMap<>();
        Set<String> names = new java.util.TreeSet<>(loaded.keySet());
        names.addAll(failure.keySet());
        for (String name : names) {
            Loaded l = loaded.get(name);
            s.put(name, new FileStatus(l != null ? l.routeIds : List.of(), failure.get(name)));
        }
        status = Collections.unmodifiableMap(s);
    }

    static boolean isRouteFile(Path p) {
        String n = p.getFileName().toString();
        if (n.startsWith(".") || n.endsWith("~")) {
            return false;
        }
        return n.endsWith(".yaml") || n.endsWith(".xml");
    }

    static String baseName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
