package io.dropcopy.simulator;

import io.dropcopy.model.DropCopyUnwrapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Message;
import quickfix.Session;

/**
 * The simulator's outbound stream: a generator thread that takes the messages of a {@link MessageSource} (synthetic,
 * realistic or a recording) and sends them, wrapped as CME does, while the client is logged on, at the configured
 * rate, in bursts, or with a recording's own gaps; PossResend copies mixed in; a runtime replay that interrupts the
 * stream and hands it back when it ends. What is generated is the source's business; how it is paced is this class's.
 */
final class Traffic {
    private static final Logger LOG = LoggerFactory.getLogger(Traffic.class);
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long MAX_PACING_LAG_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int RECENT = 1000;
    private static final String REQUEST_TIME = "\u00015979=";
    static final String XML_NON_FIX = "n";
    private static final int XML_DATA_LEN = 212;
    private static final int XML_DATA = 213;
    private static final int POSS_RESEND = 97;

    private final SimulatorConfig config;
    private final Supplier<Session> session;
    /** True while the stream must wait (a weekly reset's Logout is on its way). */
    private final BooleanSupplier paused;
    private final AtomicLong sent = new AtomicLong();
    /** What was sent, from the generator's own notes: the expected ledger. */
    private final LedgerBook ledger;
    private final AtomicLong possResendsSent = new AtomicLong();
    /** Serializes the generator thread, backlogs and sequence faults: one position, one stream. */
    private final Object lock = new Object();
    private final Random faultRandom;
    /** The last inner messages sent in real time (guarded by lock), copied by PossResend duplicates. */
    private final ArrayDeque<String> recent = new ArrayDeque<>();
    private final Queue<String> duplicates = new ConcurrentLinkedQueue<>();
    private long liveMessages;
    private boolean lastWasLive;
    private volatile Thread generator;
    private volatile boolean running;
    private volatile boolean finished;
    private volatile MessageSource source;
    /** The stream a runtime {@link #replay} interrupted, resumed when the replay ends (guarded by lock). */
    private MessageSource interrupted;

    Traffic(SimulatorConfig config, Supplier<Session> session, BooleanSupplier paused) {
        this.config = config;
        this.session = session;
        this.paused = paused;
        this.faultRandom = new Random(config.seed());
        this.ledger = new LedgerBook(config.targetCompId(), config.segmentId());
    }

    /** One line: the expected ledger's counts. */
    String ledgerSummary() {
        return ledger.summary();
    }

    /** The expected ledger of what was sent so far. */
    ExpectedLedger expectedLedger() {
        return ledger.snapshot();
    }

    /** The lock of the stream: held while a fault moves the outbound sequence. */
    Object lock() {
        return lock;
    }

    /** Starts the generator on {@code src}; it waits for a logon. */
    void start(MessageSource src) {
        source = src;
        running = true;
        finished = false;
        Thread t = new Thread(this::generate, "dropcopy-simulator-" + config.targetCompId());
        t.setDaemon(true);
        generator = t;
        t.start();
    }

