package io.dropcopy.simulator;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's MINA filter, between QuickFIX/J's session and its FIX codec, so it sees every message as the
 * String QuickFIX/J writes or has read. It carries the wire faults: messages lost in transit (already stored by
 * QuickFIX/J, so a resend recovers them), a throttled link (messages leave at most at a given rate, queued here
 * without blocking QuickFIX/J), reading of the client's socket suspended (back-pressure: the client's own writes
 * back up and its heartbeats go unheard), and the socket dropped. It also records every message as it goes onto
 * the wire ({@link Recording}).
 */
final class WireFilter extends IoFilterAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(WireFilter.class);
    private static final String SOH = "\u0001";

    private final String name;
    private final Object lock = new Object();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private volatile double throttle;
    private boolean releasing;
    private Thread releaser;
    private volatile boolean closed;
    private volatile IoSession current;
    private final AtomicInteger dropNext = new AtomicInteger();
    private volatile int dropEvery;
    private long businessWrites;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private volatile Recording.Writer recorder;
    /** Business messages damaged on the wire (live and on every resend), for the bad-frame fault. */
    final FrameCorruption corruption = new FrameCorruption();

    WireFilter(String name) {
        this.name = name;
    }

    private record Pending(NextFilter next, IoSession session, WriteRequest request) {
    }

    // ---- controls ------------------------------------------------------------------------------------------

    /** Loses the next {@code count} real-time business messages on the wire (never resent copies). */
    void dropNext(int count) {
        dropNext.addAndGet(count);
    }

    void clearPendingDrops() {
        dropNext.set(0);
    }

    int pendingDrops() {
        return dropNext.get();
    }

    /** Loses every {@code n}-th real-time business message; 0 = off. */
    void dropEvery(int n) {
        if (n < 0 || n == 1) {
            throw new IllegalArgumentException("dropEvery must be 0 (off) or >= 2, got " + n);
        }
        dropEvery = n;
    }

    int dropEvery() {
        return dropEvery;
    }

    long dropped() {
        return dropped.get();
    }

    long written() {
        return written.get();
    }

    /** At most {@code messagesPerSecond} messages leave per second; 0 = no limit (what is queued leaves at once). */
    void throttle(double messagesPerSecond) {
        if (!(messagesPerSecond >= 0) || Double.isInfinite(messagesPerSecond)) {
            throw new IllegalArgumentException("throttle must be >= 0, got " + messagesPerSecond);
        }
        synchronized (lock) {
            throttle = messagesPerSecond;
            if (!queue.isEmpty()) {
                startReleaser();
            }
            lock.notifyAll();
        }
    }

    double throttle() {
        return throttle;
    }

    int queued() {
        synchronized (lock) {
            return queue.size();
        }
    }

    /** True while a PossDup (43=Y) business message, part of a resend, is still queued by the throttle. */
    boolean resendInFlight() {
        synchronized (lock) {
            for (Pending p : queue) {
                Object m = p.request().getMessage();
                if (m instanceof String && isPossDup((String) m)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Records every outbound message to {@code file} (appended), after a first comment line {@code header}. */
    void startRecording(java.nio.file.Path file, String header) throws IOException {
        stopRecording();
        recorder = new Recording.Writer(file, header);
        LOG.info("Simulator {}: recording the outbound stream to {}", name, file);
    }

    /** Stops recording; returns the file, or null when not recording. */
    java.nio.file.Path stopRecording() {
        Recording.Writer w = recorder;
        if (w == null) {
            return null;
        }
        recorder = null;
        try {
            w.close();
        } catch (IOException e) {
            LOG.warn("Simulator {}: closing {}", name, w.file(), e);
        }
        LOG.info("Simulator {}: recorded {} messages to {}", name, w.lines(), w.file());
        return w.file();
    }

    /** The file being recorded to, or null. */
    java.nio.file.Path recordingFile() {
        Recording.Writer w = recorder;
        return w == null ? null : w.file();
    }

    /** The client's connection, or null. */
    IoSession current() {
        return current;
    }

    /** Closes the client's socket now, without a Logout. Returns false when there is no connection. */
    boolean closeNow() {
        IoSession s = current;
        if (s == null) {
            return false;
        }
        s.closeNow();
        return true;
    }

    /**
     * Stops reading the client's socket for {@code duration} (zero: until {@link #resumeRead()}), resumed by
     * {@code scheduler}. Returns false when there is no connection.
     */
    boolean suspendRead(java.time.Duration duration, java.util.concurrent.ScheduledExecutorService scheduler) {
        IoSession s = current;
        if (s == null) {
            return false;
        }
        s.suspendRead();
        LOG.warn("Simulator {}: not reading the client's socket for {}", name, duration.isZero() ? "ever" : duration);
        if (!duration.isZero() && scheduler != null) {
            scheduler.schedule(this::resumeRead, duration.toMillis(), TimeUnit.MILLISECONDS);
        }
        return true;
    }

    void resumeRead() {
        IoSession s = current;
        if (s != null && s.isConnected()) {
            s.resumeRead();
        }
    }

    boolean isReadSuspended() {
        IoSession s = current;
        return s != null && s.isReadSuspended();
    }

    /** Ready for a (re)started simulator after {@link #shutdown()}. */
    void reopen() {
        synchronized (lock) {
            closed = false;
        }
    }

    /** Stops the throttle's thread; what is still queued is discarded. */
    void shutdown() {
        synchronized (lock) {
            closed = true;
            queue.clear();
            lock.notifyAll();
        }
    }

    // ---- MINA ----------------------------------------------------------------------------------------------

    @Override
    public void sessionOpened(NextFilter next, IoSession session) throws Exception {
        current = session;
        next.sessionOpened(session);
    }

    @Override
    public void sessionClosed(NextFilter next, IoSession session) throws Exception {
        if (current == session) {
            current = null;
        }
        synchronized (lock) {
            for (Iterator<Pending> it = queue.iterator(); it.hasNext(); ) {
                if (it.next().session() == session) {
                    it.remove();
                }
            }
            lock.notifyAll();
        }
        next.sessionClosed(session);
    }

    @Override
    public void filterWrite(NextFilter next, IoSession session, WriteRequest request) throws Exception {
        Object m = request.getMessage();
        if (m instanceof String && isBusiness((String) m)) {
            String damaged = corruption.apply((String) m, !isPossDup((String) m));
            if (damaged != m) {
                request = new org.apache.mina.core.write.DefaultWriteRequest(damaged, request.getFuture(),
                        request.getDestination());
                m = damaged;
            }
        }
        if (m instanceof String && drop((String) m)) {
            dropped.incrementAndGet();
            request.getFuture().setWritten(); // as far as QuickFIX/J knows, it went out
            return;
        }
        synchronized (lock) {
            if (throttle > 0 || !queue.isEmpty() || releasing) {
                queue.add(new Pending(next, session, request));
                startReleaser();
                lock.notifyAll();
                return;
            }
        }
        forward(next, session, request);
    }

    private boolean drop(String message) {
        if (!isBusiness(message) || isPossDup(message)) {
            return false;
        }
        int every = dropEvery;
        long n;
        synchronized (this) {
            n = ++businessWrites;
        }
        if (dropNext.getAndUpdate(x -> Math.max(0, x - 1)) > 0) {
            return true;
        }
        return every > 0 && n % every == 0;
    }

    private void forward(NextFilter next, IoSession session, WriteRequest request) {
        Object m = request.getMessage();
        if (m instanceof String) {
            written.incrementAndGet();
            Recording.Writer r = recorder;
            if (r != null) {
                try {
                    r.record(Recording.epochNanos(Instant.now()), (String) m);
                } catch (IOException e) {
                    if (recorder == r) {
                        LOG.error("Simulator {}: cannot record to {}; recording stopped", name, r.file(), e);
                        recorder = null;
                    }
                }
            }
        }
        next.filterWrite(session, request);
    }

    private void startReleaser() {
        if (releaser == null && !closed) {
            Thread t = new Thread(this::release, "dropcopy-simulator-wire-" + name);
            t.setDaemon(true);
            releaser = t;
            t.start();
        }
    }

    private void release() {
        long due = System.nanoTime();
        while (true) {
            Pending p;
            synchronized (lock) {
                while (queue.isEmpty() && !closed) {
                    try {
                        lock.wait(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    releaser = null;
                    return;
                }
                double rate = throttle;
                long now = System.nanoTime();
                if (rate > 0) {
                    if (now - due > TimeUnit.SECONDS.toNanos(1)) {
                        due = now; // idle for a while: no burst to catch up
                    }
                    if (due - now > 0) {
                        long wait = due - now;
                        try {
                            TimeUnit.NANOSECONDS.timedWait(lock, Math.min(wait, TimeUnit.MILLISECONDS.toNanos(100)));
                        } catch (InterruptedException e) {
                            return;
                        }
                        continue;
                    }
                    due += (long) (TimeUnit.SECONDS.toNanos(1) / rate);
                } else {
                    due = now;
                }
                p = queue.poll();
                releasing = true;
            }
            try {
                if (!p.session().isClosing()) {
                    forward(p.next(), p.session(), p.request());
                }
            } catch (RuntimeException e) {
                LOG.warn("Simulator {}: a throttled write failed", name, e);
            } finally {
                synchronized (lock) {
                    releasing = false;
                    lock.notifyAll();
                }
            }
            LockSupport.parkNanos(1); // let writers in
        }
    }

    static boolean isBusiness(String message) {
        return message.contains(SOH + "35=n" + SOH);
    }

    /** PossDupFlag(43)=Y in the outer header (the inner message in 213 may carry its own). */
    static boolean isPossDup(String message) {
        int data = message.indexOf(SOH + "213=");
        String header = data > 0 ? message.substring(0, data + 1) : message;
        return header.contains(SOH + "43=Y" + SOH);
    }
}
