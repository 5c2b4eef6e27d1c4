package io.dropcopy.session.internal;

import io.dropcopy.fix.LogonSigner;
import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.EventKind;
import io.dropcopy.model.EventTranslator;
import io.dropcopy.model.IsoTimes;
import io.dropcopy.model.MalformedMessageException;
import io.dropcopy.session.api.DeferredDropCopyListener;
import io.dropcopy.session.api.DropCopyHub;
import io.dropcopy.session.api.LatencyBuckets;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Application;
import quickfix.DoNotSend;
import quickfix.FieldMap;
import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;

/**
 * The QuickFIX/J callbacks of one target session. Signs the logon, refuses every application message
 * (the service is read-only), and hands each business message to the dispatcher on the QuickFIX/J
 * thread: if the dispatcher throws, QuickFIX/J does not advance the incoming sequence number and the
 * message is requested again, so a failing route loses nothing.
 */
final class DropCopyApplication implements Application {
    private static final Logger LOG = LoggerFactory.getLogger(DropCopyApplication.class);
    private static final int NEXT_EXPECTED_MSG_SEQ_NUM = 789;
    private static final int REF_MSG_TYPE = 372;

    interface Dispatcher {
        /** Synchronous: returning means every consumer handled the event durably. */
        void dispatch(DropCopyEvent event) throws Exception;

        /**
         * Hands the event over; {@code completion} is called once, before or after this returns, when every consumer
         * committed it (or one failed). Throwing means it was not handed over: QuickFIX/J does not count it.
         */
        default void dispatch(DropCopyEvent event, Completion completion) throws Exception {
            dispatch(event);
            completion.committed();
        }

        /** How many events of the group may be handed over and not yet committed, per session. */
        default int maxInFlight(String group) {
            return DropCopyHub.DEFAULT_MAX_IN_FLIGHT;
        }
    }

    /** Completion of one event handed over. */
    interface Completion extends DeferredDropCopyListener.Completion {
    }

    /** Thrown out of {@code fromApp} so QuickFIX/J keeps the message unconsumed. */
    static final class DispatchFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DispatchFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final TargetSessionConfig config;
    private final Dispatcher dispatcher;
    final DeadLetterFile deadLetters;
    final AtomicLong received = new AtomicLong();
    final AtomicLong deadLettered = new AtomicLong();
    final AtomicLong refusedSends = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    /** Possible resends (97=Y) of messages already delivered, dropped by CME's rule (5979, source sequence). */
    final AtomicLong duplicatesDropped = new AtomicLong();
    /** Frames QuickFIX/J could not parse, moved past after a bounded number of identical failures. */
    final UnreadableFrames unreadable;
    /** Persisted next to the sequence store, so the rule holds across a restart. */
    final PossibleResends possibleResends;
    volatile boolean loggedOn;
    /** The resend in flight, set once the session is started. */
    volatile ResendWatchdog watchdog;
    /** Narrows a resend CME refused as outside its window; set once the session is started. */
    volatile WindowNarrowing narrowing;
    final UnrecoverableGaps unrecoverableGaps;
    /** BeginSeqNo of a duplicate Resend Request about to be sent; QuickFIX/J's send() strips 43, so toAdmin adds it. */
    volatile int duplicateResendBegin;
    private volatile Instant lastMessage;
    /** NextExpectedMsgSeqNum(789) of CME's Logout answering our Logon, until a logon succeeds; 0 when none. */
    private volatile int nextExpectedByCme;

    /** Business messages handed over and not yet committed (deferred delivery); see CheckpointStore. */
    final CommitWindow window = new CommitWindow();
    /** The sequence store of the running initiator, persisting the checkpoint. */
    volatile CheckpointStore store;
    /** Told of the first failed completion of a generation: the session starts again from the checkpoint. */
    volatile Consumer<Throwable> onDeferredFailure = cause -> { };

