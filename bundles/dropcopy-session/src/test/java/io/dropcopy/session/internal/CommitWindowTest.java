package io.dropcopy.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import quickfix.MemoryStore;

/** The checkpoint arithmetic, the window and the failure rule of deferred delivery, without a session. */
class CommitWindowTest {

    @Test
    void theCheckpointIsTheLowestMessageNotCommittedWhateverTheOrderOfCompletions() throws Exception {
        CommitWindow w = new CommitWindow();
        CommitWindow.Ticket t1 = w.begin(1, 10);
        CommitWindow.Ticket t2 = w.begin(2, 10);
        CommitWindow.Ticket t3 = w.begin(3, 10);
        assertFalse(w.commit(t3), "3 was not the lowest: the checkpoint stays");
        assertEquals(1, w.lowestOpen());
        assertFalse(w.commit(t2));
        assertEquals(1, w.lowestOpen());
        assertTrue(w.commit(t1));
        assertEquals(Integer.MAX_VALUE, w.lowestOpen());
        assertFalse(w.commit(t1), "a second completion counts for nothing");
        assertEquals(0, w.inFlight());
    }

    @Test
    void theStorePersistsQuickFixJsNumberOnlyUpToTheCheckpoint() throws Exception {
        CommitWindow w = new CommitWindow();
        MemoryStore memory = new MemoryStore();
        CheckpointStore store = new CheckpointStore(memory, w, "t");
        assertEquals(1, store.getNextTargetMsgSeqNum());

        CommitWindow.Ticket t1 = w.begin(1, 10);   // business 1 handed over, then QuickFIX/J counts it
        store.incrNextTargetMsgSeqNum();
        CommitWindow.Ticket t2 = w.begin(2, 10);
        store.incrNextTargetMsgSeqNum();
        store.incrNextTargetMsgSeqNum();            // 3: a heartbeat, committed at once
        assertEquals(4, store.getNextTargetMsgSeqNum(), "QuickFIX/J sees its own number");
        assertEquals(1, memory.getNextTargetMsgSeqNum(), "the store holds the lowest not committed");

        if (w.commit(t2)) {
            store.checkpointMoved();
        }
        assertEquals(1, memory.getNextTargetMsgSeqNum(), "2 committed before 1: still 1");
        assertTrue(w.commit(t1));
        store.checkpointMoved();
        assertEquals(4, memory.getNextTargetMsgSeqNum(), "everything committed: QuickFIX/J's number");

        CommitWindow.Ticket t4 = w.begin(4, 10);
        store.incrNextTargetMsgSeqNum();
        store.setNextTargetMsgSeqNum(20);           // a gap fill up to 19
        assertEquals(20, store.getNextTargetMsgSeqNum());
        assertEquals(4, memory.getNextTargetMsgSeqNum());
        assertTrue(w.commit(t4));
        store.checkpointMoved();
        assertEquals(20, memory.getNextTargetMsgSeqNum());

        store.incrNextSenderMsgSeqNum();
        assertEquals(2, memory.getNextSenderMsgSeqNum(), "the sender side is QuickFIX/J's, untouched");
    }

    @Test
    void withSynchronousConsumersTheStoreHoldsExactlyQuickFixJsNumber() throws Exception {
        CommitWindow w = new CommitWindow();
        MemoryStore memory = new MemoryStore();
        CheckpointStore store = new CheckpointStore(memory, w, "t");
        for (int seq = 1; seq <= 5; seq++) {
            CommitWindow.Ticket t = w.begin(seq, 10);
            if (w.commit(t)) {                      // committed before QuickFIX/J counts it
                store.checkpointMoved();
            }
            store.incrNextTargetMsgSeqNum();
            assertEquals(seq + 1, memory.getNextTargetMsgSeqNum());
        }
    }

    @Test
    void aFullWindowMakesTheSessionThreadWaitUntilACommitMakesRoom() throws Exception {
        CommitWindow w = new CommitWindow();
        CommitWindow.Ticket t1 = w.begin(1, 2);
        w.begin(2, 2);
        CompletableFuture<CommitWindow.Ticket> third = CompletableFuture.supplyAsync(() -> {
            try {
                return w.begin(3, 2);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThrows(java.util.concurrent.TimeoutException.class, () -> third.get(200, TimeUnit.MILLISECONDS),
                "two in flight, window of two: the third waits");
        w.commit(t1);
        assertEquals(3, third.get(10, TimeUnit.SECONDS).seqNum);
        assertEquals(2, w.inFlight());
    }

    @Test
    void closingReleasesAWaitingSessionThread() throws Exception {
        CommitWindow w = new CommitWindow();
        w.begin(1, 1);
        CompletableFuture<Throwable> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                w.begin(2, 1);
                return null;
            } catch (Exception e) {
                return e;
            }
        });
        assertThrows(java.util.concurrent.TimeoutException.class, () -> waiting.get(200, TimeUnit.MILLISECONDS));
        w.close();
        assertTrue(waiting.get(10, TimeUnit.SECONDS) instanceof CommitWindow.NotTakingException);
    }

