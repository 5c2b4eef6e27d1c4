package io.dropcopy.sink.jms.internal;

import java.util.Hashtable;
import java.util.Locale;
import javax.jms.ConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * A JMS {@link ConnectionFactory} service for routes: the Artemis client, configured by
 * {@code etc/io.dropcopy.jms.cfg} (present only with feature {@code dropcopy-jms}). Registered with service
 * property {@code name} (and {@code osgi.jndi.service.name}) set to the configured name, so a route refers to
 * it as {@code jms:topic:...?connectionFactory=#dropcopyJms}. Pointing at an external broker is the
 * {@code brokerUrl} line. The password is never a service property and never logged.
 *
 * <p>The service is Spring's {@link CachingConnectionFactory} (spring-jms comes with camel-jms) around the Artemis
 * client: camel-jms sends through Spring's JmsTemplate, which opens a connection, a session and a producer per message
 * on a plain factory (measured in Karaf: about 4 messages/s, each a new TCP connection and login). Cached, one
 * connection serves every send; a broken connection is dropped on its exception and opened again on the next send.
 */
@Component(configurationPid = "io.dropcopy.jms", configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = ArtemisConnectionFactoryService.Config.class)
public class ArtemisConnectionFactoryService {
    private static final Logger LOG = LoggerFactory.getLogger(ArtemisConnectionFactoryService.class);

    @ObjectClassDefinition(name = "Drop copy JMS connection factory",
            description = "The JMS ConnectionFactory (Artemis client) that drop copy routes send with")
    public @interface Config {
        @AttributeDefinition(description = "Artemis broker URL (CORE protocol), e.g. tcp://127.0.0.1:61616 or (tcp://a:61616,tcp://b:61616)?ha=true")
        String brokerUrl() default "tcp://127.0.0.1:61616";

        @AttributeDefinition(description = "User name on the broker (empty: none)")
        String user() default "";

        @AttributeDefinition(description = "Password on the broker", type = AttributeType.PASSWORD)
        String password() default "";

        @AttributeDefinition(description = "Service property 'name': routes use connectionFactory=#<name>")
        String name() default "dropcopyJms";
    }

    /** Producer flow-control window of the shipped factory (Artemis' default: 64 KiB). */
    static final int PRODUCER_WINDOW_BYTES = 1024 * 1024;

    private ActiveMQConnectionFactory factory;
    private CachingConnectionFactory caching;
    private ServiceRegistration<ConnectionFactory> registration;

    @Activate
    void activate(BundleContext bundleContext, Config config) {
        String url = config.brokerUrl() == null ? "" : config.brokerUrl().strip();
        if (url.isEmpty()) {
            throw new IllegalArgumentException("drop copy JMS configuration: 'brokerUrl' must be set");
        }
        String name = config.name() == null ? "" : config.name().strip();
        if (!name.matches("[A-Za-z][A-Za-z0-9_.-]*")) {
            throw new IllegalArgumentException("drop copy JMS configuration: 'name' must be a simple name, got '" + name + "'");
        }
        try {
            factory = factory(url);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("drop copy JMS configuration: 'brokerUrl' is not an Artemis URL: "
                    + url.replaceAll("\\?.*$", ""));
        }
        if (!config.user().isBlank()) {
            factory.setUser(config.user().strip());
            factory.setPassword(config.password());
        }
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("name", name);
        props.put("osgi.jndi.service.name", name);
        // Without the query part: a URL may carry parameters that are nobody's business in a log.
        String shown = url.replaceAll("\\?.*$", "");
        props.put("brokerUrl", shown);
        caching = new CachingConnectionFactory(factory);
        caching.setSessionCacheSize(4);          // sessions (with their producers) kept per acknowledge mode
        caching.setReconnectOnException(true);
        registration = bundleContext.registerService(ConnectionFactory.class, caching, props);
        LOG.info("JMS: connection factory '{}' for {} registered", name, shown);
    }

    /** The Artemis client for {@code url}, with the settings drop copy routes want unless the URL says otherwise. */
    static ActiveMQConnectionFactory factory(String url) {
        ActiveMQConnectionFactory f = new ActiveMQConnectionFactory(url);
        // JmsTemplate resolves the destination by name for every send: without this, one round trip to the broker each
        f.setCacheDestinations(true);
        // How far a producer may run ahead of the broker before it waits for credits. Artemis' 64 KiB is ~40 drop
        // copy messages, so the batching sink dropcopy-jms: (up to 500 in one transaction) would park for credits
        // within each batch; 1 MiB holds a whole batch. Flow control only: a full address still blocks or
        // pages as configured, and the commit still waits for the journal. A brokerUrl parameter wins.
        if (!url.toLowerCase(Locale.ROOT).contains("producerwindowsize")) {
            f.setProducerWindowSize(PRODUCER_WINDOW_BYTES);
        }
        return f;
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
        if (caching != null) {
            caching.destroy();
            caching = null;
        }
        if (factory != null) {
            factory.close();
            factory = null;
        }
    }
}
