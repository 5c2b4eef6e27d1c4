package io.dropcopy.session.internal;

import io.dropcopy.session.api.DropCopySessionMBean;
import io.dropcopy.session.api.SessionOptions;
import java.nio.file.Paths;
import java.util.Hashtable;
import java.util.Map;
import javax.management.DynamicMBean;
import javax.management.NotCompliantMBeanException;
import javax.management.StandardMBean;
import javax.sql.DataSource;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One target session per factory configuration {@code etc/io.dropcopy.session-<name>.cfg}; a change of that
 * configuration restarts it, nothing else does.
 *
 * <p>The DataSource reference is dynamic and reluctant: a DataSource service coming or going (installing
 * dropcopy-sink-jdbc brings one) never re-activates this component, so a logged-on session stays logged on. Only a
 * session with store = jdbc uses it: it starts once a matching DataSource is there and stops when that one goes.
 */
@Component(configurationPid = TargetSessionComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = SessionConfigDescription.class, factory = true)
public class TargetSessionComponent {
    static final String PID = "io.dropcopy.session";
    private static final Logger LOG = LoggerFactory.getLogger(TargetSessionComponent.class);

    @Reference
    private HubImpl hub;

    /** Bound DataSource matching dataSource.target (default (dataSourceName=dropcopy)); guarded by this. */
    private DataSource dataSource;
    private TargetSessionConfig config;
    /** The running session; null while store = jdbc waits for its DataSource. Guarded by this. */
    private TargetSession session;
    /** The DataSource the running session's store uses (store = jdbc only). */
    private DataSource sessionDataSource;
    private ServiceRegistration<?> mbean;

    @Reference(name = "dataSource", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.RELUCTANT, target = SessionOptions.DEFAULT_DATA_SOURCE_TARGET,
            unbind = "unbindDataSource")
    synchronized void bindDataSource(DataSource bound) {
        dataSource = bound;
        if (config != null && session == null && isJdbc()) {
            start();
        }
    }

    synchronized void unbindDataSource(DataSource gone) {
        if (dataSource == gone) {
            dataSource = null;
        }
        if (session != null && sessionDataSource == gone) {
            LOG.warn("Session {}: its DataSource went away; stopped until a DataSource matches dataSource.target again",
                    config.name);
            stop();
            if (dataSource != null) {
                start();
            }
        }
    }

    @Activate
    synchronized void activate(Map<String, Object> properties, BundleContext context) {
        config = TargetSessionConfig.parse(properties, Paths.get(System.getProperty("karaf.data", "data")));
        if (!isJdbc() || dataSource != null) {
            start();
        } else {
            LOG.warn("Session {}: store is jdbc but no DataSource service matches dataSource.target"
                    + " (default (dataSourceName=dropcopy)); the session starts when one appears", config.name);
        }
        // Karaf's management registers services carrying jmx.objectname as MBeans.
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("jmx.objectname", SessionMBean.objectName(config.name));
        try {
            mbean = context.registerService(DynamicMBean.class.getName(),
                    new StandardMBean(new SessionMBean(config.name, hub), DropCopySessionMBean.class), props);
        } catch (NotCompliantMBeanException e) {
            stop();
            throw new IllegalStateException(e);
        }
    }

    @Deactivate
    synchronized void deactivate() {
        if (mbean != null) {
            mbean.unregister();
            mbean = null;
        }
        stop();
        config = null;
    }

    private boolean isJdbc() {
        return SessionOptions.STORE_JDBC.equals(config.store);
    }

    private void start() {
        TargetSession created = new TargetSession(config, hub.dispatcher(config.group));
        if (isJdbc()) {
            created.setDataSource(dataSource);
            sessionDataSource = dataSource;
        }
        hub.register(created);
        session = created;
    }

    private void stop() {
        if (session != null) {
            hub.unregister(session);
            session = null;
            sessionDataSource = null;
        }
    }
}
