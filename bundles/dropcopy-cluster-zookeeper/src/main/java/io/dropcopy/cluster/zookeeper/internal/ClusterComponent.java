package io.dropcopy.cluster.zookeeper.internal;

import io.dropcopy.cluster.zookeeper.ZooKeeperOwnership;
import io.dropcopy.session.api.GroupOwnership;
import java.net.InetAddress;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the ZooKeeper {@link GroupOwnership} when etc/io.dropcopy.cluster.cfg names ZooKeeper; the hub (which
 * reads the same configuration) then runs no group until this service elects the node.
 */
@Component(configurationPid = "io.dropcopy.cluster", configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = ClusterConfigDescription.class)
public class ClusterComponent {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterComponent.class);

    private ZooKeeperOwnership ownership;
    private ServiceRegistration<GroupOwnership> registration;

    @Activate
    void activate(ClusterConfigDescription config, BundleContext context) throws Exception {
        if (config.zookeeper().isBlank()) {
            LOG.info("Drop copy cluster: no zookeeper in etc/io.dropcopy.cluster.cfg: single node, every consumed group runs here");
            return;
        }
        ZooKeeperOwnership.Settings settings = new ZooKeeperOwnership.Settings(config.zookeeper().trim(),
                config.nodeId().isBlank() ? InetAddress.getLocalHost().getHostName() : config.nodeId().trim());
        settings.sessionTimeoutMs = config.sessionTimeoutMs();
        settings.connectionTimeoutMs = config.connectionTimeoutMs();
        settings.basePath = config.basePath();
        ownership = new ZooKeeperOwnership(settings);
        ownership.start();
        registration = context.registerService(GroupOwnership.class, ownership, null);
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister(); // the hub logs this node's groups out and leaves their elections first
            registration = null;
        }
        if (ownership != null) {
            ownership.close();
            ownership = null;
        }
    }
}
