package io.dropcopy.cluster.zookeeper.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Drop copy cluster",
        description = "Each drop copy group runs on one node at a time, elected on ZooKeeper. Without zookeeper, this node runs every group it consumes.")
public @interface ClusterConfigDescription {
    @AttributeDefinition(description = "ZooKeeper connect string, e.g. zk1:2181,zk2:2181,zk3:2181; empty: single node", required = false)
    String zookeeper() default "";

    @AttributeDefinition(description = "This node's id in the elections (shown by dropcopy:cluster); default: the host name", required = false)
    String nodeId() default "";

    @AttributeDefinition(description = "ZooKeeper session timeout in milliseconds: a dead node's groups move after this long (the server bounds it to 2..20 ticks)")
    long sessionTimeoutMs() default 6000;

    @AttributeDefinition(description = "ZooKeeper connection timeout in milliseconds")
    long connectionTimeoutMs() default 5000;

    @AttributeDefinition(description = "ZooKeeper path under which the elections live (one child per group: dropcopy-GROUP)")
    String basePath() default "/dropcopy";
}
