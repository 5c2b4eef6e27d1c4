package io.dropcopy.session.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.dropcopy.session.api.DropCopySessionMBean;
import java.lang.management.ManagementFactory;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import org.junit.jupiter.api.Test;

/** The session's JMX view: compliant, readable through an MBeanServer, health derived from state, no secret. */
class SessionMBeanTest {

    @Test
    void registeredMBeanShowsStateAndHealthButNoSecret() throws Exception {
        HubImpl hub = new HubImpl();
        TargetSession session = new TargetSession(TargetSessionConfig.parse(TargetSessionConfigTest.valid(),
                java.nio.file.Path.of("target/mbean-test")), GroupDispatcher.of(e -> { }));
        hub.register(session);
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName(SessionMBean.objectName("demo"));
        server.registerMBean(new StandardMBean(new SessionMBean("demo", hub), DropCopySessionMBean.class), name);
        try {
            assertEquals("STOPPED", server.getAttribute(name, "State"));
            assertEquals("IDLE", server.getAttribute(name, "Health"), "no consumer: idle, not down");
            assertEquals("DEMO", server.getAttribute(name, "Group"));
            assertArrayEquals(new String[0], (String[]) server.getAttribute(name, "UnrecoverableGaps"));
            server.invoke(name, "disconnect", null, null);
            assertEquals("DISCONNECTED", server.getAttribute(name, "State"));
            for (MBeanAttributeInfo a : server.getMBeanInfo(name).getAttributes()) {
                Object value = server.getAttribute(name, a.getName());
                assertFalse(String.valueOf(value).contains(TargetSessionConfigTest.SECRET), a.getName());
                assertFalse(a.getName().toLowerCase().contains("secret") || a.getName().toLowerCase().contains("key"),
                        "no key attribute: " + a.getName());
            }
        } finally {
            server.unregisterMBean(name);
        }
    }
}
