package io.dropcopy.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AddressFailoverTest {
    private static final TargetSessionConfig.Address PRIMARY = new TargetSessionConfig.Address("10.0.0.1", 1);
    private static final TargetSessionConfig.Address BACKUP = new TargetSessionConfig.Address("10.0.0.2", 2);

    @Test
    void anAttemptThatNeverLogsOnMovesToTheNextAddressAtOnce() {
        AddressFailover f = new AddressFailover(List.of(PRIMARY, BACKUP), 5_000);
        f.connected();
        assertEquals(0, f.ended(), "accepted and dropped before the logon: the backup, now");
        assertEquals(BACKUP, f.current());
    }

    @Test
    void aLoggedOnSessionThatDropsTriesTheSameAddressOnceMore() {
        AddressFailover f = new AddressFailover(List.of(PRIMARY, BACKUP), 5_000);
        f.connected();
        f.loggedOn();
        assertEquals(-1, f.ended());
        assertEquals(PRIMARY, f.current());
        // the retry is refused: on to the backup
        assertEquals(0, f.ended());
        assertEquals(BACKUP, f.current());
    }

    @Test
    void roundsWithoutALogonBackOffDoublingUpToTheBound() {
        AddressFailover f = new AddressFailover(List.of(PRIMARY, BACKUP), 5_000);
        long[] expected = {0, 5_000, 5_000, 10_000, 10_000, 20_000, 20_000, 40_000, 40_000, 60_000, 60_000, 60_000};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], f.ended(), "attempt " + (i + 1));
            assertEquals(i % 2 == 0 ? BACKUP : PRIMARY, f.current());
        }
        f.connected();
        f.loggedOn();
        f.ended();
        assertEquals(0, f.ended(), "a logon starts the count again");
    }

    @Test
    void oneAddressIsLeftToTheReconnectInterval() {
        AddressFailover f = new AddressFailover(List.of(PRIMARY), 5_000);
        assertEquals(-1, f.ended());
        assertEquals(PRIMARY, f.current());
    }
}
