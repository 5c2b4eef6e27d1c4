package io.dropcopy.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The network between the session and CME breaks while business messages flow: a connection reset, a half-open
 * socket (the peer vanished without FIN or RST), silence without FIN (the peer reads but answers nothing, not even a
 * test request), the primary address dying mid-stream. Each time the session notices (at the latest by its heartbeat
 * and test request timeout), reports DOWN in its health meanwhile, connects again (to the backup when the primary is
 * dead) and recovers by resend: every business message delivered exactly once, in order.
 */
class NetworkFaultTest extends SessionTestSupport {
    private HostileCme cme;
    private TargetSession session;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<String> expected = new ArrayList<>();
    private final Set<String> healthSeen = ConcurrentHashMap.newKeySet();
    private volatile boolean sampling = true;
    private int next = 1;

    @AfterEach
    void closeCme() {
        sampling = false;
        if (cme != null) {
            cme.close();
        }
    }

    private void connect(int addresses) throws Exception {
        cme = new HostileCme(addresses);
        Map<String, Object> p = sessionProperties("demo", "DEMO", HostileCme.CLIENT, cme.address());
        p.put("heartbeatInterval", "5");
        session = session(p, e -> received.add(e.execId()));
        session.start();
        await("logged on", () -> session.status().loggedOn() && cme.logons.get() >= 1);
        // what an operator or a health check polling the MBean would have seen
        Thread sampler = new Thread(() -> {
            while (sampling) {
                healthSeen.add(session.status().health());
                java.util.concurrent.locks.LockSupport.parkNanos(5_000_000); // the sampling rate, not a wait
            }
        }, "health-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void good(int n) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(String.format("N%07d", next++));
        }
        expected.addAll(ids);
        for (String id : ids) {
            String wire = cme.business(id);       // CME has it from now on, whatever becomes of the connection
            try {
                cme.send(wire);
            } catch (java.io.IOException lostOnTheWire) {
                // sent into a broken connection: the session must ask for it again
            }
        }
    }

    private void allDeliveredOnce() {
        await("all " + expected.size() + " messages", Duration.ofSeconds(60),
                () -> received.size() >= expected.size() && session.status().loggedOn());
        assertSameStream(expected, received);
    }

    @Test
    void connectionResetMidStream() throws Exception {
        connect(1);
        good(200);
        cme.mute = true;             // the next logon is not answered at once: DOWN lasts long enough to be seen
        cme.reset();
        good(100);                   // into the reset connection: lost on the wire
        await("DOWN while the connection is gone", () -> "DOWN".equals(session.status().health()));
        cme.mute = false;
        await("logged on again", Duration.ofSeconds(60), () -> cme.logons.get() >= 2 && session.status().loggedOn());
        good(200);
        allDeliveredOnce();
        assertTrue(!cme.resendRequests.isEmpty(), "the lost messages came back by resend");
    }

    @Test
    void halfOpenSocketIsDetectedByTheHeartbeatTimeout() throws Exception {
        connect(1);
        good(100);
        allDeliveredOnce();
        cme.halfOpen();
        good(100);                   // written, never acknowledged: the session may or may not read them
        await("a new connection after the heartbeat timeout", Duration.ofSeconds(60), () -> cme.connections.get() >= 2);
        await("logged on again", () -> cme.logons.get() >= 2 && session.status().loggedOn());
        good(100);
        allDeliveredOnce();
        assertTrue(healthSeen.contains("DOWN"), "health said DOWN meanwhile: " + healthSeen);
    }

    @Test
    void silenceWithoutFinTimesOutThroughTestRequestAndReconnects() throws Exception {
        connect(1);
        good(100);
        allDeliveredOnce();
        int before = cme.fromClient.size();
        cme.silence();
        await("a new connection after the unanswered test request", Duration.ofSeconds(60),
                () -> cme.connections.get() >= 2);
        await("logged on again", () -> cme.logons.get() >= 2 && session.status().loggedOn());
        good(100);
        allDeliveredOnce();
        assertTrue(healthSeen.contains("DOWN"), "health said DOWN meanwhile: " + healthSeen);
        assertTrue(cme.fromClient.size() > before, "the session kept talking to the new connection");
    }

    @Test
    void primaryDeadMidStreamFailsOverToTheBackup() throws Exception {
        connect(2);
        int primary = cme.currentPort();
        good(300);
        cme.killPrimary();
        good(200);                   // lost with the primary
        await("on the backup", Duration.ofSeconds(60), () -> cme.logons.get() >= 2 && session.status().loggedOn()
                && cme.currentPort() != primary);
        good(300);
        allDeliveredOnce();
        assertTrue(healthSeen.contains("DOWN"), "health said DOWN meanwhile: " + healthSeen);
        assertEquals("127.0.0.1:" + cme.currentPort(), session.status().addressInUse());
    }
}
