package io.dropcopy.session.internal;

import java.nio.file.Paths;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/** One target session per factory configuration {@code etc/io.dropcopy.session-<name>.cfg}; a change restarts it. */
@Component(configurationPid = TargetSessionComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = SessionConfigDescription.class, factory = true)
public class TargetSessionComponent {
    static final String PID = "io.dropcopy.session";

    @Reference
    private HubImpl hub;

    /** Only used with store = jdbc; choose it with dataSource.target = (dataSourceName=...). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY,
            target = "(dataSourceName=dropcopy)")
    private DataSource dataSource;

    private TargetSession session;
    private org.osgi.framework.ServiceRegistration<?> mbean;

    @Activate
    void activate(Map<String, Object> properties, org.osgi.framework.BundleContext context) {
        TargetSessionConfig config = TargetSessionConfig.parse(properties,
                Paths.get(System.getProperty("karaf.data", "data")));
        session = new TargetSession(config, hub.dispatcher());
        if ("jdbc".equals(config.store)) {
            if (dataSource == null) {
                throw TargetSessionConfig.bad("store", "is jdbc but no DataSource service matches dataSource.target"
                        + " (default (dataSourceName=dropcopy)); the session starts when one appears");
            }
            session.setDataSource(dataSource);
        }
        hub.register(session);
        // Karaf's management registers services carrying jmx.objectname as MBeans.
        java.util.Hashtable<String, Object> props = new java.util.Hashtable<>();
        props.put("jmx.objectname", SessionMBean.objectName(config.name));
        try {
            mbean = context.registerService(javax.management.DynamicMBean.class.getName(),
                    new javax.management.StandardMBean(new SessionMBean(config.name, hub),
                            io.dropcopy.session.api.DropCopySessionMBean.class), props);
        } catch (javax.management.NotCompliantMBeanException e) {
            throw new IllegalStateException(e);
        }
    }

    @Deactivate
    void deactivate() {
        if (mbean != null) {
            mbean.unregister();
            mbean = null;
        }
        if (session != null) {
            hub.unregister(session);
        }
    }
}
