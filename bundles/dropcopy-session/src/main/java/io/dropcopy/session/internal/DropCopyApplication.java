package io.dropcopy.session.internal;

import io.dropcopy.fix.LogonSigner;
import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.EventTranslator;
import io.dropcopy.model.MalformedMessageException;
import io.dropcopy.session.api.DeferredDropCopyListener;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
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

    /** Thrown out of {@code fromApp} so QuickFIX/J keeps the message unconsumed. */
    static final class DispatchFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DispatchFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final TargetSessionConfig config;
    private final GroupDispatcher dispatcher;
    final DeadLetterFile deadLetters;
    /** The session's counters and latency histograms. */
    final SessionMetrics metrics = new SessionMetrics();
    /** Frames QuickFIX/J could not parse, moved past after a bounded number of identical failures. */
    final UnreadableFrames unreadable;
    /** Possible resends (97=Y) of messages already delivered, dropped by CME's rule (5979, source sequence); persisted
     *  next to the sequence store, so the rule holds across a restart. */
    final PossibleResends possibleResends;
    volatile boolean loggedOn;
    /** The resend in flight, set once the session is started. */
    volatile ResendWatchdog watchdog;
    /** Narrows a resend CME refused as outside its window; set once the session is started. */
    volatile WindowNarrowing narrowing;
    final UnrecoverableGaps unrecoverableGaps;
    /** BeginSeqNo of a duplicate Resend Request about to be sent; QuickFIX/J's send() strips 43, so toAdmin adds it. */
    volatile int duplicateResendBegin;
    /** NextExpectedMsgSeqNum(789) of CME's Logout answering our Logon, until a logon succeeds; 0 when none. */
    private volatile int nextExpectedByCme;

    /** Business messages handed over and not yet committed (deferred delivery); see CheckpointStore. */
    final CommitWindow window = new CommitWindow();
    /** The sequence store of the running initiator, persisting the checkpoint. */
    volatile CheckpointStore store;
    /** Told of the first failed completion of a generation: the session starts again from the checkpoint. */
    volatile Consumer<Throwable> onDeferredFailure = cause -> { };

    DropCopyApplication(TargetSessionConfig config, GroupDispatcher dispatcher, Path deadLetterDir) {
        this.config = config;
        this.dispatcher = dispatcher;
        this.deadLetters = new DeadLetterFile(deadLetterDir, config.name);
        this.unreadable = new UnreadableFrames(config.name, config.unreadableFrameAttempts);
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
            metrics.rejected.incrementAndGet();
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
        metrics.refusedSends.incrementAndGet();
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
            metrics.duplicatesDropped.incrementAndGet();
            LOG.info("Drop copy session {}: seq {} is a possible resend (97=Y) of {} already delivered: dropped",
                    config.name, event.seqNum(), PossibleResends.key(event));
            return;
        }
        CommitWindow.Ticket ticket;
        try {
            ticket = window.begin((int) event.seqNum(), dispatcher.maxInFlight());
        } catch (CommitWindow.NotTakingException e) {
            throw new DispatchFailedException("Drop copy session " + config.name + ": seq " + event.seqNum()
                    + " not taken, it will be requested again: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DispatchFailedException("Drop copy session " + config.name + ": interrupted", e);
        }
        Delivery delivery = new Delivery(ticket, event, arrived);
        try {
            dispatcher.deliver(event, delivery);
        } catch (Exception e) {
            metrics.routeFailed(e); // first: health shows it as soon as the route's own error handling has run
            delivery.abandon();
            metrics.routeLatency.record(System.nanoTime() - arrived);
            throw new DispatchFailedException("Drop copy session " + config.name + ": seq " + event.seqNum()
                    + " not handled, it will be requested again: " + e.getMessage(), e);
        }
    }

    /** The fate of one event handed over; the first call counts. Completions may come on any thread. */
    private final class Delivery extends AtomicBoolean implements DeferredDropCopyListener.Completion {
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
            metrics.committed(event, arrived);
        }

        @Override
        public void failed(Throwable cause) {
            if (!compareAndSet(false, true)) {
                return;
            }
            metrics.failed(cause, arrived);
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

    private void deadLetter(Message message, String raw, String reason) throws FieldNotFound {
        int seq = message.getHeader().getInt(34);
        try {
            Path file = deadLetters.write(seq, reason, raw);
            metrics.deadLettered.incrementAndGet();
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