    DropCopyApplication(TargetSessionConfig config, Dispatcher dispatcher, Path deadLetterDir) {
        this.config = config;
        this.dispatcher = dispatcher;
        this.deadLetters = new DeadLetterFile(deadLetterDir, config.name);
        this.unreadable = new UnreadableFrames(config.name);
        this.possibleResends = new PossibleResends(PossibleResends.DEFAULT_CAPACITY,
                config.storeDir.resolve(PossibleResends.FILE_NAME));
        this.unrecoverableGaps = new UnrecoverableGaps(config.storeDir.resolve("unrecoverable-gaps.jsonl"));
    }

    @Override
    public void onCreate(SessionID sessionId) {
        LOG.info("Drop copy session {} created ({})", config.name, sessionId);
    }

    @Override
    public void onLogon(SessionID sessionId) {
        loggedOn = true;
        nextExpectedByCme = 0;
        LOG.info("Drop copy session {} logged on", config.name);
    }

    @Override
    public void onLogout(SessionID sessionId) {
        loggedOn = false;
        applyNextExpected(sessionId);
        LOG.info("Drop copy session {} logged out", config.name);
    }

    @Override
    public void toAdmin(Message message, SessionID sessionId) {
        if (isType(message, "3")) {
            rejected.incrementAndGet();
            LOG.warn("Drop copy session {}: rejecting {}'s message {}: {}", config.name, config.targetCompId,
                    text(message, 45), text(message, 58));
        }
        // CME logs a session out for OrigSendingTime(122) on a logon or a duplicate resend request.
        if (isType(message, "2")) {
            message.getHeader().removeField(122);
            int begin = duplicateResendBegin;
            if (begin != 0 && message.isSetField(7) && text(message, 7).equals(String.valueOf(begin))) {
                message.getHeader().setBoolean(43, true);
                duplicateResendBegin = 0;
            }
        }
        if (isType(message, "A")) {
            LogonSigner.sign(message, config.activeAccessKeyId(), config.activeSecretKey(), config.applicationSystemName,
                    config.tradingSystemVersion, config.applicationSystemVendor);
        }
    }

    @Override
    public void fromAdmin(Message message, SessionID sessionId) throws FieldNotFound {
        if (isType(message, "3") && "2".equals(text(message, REF_MSG_TYPE))) {
            return; // a refused resend: WindowNarrowing has already decided what to do, before QuickFIX/J saw it
        }
        if (isType(message, "5")) {
            LOG.warn("Drop copy session {}: Logout from {}: {}{}", config.name, config.targetCompId,
                    text(message, 58), message.isSetField(NEXT_EXPECTED_MSG_SEQ_NUM)
                            ? " (NextExpectedMsgSeqNum " + text(message, NEXT_EXPECTED_MSG_SEQ_NUM) + ")" : "");
            if (!loggedOn && message.isSetField(NEXT_EXPECTED_MSG_SEQ_NUM)) {
                // applied once QuickFIX/J has answered with its own Logout, which takes a number itself
                nextExpectedByCme = message.getInt(NEXT_EXPECTED_MSG_SEQ_NUM);
            }
        }
    }

    /**
     * Applies CME's pending 789, if any, to the session's store: when the connection ends (after QuickFIX/J's own
     * Logout reply) and again when a new initiator starts (the failover may start it before QuickFIX/J calls
     * onLogout). Idempotent.
     */
    void applyNextExpected(SessionID sessionId) {
        int next = nextExpectedByCme;
        if (next != 0) {
            honourNextExpected(sessionId, next);
        }
    }

    /**
     * Mid-week logon: CME refused our logon and said which sequence number it expects (789). Log on again
     * with exactly it, as CME requires; also lower (a refused backup logon starts again at 1): our outgoing
     * stream carries admin messages only, and CME never processed the numbers above 789, so nothing is lost.
     */
    private void honourNextExpected(SessionID sessionId, int next) {
        Session session = Session.lookupSession(sessionId);
        if (session == null) {
            return;
        }
        int ours = session.getExpectedSenderNum();
        if (next >= 1 && next != ours) {
            try {
                session.setNextSenderMsgSeqNum(next);
                LOG.warn("Drop copy session {}: {} expects MsgSeqNum {} (we were at {}); logging on again with it",
                        config.name, config.targetCompId, next, ours);
            } catch (IOException e) {
                LOG.error("Drop copy session {}: cannot store NextExpectedMsgSeqNum {}", config.name, next, e);
            }
        }
    }

