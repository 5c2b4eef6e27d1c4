package io.dropcopy.session.internal;

import static io.dropcopy.testsupport.Ports.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** store = jdbc: the sequence numbers live in a database and survive a restart there, as they do in files. */
class JdbcStoreTest extends SessionTestSupport {

    @Test
    void sequencesLiveInTheDatabaseAcrossARestart() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:" + tmp.resolve("h2/store").toAbsolutePath() + ";MODE=PostgreSQL");
        int port = freePort();
        simulator(port, 20, 60);

        Map<String, Object> p = sessionProperties("demo", "DEMO", "DEMO01N", "127.0.0.1:" + port);
        p.put("store", "jdbc");
        List<DropCopyEvent> events = new CopyOnWriteArrayList<>();
        TargetSession first = session(p, events::add);
        first.setDataSource(ds);
        first.start();
        await("some events", () -> events.size() >= 15);
        first.stop();
        int storedIncoming = incomingSeqNum(ds);
        assertTrue(storedIncoming > 15, "the incoming sequence is in the database: " + storedIncoming);

        TargetSession second = session(p, events::add);
        second.setDataSource(ds);
        second.start();
        await("all 60 events", () -> events.size() >= 60);
        assertSameStream(execIds(1, 20), execIds(events));
        assertTrue(incomingSeqNum(ds) >= storedIncoming);
        assertTrue(!java.nio.file.Files.exists(tmp.resolve("data/dropcopy/sessions/demo/store")), "no file store");
    }

    private static int incomingSeqNum(JdbcDataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT incoming_seqnum FROM dropcopy_qfj_sessions WHERE sendercompid = 'DEMO01N'")) {
            assertTrue(rs.next(), "one session row");
            int n = rs.getInt(1);
            assertEquals(false, rs.next());
            return n;
        }
    }
}
