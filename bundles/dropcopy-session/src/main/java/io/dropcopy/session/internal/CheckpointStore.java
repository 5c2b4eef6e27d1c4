package io.dropcopy.session.internal;

import java.io.Closeable;
import java.io.IOException;
import java.util.Collection;
import java.util.Date;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.MessageStore;
import quickfix.MessageStoreFactory;
import quickfix.RuntimeError;
import quickfix.SessionID;

/**
 * QuickFIX/J's sequence store (file or JDBC), with one change: the next incoming sequence number it persists never
 * runs ahead of what the consumers committed. QuickFIX/J sees its own number in memory; the store holds
 * {@code min(that, lowest message not yet committed)} (admin messages, gap fills and dead letters count as committed
 * at once). After a crash the session logs on with the persisted number, CME's higher MsgSeqNum makes QuickFIX/J ask
 * for a resend, and the consumers drop what they already hold. With synchronous consumers nothing is ever open and it
 * persists exactly what QuickFIX/J does.
 */
final class CheckpointStore implements MessageStore, Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);

    private final MessageStore store;
    private final CommitWindow window;
    private final String name;
    /** QuickFIX/J's next incoming number. */
    private int next;
    /** What the store holds. */
    private int persisted;
    private boolean closed;
    /**
     * Commits move the checkpoint at most this often in the store (0: at every move). A persisted checkpoint lagging
     * behind is always safe (more is resent after a crash, the sinks drop it); one ahead never happens.
     */
    private final long minPersistNanos;
    private long lastPersistNanos;
    private boolean dirty;

    CheckpointStore(MessageStore store, CommitWindow window, String name) throws IOException {
        this(store, window, name, 0);
    }

    CheckpointStore(MessageStore store, CommitWindow window, String name, long minPersistMillis) throws IOException {
        this.store = store;
        this.window = window;
        this.name = name;
        this.minPersistNanos = minPersistMillis * 1_000_000L;
        this.lastPersistNanos = System.nanoTime() - minPersistNanos;
        this.next = store.getNextTargetMsgSeqNum();
        this.persisted = next;
    }

    /**
     * Wraps every store the factory makes; {@code created} learns each new one. {@code minPersistMillis}: see
     * {@link #minPersistNanos} (a JDBC store pays a database commit per write).
     */
    static MessageStoreFactory factory(MessageStoreFactory factory, CommitWindow window, String name,
                                       long minPersistMillis, Consumer<CheckpointStore> created) {
        return sessionId -> {
            MessageStore store = factory.create(sessionId);
            try {
                CheckpointStore s = new CheckpointStore(store, window, name, minPersistMillis);
                created.accept(s);
                return s;
            } catch (IOException e) {
                throw new RuntimeError(e);
            }
        };
    }

    /** QuickFIX/J moved its number (session thread). */
    private void moved() throws IOException {
        int open = window.lowestOpen();
        if (open > next || minPersistNanos == 0) {
            persist(); // nothing open below it: QuickFIX/J's own number, at once, as QuickFIX/J would
        } else if (Math.min(next, open) < persisted) {
            persist(); // lower (never the case when only counting up): at once
        } else {
            dirty = true; // the checkpoint is a message still open: its commit persists it
        }
    }

    private void persist() throws IOException {
        int checkpoint = Math.min(next, window.lowestOpen());
        dirty = false;
        if (checkpoint != persisted) {
            store.setNextTargetMsgSeqNum(checkpoint);
            persisted = checkpoint;
            lastPersistNanos = System.nanoTime();
        }
    }

    /** A commit may have moved the checkpoint (called on the committing thread). */
    synchronized void checkpointMoved() {
        if (closed) {
            return; // stays lower: everything from it comes again
        }
        if (minPersistNanos > 0 && System.nanoTime() - lastPersistNanos < minPersistNanos) {
            dirty = true; // flush() writes it
            return;
        }
        tryPersist();
    }

    /** Writes a checkpoint held back by {@link #minPersistNanos}; called every few ms by the session. */
    synchronized void flush() {
        if (dirty && !closed) {
            tryPersist();
        }
    }

    private void tryPersist() {
        try {
            persist();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Drop copy session {}: cannot persist the checkpoint (it stays at {}): {}", name, persisted,
                    e.toString());
        }
    }

    /** The incoming number the store holds: where the session starts again after a crash. */
    synchronized int persistedNextTarget() {
        return persisted;
    }

    @Override
    public synchronized int getNextTargetMsgSeqNum() {
        return next;
    }

    @Override
    public synchronized void setNextTargetMsgSeqNum(int next) throws IOException {
        this.next = next;
        moved();
    }

    @Override
    public synchronized void incrNextTargetMsgSeqNum() throws IOException {
        next++;
        moved();
    }

    @Override
    public synchronized void reset() throws IOException {
        store.reset();
        window.restart();
        next = store.getNextTargetMsgSeqNum();
        persisted = next;
    }

    @Override
    public synchronized void refresh() throws IOException {
        store.refresh();
        next = store.getNextTargetMsgSeqNum();
        persisted = next;
    }

    @Override
    public synchronized boolean set(int sequence, String message) throws IOException {
        return store.set(sequence, message);
    }

    @Override
    public synchronized void get(int startSequence, int endSequence, Collection<String> messages) throws IOException {
        store.get(startSequence, endSequence, messages);
    }

    @Override
    public synchronized int getNextSenderMsgSeqNum() throws IOException {
        return store.getNextSenderMsgSeqNum();
    }

    @Override
    public synchronized void setNextSenderMsgSeqNum(int next) throws IOException {
        store.setNextSenderMsgSeqNum(next);
    }

    @Override
    public synchronized void incrNextSenderMsgSeqNum() throws IOException {
        store.incrNextSenderMsgSeqNum();
    }

    @Override
    public synchronized Date getCreationTime() throws IOException {
        return store.getCreationTime();
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        if (store instanceof Closeable) {
            ((Closeable) store).close();
        }
    }
}