    /** Stops the generator thread (its position stays in the source until {@link #close}). */
    void stop() {
        running = false;
        Thread t = generator;
        generator = null;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                LOG.warn("Drop copy simulator generator thread {} did not stop within 10 s", t.getName());
            }
        }
    }

    /** Closes the sources, saving the stream's position. */
    void close() {
        synchronized (lock) {
            closeQuietly(interrupted);
            interrupted = null;
            closeQuietly(source);
        }
    }

    void wake() {
        Thread t = generator;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    boolean isRunning() {
        return running;
    }

    boolean isFinished() {
        return finished;
    }

    String position() {
        MessageSource s = source;
        return s == null ? "-" : s.position();
    }

    long sent() {
        return sent.get();
    }

    long possResendsSent() {
        return possResendsSent.get();
    }

    int pendingPossResends() {
        return duplicates.size();
    }

    /** One generator thread's pacing state. */
    private static final class Pacing {
        final long rateInterval;
        final long burstEvery;
        long lastDue;
        boolean paced;
        boolean pauseKept;
        long nextBurst;

        Pacing(SimulatorConfig config) {
            rateInterval = config.rate() > 0 ? (long) (TimeUnit.SECONDS.toNanos(1) / config.rate()) : 0;
            burstEvery = (long) (config.burstEvery() * TimeUnit.SECONDS.toNanos(1));
        }
    }

    private void generate() {
        Pacing p = new Pacing(config);
        while (running) {
            MessageSource src;
            boolean ended;
            try {
                synchronized (lock) {
                    endReplayIfDone();
                    src = source;
                    ended = src.finished();
                }
            } catch (IOException | RuntimeException e) {
                LOG.error("Drop copy simulator {}: cannot read the stream; generator stopped", config.displayName(), e);
                running = false;
                break;
            }
            if (ended && duplicates.isEmpty()) {
                if (!finished) {
                    finished = true;
                    LOG.info("Drop copy simulator {}: stream ended ({})", config.displayName(), src.position());
                }
                LockSupport.parkNanos(IDLE_NANOS);
                continue;
            }
            finished = false;
            Session s = session.get();
            if (s == null || !mayStream(s)) {
                p.paced = false;
                p.nextBurst = 0;
                LockSupport.parkNanos(IDLE_NANOS);
                continue;
            }
            long now = System.nanoTime();
            long gap = ended ? -1 : src.recordedGapNanos();
            try {
                if (config.burstSize() > 0 && gap < 0 && burst(p, s, now)) {
                    continue;
                }
                if (!turnCome(p, src, now, gap)) {
                    continue;
                }
                sendOne(s);
            } catch (IOException | RuntimeException e) {
                LOG.error("Drop copy simulator {}: cannot send or record {}; generator stopped", config.displayName(),
                        src.position(), e);
                running = false;
            }
        }
    }

    /** Sends a burst when one is due; true when it did. */
    private boolean burst(Pacing p, Session s, long now) throws IOException {
        if (p.nextBurst == 0) {
            p.nextBurst = now + p.burstEvery;
        }
        if (now - p.nextBurst < 0) {
            return false;
        }
        for (int i = 0; i < config.burstSize() && running && mayStream(s); i++) {
            if (!sendOne(s)) {
                break;
            }
        }
        p.nextBurst = System.nanoTime() + p.burstEvery;
        p.paced = false;
        return true;
    }

    /**
     * Paces the stream: at the configured rate, or a replay at the recorded gaps ({@code gap} >= 0) over its speed.
     * False when the next message is not due yet (after a short wait: the caller checks everything again).
     */
    private boolean turnCome(Pacing p, MessageSource src, long now, long gap) {
        long spacing;
        if (gap >= 0) {
            double speed = src.speed();
            spacing = Double.isInfinite(speed) ? 0 : (long) (gap / speed);
        } else {
            spacing = p.rateInterval;
        }
        if (spacing <= 0) {
            return true;
        }
        if (!p.paced) {
            p.lastDue = now - spacing;
            p.paced = true;
        }
        long due = p.lastDue + spacing;
        if (gap < 0 && now - due > MAX_PACING_LAG_NANOS) {
            due = now; // after a stall, resume the rate instead of bursting to catch up
        } else if (gap >= MAX_PACING_LAG_NANOS && !p.pauseKept && now - due > 0) {
            // a pause in a recording stays a pause when the replay runs late (its consumer took the
            // messages before it slower than recorded): waited from now, not swallowed by the lag
            due = now + spacing;
            p.lastDue = now;
            p.pauseKept = true;
        }
        long wait = due - now;
        if (config.burstSize() > 0 && gap < 0) {
            wait = Math.min(wait, p.nextBurst - now);
        }
        if (wait > 0) {
            LockSupport.parkNanos(Math.min(wait, IDLE_NANOS)); // may return early: check again
            return false;
        }
        p.lastDue = due;
        p.pauseKept = false;
        return true;
    }

    /** Logged on, not being logged out or reset. */
    private boolean mayStream(Session s) {
        return s.isLoggedOn() && s.isEnabled() && !paused.getAsBoolean();
    }

    /** One message: a pending PossResend copy after each real-time message, else the next of the stream. */
    private boolean sendOne(Session s) throws IOException {
        synchronized (lock) {
            if (!mayStream(s)) {
                return false; // checked again under the lock: a weekly reset or forced logout may have begun
            }
            String duplicate = duplicates.peek();
            if (duplicate != null && (lastWasLive || source.finished())) {
                duplicates.poll();
                Message copy = wrap(duplicate, true);
                s.send(copy);
                ledger.sent(outerSeq(copy), true, null, Instant.now());
                possResendsSent.incrementAndGet();
                lastWasLive = false;
                return true;
            }
            return sendNext(s);
        }
    }

    /**
     * Sends the next message of the stream. QuickFIX/J persists it and takes its sequence number even when the
     * client is not logged on: it is then resent on the client's Resend Request, so it counts as sent.
     *
     * @return false when the stream has no next message
     */
    private boolean sendNext(Session s) throws IOException {
        synchronized (lock) {
            MessageSource src = source;
            Instant now = Instant.now();
            String inner = src.current(now);
            if (inner == null) {
                return false;
            }
            boolean copy = src.possResend();
            Message m = wrap(inner, copy);
            s.send(m);
            ledger.sent(outerSeq(m), copy, src.note(), now);
            sent.incrementAndGet();
            src.advance();
            lastWasLive = true;
            recent.addLast(inner);
            if (recent.size() > RECENT) {
                recent.removeFirst();
            }
            liveMessages++;
            if (config.possResendEvery() > 0 && liveMessages % config.possResendEvery() == 0) {
                queueDuplicates(1, true);
            }
            return true;
        }
    }

    private void endReplayIfDone() throws IOException {
        if (interrupted != null && source.finished()) {
            LOG.info("Simulator {}: {}; back to the stream", config.displayName(), source.position());
            closeQuietly(source);
            source = interrupted;
            interrupted = null;
        }
    }

    /** Sends the next {@code messages} messages of the stream at once, whether the client is logged on or not. */
    void sendBacklog(Session s, int messages) throws IOException {
        for (int i = 0; i < messages; i++) {
            if (!sendNext(s)) {
                break;
            }
        }
    }

    /** Queues {@code count} PossResend copies of recent real-time messages; returns how many were queued. */
    int possResend(int count) {
        synchronized (lock) {
            return queueDuplicates(count, false);
        }
    }

    private int queueDuplicates(int count, boolean random) {
        List<String> candidates = new ArrayList<>();
        for (String inner : recent) {
            if (inner.contains(REQUEST_TIME)) {
                candidates.add(inner);
            }
        }
        if (candidates.isEmpty()) {
            candidates.addAll(recent);
        }
        if (candidates.isEmpty()) {
            return 0;
        }
        int n = Math.min(count, candidates.size());
        if (random) {
            for (int i = 0; i < n; i++) {
                duplicates.add(candidates.get(faultRandom.nextInt(candidates.size())));
            }
        } else {
            duplicates.addAll(candidates.subList(candidates.size() - n, candidates.size()));
        }
        LockSupport.unpark(generator);
        return n;
    }

    /** Interrupts the stream with {@code replay}; the stream resumes when it ends. */
    void replay(MessageSource replay) throws IOException {
        synchronized (lock) {
            if (source == null) {
                replay.close();
                throw new IllegalStateException("simulator not started");
            }
            if (interrupted == null) {
                interrupted = source;
            } else {
                closeQuietly(source);
            }
            source = replay;
        }
        finished = false;
        LockSupport.unpark(generator);
    }

    /** The outer target-session message: 35=n with 212/213 in the header, as in QuickFIX/J's FIX42.xml. */
    static Message wrap(String innerMessage) {
        return wrap(innerMessage, false);
    }

    /** The same, marked PossResend(97)=Y when {@code possResend}: a possible duplicate after a failover. */
    static Message wrap(String innerMessage, boolean possResend) {
        String data = DropCopyUnwrapper.envelope(innerMessage);
        Message outer = new Message();
        outer.getHeader().setString(35, XML_NON_FIX);
        if (possResend) {
            outer.getHeader().setBoolean(POSS_RESEND, true);
        }
        outer.getHeader().setInt(XML_DATA_LEN, data.length());
        outer.getHeader().setString(XML_DATA, data);
        return outer;
    }

    /** The MsgSeqNum QuickFIX/J gave the message when sending it (-1 if it gave none). */
    private static long outerSeq(Message m) {
        try {
            return m.getHeader().getInt(34);
        } catch (quickfix.FieldNotFound e) {
            return -1;
        }
    }

    static void closeQuietly(MessageSource s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                LOG.debug("closing {}", s.position(), e);
            }
        }
    }
}
