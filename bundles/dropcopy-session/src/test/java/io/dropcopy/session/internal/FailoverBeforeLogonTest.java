package io.dropcopy.session.internal;

import static io.dropcopy.testsupport.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.simulator.CmeSimulator;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A primary that accepts TCP and drops the connection once the logon arrives (a gateway half up, a proxy in
 * front of a dead one): QuickFIX/J's own multi-host rotation starts again from the primary after every TCP connect
 * and never reaches the backup (quickfixj issues 402, 1260). Ours moves on because no logon completed.
 */
class FailoverBeforeLogonTest extends SessionTestSupport {
    private ServerSocket halfUp;

    @AfterEach
    void closeHalfUp() throws IOException {
        if (halfUp != null) {
            halfUp.close();
        }
    }

    @Test
    void primaryThatDropsEveryLogonIsLeftForTheBackup() throws Exception {
        halfUp = new ServerSocket(0);
        AtomicInteger attempts = new AtomicInteger();
        Thread t = new Thread(() -> {
            while (!halfUp.isClosed()) {
                try (Socket s = halfUp.accept(); InputStream in = s.getInputStream()) {
                    attempts.incrementAndGet();
                    in.read(new byte[4096]); // the logon, then reset
                    s.setSoLinger(true, 0);
                } catch (IOException closed) {
                    // closed by the test, or the client went first
                }
            }
        }, "half-up-primary");
        t.setDaemon(true);
        t.start();

        int backupPort = freePort();
        CmeSimulator backup = simulator(backupPort, 10, 100);
        List<DropCopyEvent> events = new CopyOnWriteArrayList<>();
        TargetSession session = startSession("127.0.0.1:" + halfUp.getLocalPort() + ",127.0.0.1:" + backupPort,
                events::add);

        await("all 30 events through the backup", Duration.ofSeconds(60), () -> events.size() >= 30);
        assertTrue(attempts.get() >= 1, "the primary was tried first");
        assertTrue(backup.isLoggedOn());
        assertEquals("127.0.0.1:" + backupPort, session.status().addressInUse());
        assertSameStream(execIds(1, 10), execIds(events));
    }
}