    @Test
    void aFailureStopsTheWindowKeepsTheCheckpointAtTheFailedMessageAndARestartForgetsTheOldGeneration()
            throws Exception {
        CommitWindow w = new CommitWindow();
        MemoryStore memory = new MemoryStore();
        CheckpointStore store = new CheckpointStore(memory, w, "t");
        CommitWindow.Ticket t1 = w.begin(1, 10);
        store.incrNextTargetMsgSeqNum();
        CommitWindow.Ticket t2 = w.begin(2, 10);
        store.incrNextTargetMsgSeqNum();
        CommitWindow.Ticket t3 = w.begin(3, 10);
        store.incrNextTargetMsgSeqNum();

        assertTrue(w.fail(t2, new IllegalStateException("disk full")), "the first failure rewinds");
        assertFalse(w.fail(t3, new IllegalStateException("again")), "later ones do not");
        CompletableFuture<Throwable> fourth = CompletableFuture.supplyAsync(() -> {
            try {
                w.begin(4, 10);
                return null;
            } catch (Exception e) {
                return e;
            }
        });
        assertThrows(java.util.concurrent.TimeoutException.class, () -> fourth.get(200, TimeUnit.MILLISECONDS),
                "nothing more is taken: the session thread waits for the session to stop");
        w.commit(t1);
        store.checkpointMoved();
        assertEquals(2, memory.getNextTargetMsgSeqNum(), "never past the failed message");

        w.close();                                   // the session stops
        assertTrue(fourth.get(10, TimeUnit.SECONDS) instanceof CommitWindow.NotTakingException);
        w.restart();                                 // and logs on again from the store: 2
        CheckpointStore again = new CheckpointStore(memory, w, "t");
        assertEquals(2, again.getNextTargetMsgSeqNum());
        assertFalse(w.commit(t3), "a completion of the old generation is ignored");
        CommitWindow.Ticket t2b = w.begin(2, 10);
        again.incrNextTargetMsgSeqNum();
        assertTrue(w.commit(t2b));
        again.checkpointMoved();
        assertEquals(3, memory.getNextTargetMsgSeqNum());
    }

    @Test
    void aHandOverThatThrowsAtOnceIsForgotten() throws Exception {
        CommitWindow w = new CommitWindow();
        CommitWindow.Ticket t1 = w.begin(1, 10);
        CommitWindow.Ticket t2 = w.begin(2, 10);
        w.abandon(t2);
        assertEquals(1, w.inFlight());
        assertEquals(1, w.lowestOpen());
        w.commit(t1);
        assertEquals(Integer.MAX_VALUE, w.lowestOpen());
        assertTrue(w.awaitEmpty(0));
    }

    @Test
    void aJdbcStoreWritesCommitsAtMostEverySoOftenAndQuickFixJsOwnNumberAtOnce() throws Exception {
        CommitWindow w = new CommitWindow();
        MemoryStore memory = new MemoryStore();
        CheckpointStore store = new CheckpointStore(memory, w, "t", 60_000);
        CommitWindow.Ticket t1 = w.begin(1, 10);
        store.incrNextTargetMsgSeqNum();
        CommitWindow.Ticket t2 = w.begin(2, 10);
        store.incrNextTargetMsgSeqNum();
        assertTrue(w.commit(t1));
        store.checkpointMoved();
        assertEquals(2, memory.getNextTargetMsgSeqNum(), "the first move is written");
        assertTrue(w.commit(t2));
        store.checkpointMoved();
        assertEquals(2, memory.getNextTargetMsgSeqNum(), "the next one waits (lagging is safe)");
        store.flush();
        assertEquals(3, memory.getNextTargetMsgSeqNum(), "and the flush writes it");

        CommitWindow.Ticket t3 = w.begin(3, 10);    // synchronous: committed before QuickFIX/J counts it
        w.commit(t3);
        store.checkpointMoved();
        store.incrNextTargetMsgSeqNum();
        assertEquals(4, memory.getNextTargetMsgSeqNum(), "nothing open: QuickFIX/J's number, at once");
    }
}
