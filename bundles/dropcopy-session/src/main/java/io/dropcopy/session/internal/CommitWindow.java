package io.dropcopy.session.internal;

import java.util.TreeMap;

/**
 * The business messages of one target session handed to its consumers and not yet committed by them (deferred
 * delivery), in plain Java: the in-flight window the session's thread waits on when it is full, the checkpoint (the
 * lowest message not yet committed, which the sequence store persists instead of QuickFIX/J's own number), and the
 * first failure, after which nothing more is taken until the session starts again from the checkpoint.
 *
 * <p>Each start of the session ({@link #restart}) begins a new generation: completions of the earlier one are
 * ignored, since the session then reads its checkpoint back and has CME resend everything from there.
 */
final class CommitWindow {

    /** Thrown by {@link #begin} when the window takes nothing: after a failure, or while the session stops. */
    static final class NotTakingException extends Exception {
        private static final long serialVersionUID = 1L;

        NotTakingException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** One message handed over; completed at most once. */
    static final class Ticket {
        final int seqNum;
        final long generation;
        boolean done;

        Ticket(int seqNum, long generation) {
            this.seqNum = seqNum;
            this.generation = generation;
        }
    }

    /** Sequence number -> how many tickets of it are open (usually one; a number may come again after a resend). */
    private final TreeMap<Integer, Integer> open = new TreeMap<>();
    private int inFlight;
    private long generation;
    private Throwable failure;
    private boolean closed;

    /**
     * Registers message {@code seqNum} before it is handed over, waiting while {@code maxInFlight} are open, and after a
     * failure until the session stops (it then logs on again from the checkpoint): one message refused, not every
     * message that arrives meanwhile.
     *
     * @throws NotTakingException once {@link #close}d or restarted (also when that happens while waiting)
     */
    synchronized Ticket begin(int seqNum, int maxInFlight) throws NotTakingException, InterruptedException {
        long entered = generation;
        while (true) {
            if (closed || generation != entered) {
                throw failure != null
                        ? new NotTakingException("a consumer failed message " + failedSeqNum + ": " + failure, failure)
                        : new NotTakingException("the session is stopping", null);
            }
            if (failure == null && inFlight < Math.max(1, maxInFlight)) {
                break;
            }
            wait();
        }
        open.merge(seqNum, 1, Integer::sum);
        inFlight++;
        return new Ticket(seqNum, generation);
    }

    private int failedSeqNum;

    /**
     * The ticket's message is committed.
     *
     * @return whether the checkpoint may have moved (the store then persists it again)
     */
    synchronized boolean commit(Ticket t) {
        if (t.done || t.generation != generation) {
            return false;
        }
        t.done = true;
        boolean lowest = open.firstKey() == t.seqNum;
        release(t);
        return lowest;
    }

    /**
     * The ticket's message failed: it stays open (the checkpoint never passes it) and the window takes nothing more.
     *
     * @return true for the first failure of this generation: the session must then start again from the checkpoint
     */
    synchronized boolean fail(Ticket t, Throwable cause) {
        if (t.done || t.generation != generation) {
            return false;
        }
        t.done = true;
        boolean first = failure == null;
        if (first) {
            failure = cause;
            failedSeqNum = t.seqNum;
            notifyAll();
        }
        return first;
    }

    /**
     * The message was not handed over after all (a consumer threw at once: QuickFIX/J does not count it and asks for it
     * again): forgotten, as if never begun.
     */
    synchronized void abandon(Ticket t) {
        if (t.done || t.generation != generation) {
            return;
        }
        t.done = true;
        release(t);
    }

    private void release(Ticket t) {
        open.computeIfPresent(t.seqNum, (k, n) -> n == 1 ? null : n - 1);
        inFlight--;
        notifyAll();
    }

    /** The lowest message not committed, or {@link Integer#MAX_VALUE} when every message handed over is. */
    synchronized int lowestOpen() {
        return open.isEmpty() ? Integer.MAX_VALUE : open.firstKey();
    }

    synchronized int inFlight() {
        return inFlight;
    }

    synchronized Throwable failure() {
        return failure;
    }

    /** A new generation (the session starts, or its sequence numbers were reset): nothing open, no failure. */
    synchronized void restart() {
        generation++;
        open.clear();
        inFlight = 0;
        failure = null;
        closed = false;
        notifyAll();
    }

    /** Takes nothing more (a waiting {@link #begin} gives up); completions of open tickets still count. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }

    /**
     * Waits up to {@code millis} until nothing is open; true when nothing is. Gives up at once after a failure: a failed
     * message stays open for good (everything from it comes again anyway).
     */
    synchronized boolean awaitEmpty(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (inFlight > 0 && failure == null) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }
}
