package io.dropcopy.routes.internal;

import io.dropcopy.routes.RouteFileDeployer;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedCamelContext;
import org.apache.camel.spi.BeanRepository;
import org.apache.camel.spi.EventNotifier;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.DefaultRegistry;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The route files of {@code etc/dropcopy/routes/} (or the configured directory), run in a Camel context of
 * their own: an OSGi-aware context (camel-core-osgi's, as camel-blueprint makes), so {@code dropcopy:} and
 * every Camel component, language and data format installed in Karaf resolve, and it is published as a
 * CamelContext service that Karaf's {@code camel:*} commands list. Saving {@code etc/io.dropcopy.routes.cfg} with
 * changed settings restarts it with them.
 */
@Component(configurationPid = "io.dropcopy.routes", configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = {})
@Designate(ocd = RouteFilesService.Config.class)
public class RouteFilesService {
    private static final Logger LOG = LoggerFactory.getLogger(RouteFilesService.class);

    @ObjectClassDefinition(name = "Drop copy route files",
            description = "Runs the Camel routes of *.yaml and *.xml files in a directory, reloading them as they change")
    public @interface Config {
        @AttributeDefinition(description = "Directory of the route files; relative to the Karaf base. Default: ${karaf.etc}/dropcopy/routes")
        String directory() default "";

        @AttributeDefinition(description = "How often the directory is looked at, in milliseconds (100-60000)")
        long pollInterval() default 1000;

        @AttributeDefinition(description = "Name of the Camel context (camel:context-list)")
        String contextName() default "dropcopy-routes";
    }

    private CamelContext context;
    private NamedServices namedServices;
    private RouteFileDeployer deployer;
    /** The settings the running context was started with. */
    private Config running;

    @Activate
    void activate(BundleContext bundleContext, Config config) throws Exception {
        long poll = config.pollInterval();
        if (poll < 100 || poll > 60_000) {
            throw new IllegalArgumentException("drop copy route files configuration: 'pollInterval' must be within 100..60000, got " + poll);
        }
        Path dir = directory(config.directory());
        context = newOsgiContext(bundleContext);
        // #name in a URI finds the OSGi service with that name (before camel-core-osgi's repository).
        namedServices = new NamedServices(bundleContext);
        List<BeanRepository> repositories = new ArrayList<>();
        repositories.add(namedServices);
        Registry registry = context.getRegistry();
        if (registry instanceof DefaultRegistry) {
            repositories.addAll(((DefaultRegistry) registry).getRepositories());
        } else {
            repositories.add(registry);
        }
        context.adapt(ExtendedCamelContext.class).setRegistry(new DefaultRegistry(repositories));
        context.adapt(ExtendedCamelContext.class).setName(config.contextName());
        // Line numbers in the route model, so an error can name the line of the failing step.
        context.setSourceLocationEnabled(true);
        context.getShutdownStrategy().setTimeout(30);
        context.start();
        deployer = new RouteFileDeployer(context, dir, Duration.ofMillis(poll));
        deployer.start();
        running = config;
    }

    /**
     * A configuration event restarts the routes only when a setting changed: Karaf sends one with the same settings
     * when a feature that depends on dropcopy-routes is installed (dropcopy-kafka, dropcopy-jms), and restarting every
     * route then failed the exchanges in flight, which made the sessions log on again and ask CME for them.
     */
    @Modified
    void modified(BundleContext bundleContext, Config config) throws Exception {
        if (running != null && running.directory().equals(config.directory())
                && running.pollInterval() == config.pollInterval()
                && running.contextName().equals(config.contextName())) {
            return;
        }
        deactivate();
        activate(bundleContext, config);
    }

    @Deactivate
    void deactivate() {
        running = null;
        if (deployer != null) {
            deployer.close();
            deployer = null;
        }
        if (context != null) {
            try {
                context.stop();
            } catch (RuntimeException e) {
                LOG.warn("Route files: stopping Camel context {} failed: {}", context.getName(), e.toString());
            }
            context = null;
        }
        if (namedServices != null) {
            namedServices.close();
            namedServices = null;
        }
    }

    static Path directory(String configured) {
        if (configured != null && !configured.isBlank()) {
            Path p = Paths.get(configured.strip());
            return p.isAbsolute() ? p : Paths.get(System.getProperty("karaf.base", ".")).resolve(p);
        }
        String etc = System.getProperty("karaf.etc");
        return (etc != null ? Paths.get(etc) : Paths.get("etc")).resolve("dropcopy").resolve("routes");
    }

    /**
     * camel-core-osgi's OsgiDefaultCamelContext (bundle-aware class, component, language, data format and
     * factory resolution; OSGi services as its registry), published as a service once started as
     * camel-blueprint does. Named rather than compiled against: its Maven descriptor cannot be resolved here.
     */
    private static CamelContext newOsgiContext(BundleContext bundleContext) throws Exception {
        ClassLoader cl = RouteFilesService.class.getClassLoader();
        Class<?> type = cl.loadClass("org.apache.camel.core.osgi.OsgiDefaultCamelContext");
        CamelContext ctx = (CamelContext) type.getConstructor(BundleContext.class).newInstance(bundleContext);
        Class<?> publisher = cl.loadClass("org.apache.camel.core.osgi.OsgiCamelContextPublisher");
        ctx.getManagementStrategy().addEventNotifier(
                (EventNotifier) publisher.getConstructor(BundleContext.class).newInstance(bundleContext));
        return ctx;
    }
}