    /** The read-only guard: a drop copy consumer never sends an application message. */
    @Override
    public void toApp(Message message, SessionID sessionId) throws DoNotSend {
        refusedSends.incrementAndGet();
        LOG.error("Drop copy session {} refused to send an application message (35={}): the drop copy service is read-only",
                config.name, text(message.getHeader(), 35));
        throw new DoNotSend();
    }

    @Override
    public void fromApp(Message message, SessionID sessionId) throws FieldNotFound {
        long arrived = System.nanoTime();
        // the bytes as received, kept by QuickFIX/J's parser (toString() would serialize the message again)
        String raw = message.toRawString();
        if (raw == null) {
            raw = message.toString();
        }
        UnreadableFrames.Failure unreadableFrame = unreadable.claim(raw);
        if (unreadableFrame != null) {
            deadLetter(message, unreadableFrame.raw, "unreadable frame: QuickFIX/J could not parse it "
                    + unreadableFrame.attempts + " times (live and on resend): " + unreadableFrame.reason);
            return;
        }
        String badChecksum = InnerChecksum.mismatch(raw);
        if (badChecksum != null) {
            deadLetter(message, raw, badChecksum);
            return;
        }
        DropCopyEvent event;
        try {
            event = EventTranslator.translate(raw, config.group, config.name);
        } catch (MalformedMessageException e) {
            deadLetter(message, raw, e.getMessage());
            return;
        }
        if (possibleResends.isDuplicate(event)) {
            duplicatesDropped.incrementAndGet();
            LOG.info("Drop copy session {}: seq {} is a possible resend (97=Y) of {} already delivered: dropped",
                    config.name, event.seqNum(), PossibleResends.key(event));
            return;
        }
        CommitWindow.Ticket ticket;
        try {
            ticket = window.begin((int) event.seqNum(), dispatcher.maxInFlight(config.group));
        } catch (CommitWindow.NotTakingException e) {
            throw new DispatchFailedException("Drop copy session " + config.name + ": seq " + event.seqNum()
                    + " not taken, it will be requested again: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DispatchFailedException("Drop copy session " + config.name + ": interrupted", e);
        }
        Delivery delivery = new Delivery(ticket, event, arrived);
        try {
            dispatcher.dispatch(event, delivery);
        } catch (Exception e) {
            routeFailed(e); // first: health shows it as soon as the route's own error handling has run
            delivery.abandon();
            routeLatency.record(System.nanoTime() - arrived);
            throw new DispatchFailedException("Drop copy session " + config.name + ": seq " + event.seqNum()
                    + " not handled, it will be requested again: " + e.getMessage(), e);
        }
    }

    private void routeFailed(Throwable e) {
        routeFailures.incrementAndGet();
        lastRouteFailure = String.valueOf(e.getMessage());
        lastRouteFailureAt = Instant.now();
    }

    /** The fate of one event handed over; the first call counts. Completions may come on any thread. */
    private final class Delivery extends AtomicBoolean implements Completion {
        private static final long serialVersionUID = 1L;
        private final transient CommitWindow.Ticket ticket;
        private final transient DropCopyEvent event;
        private final long arrived;

        Delivery(CommitWindow.Ticket ticket, DropCopyEvent event, long arrived) {
            this.ticket = ticket;
            this.event = event;
            this.arrived = arrived;
        }

        @Override
        public void committed() {
            if (!compareAndSet(false, true)) {
                return;
            }
            if (window.commit(ticket)) {
                CheckpointStore s = store;
                if (s != null) {
                    s.checkpointMoved();
                }
            }
            possibleResends.delivered(event);
            routeLatency.record(System.nanoTime() - arrived);
            received.incrementAndGet();
            Instant now = Instant.now();
            lastMessage = now;
            perKind[event.kind().ordinal()].increment();
            recordEndToEnd(event.sendingTime(), now);
        }

        @Override
        public void failed(Throwable cause) {
            if (!compareAndSet(false, true)) {
                return;
            }
            routeLatency.record(System.nanoTime() - arrived);
            routeFailed(cause);
            if (window.fail(ticket, cause)) {
                LOG.error("Drop copy session {}: a route failed seq {} after taking it; taking nothing more, logging"
                        + " on again from seq {} so it is resent: {}", config.name, event.seqNum(),
                        window.lowestOpen(), String.valueOf(cause));
                onDeferredFailure.accept(cause);
            }
        }

        /** The dispatcher threw: not handed over (QuickFIX/J does not count it). */
        void abandon() {
            if (compareAndSet(false, true)) {
                window.abandon(ticket);
            }
        }
    }

    /** Messages whose routes failed, the last failure's message and time (for health: DOWN while failing). */
    final AtomicLong routeFailures = new AtomicLong();
    volatile String lastRouteFailure;
    volatile Instant lastRouteFailureAt;
    /** Arrival to the routes' return, per message handed to them. */
    final LatencyBuckets routeLatency = new LatencyBuckets();
    /** CME's SendingTime to the routes' return, per message they took. */
    final LatencyBuckets endToEndLatency = new LatencyBuckets();
    private final LongAdder[] perKind =
            new LongAdder[EventKind.values().length];

    {
        for (int i = 0; i < perKind.length; i++) {
            perKind[i] = new LongAdder();
        }
    }

    /** Messages the routes took, per kind label, kinds seen only. */
    Map<String, Long> eventsByKind() {
        Map<String, Long> out = new TreeMap<>();
        for (EventKind k : EventKind.values()) {
            long n = perKind[k.ordinal()].sum();
            if (n > 0) {
                out.put(k.label(), n);
            }
        }
        return out;
    }

    private void recordEndToEnd(String sendingTime, Instant now) {
        if (sendingTime == null) {
            return;
        }
        long sent = epochNanos(sendingTime);
        if (sent == Long.MIN_VALUE) {
            return; // a SendingTime the model could not normalise: no latency for it
        }
        endToEndLatency.record(now.getEpochSecond() * 1_000_000_000L + now.getNano() - sent);
    }

    /**
     * Nanoseconds since the epoch of an ISO-8601 UTC time as the model writes SendingTime
     * ({@code 2024-06-12T13:33:00.023Z}, any fraction), or Long.MIN_VALUE. By hand ({@link IsoTimes}):
     * {@code Instant.parse} took a sixth of the session thread's time in the pipeline benchmark's profile.
     */
    long epochNanos(String t) {
        long epochSecond = IsoTimes.epochSecond(t);
        if (epochSecond == IsoTimes.NOT_READ) {
            return fallback(t);
        }
        return epochSecond * 1_000_000_000L + IsoTimes.nanoOfSecond(t);
    }

    private static long fallback(String t) {
        try {
            Instant sent = Instant.parse(t);
            return sent.getEpochSecond() * 1_000_000_000L + sent.getNano();
        } catch (DateTimeParseException | ArithmeticException e) {
            return Long.MIN_VALUE;
        }
    }

    String lastRouteFailureTime() {
        Instant t = lastRouteFailureAt;
        return t == null ? null : t.toString();
    }

    String lastMessageTime() {
        Instant t = lastMessage;
        return t == null ? null : t.toString();
    }

    private void deadLetter(Message message, String raw, String reason) throws FieldNotFound {
        int seq = message.getHeader().getInt(34);
        try {
            Path file = deadLetters.write(seq, reason, raw);
            deadLettered.incrementAndGet();
            LOG.error("Drop copy session {}: malformed business message seq {} ({}) written to dead letters {}",
                    config.name, seq, reason, file);
        } catch (IOException e) {
            throw new DispatchFailedException("Drop copy session " + config.name + ": cannot write dead letter for seq "
                    + seq + ", it will be requested again", e);
        }
    }

    private static boolean isType(Message message, String type) {
        return type.equals(text(message.getHeader(), 35));
    }

    private static String text(FieldMap map, int tag) {
        try {
            return map.isSetField(tag) ? map.getString(tag) : "";
        } catch (FieldNotFound e) {
            return "";
        }
    }
}
