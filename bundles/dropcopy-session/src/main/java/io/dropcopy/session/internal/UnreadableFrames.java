package io.dropcopy.session.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.InvalidMessage;
import quickfix.Log;
import quickfix.LogFactory;
import quickfix.Message;
import quickfix.MessageUtils;
import quickfix.Session;
import quickfix.SessionID;

/**
 * Frames QuickFIX/J cannot parse (for instance an XmlDataLen(212) that overstates XmlData(213)) are dropped by it
 * with a log line "Invalid message" and never counted: the sequence number stays open, the gap is requested again,
 * and a frame that comes back identically on every resend would stall the session for good. This keeps count of
 * such failures per incoming sequence number (from QuickFIX/J's own log) and, at the {@link #attempts}-th failure of
 * the same number, hands QuickFIX/J a stand-in business message with that number instead of the frame (a MINA
 * filter after the FIX codec, so the stand-in takes the frame's place in the stream). QuickFIX/J counts it like any
 * message and delivers everything after it in order; {@link DropCopyApplication#fromApp} recognises the stand-in and
 * writes the frame's raw bytes to the dead letters with the reason. Nothing is guessed: the frame is kept as it came.
 */
final class UnreadableFrames {
    private static final Logger LOG = LoggerFactory.getLogger(UnreadableFrames.class);
    /** Sequence numbers whose failures are remembered; far more than a session ever has open. */
    private static final int MAX_TRACKED = 1000;
    private static final String INVALID = "Invalid message: ";
    private static final char SOH = '\u0001';

    /** What is known of one frame that failed. */
    static final class Failure {
        final int seqNum;
        final String raw;
        final String reason;
        final int attempts;

        Failure(int seqNum, String raw, String reason, int attempts) {
            this.seqNum = seqNum;
            this.raw = raw;
            this.reason = reason;
            this.attempts = attempts;
        }
    }

    private final String sessionName;
    /** Failures of the same sequence number before it is dead-lettered: live, on resend, on the duplicate resend. */
    private final int attempts;
    private final Map<Integer, Failure> failures = new LinkedHashMap<>();
    /** Stand-ins handed to QuickFIX/J and not yet seen by the application, by their exact text. */
    private final Map<String, Failure> standIns = new ConcurrentHashMap<>();
    /** Sequence numbers skipped this way, with when and why, oldest first (bounded). */
    private final List<String> skipped = new CopyOnWriteArrayList<>();
    private volatile String lastIncoming;
    private volatile boolean anyFailure;

    /** @param attempts setting {@code unreadableFrameAttempts}, at least 2 (the first failure is always retried) */
    UnreadableFrames(String sessionName, int attempts) {
        if (attempts < 2) {
            throw new IllegalArgumentException("unreadableFrameAttempts must be at least 2, got " + attempts);
        }
        this.sessionName = sessionName;
        this.attempts = attempts;
    }

    /** QuickFIX/J's log, tapped: an "Invalid message" error follows the incoming frame it is about. */
    LogFactory tap(LogFactory delegate) {
        return id -> {
            Log log = delegate.create(id);
            return new Log() {
                @Override public void clear() { log.clear(); }
                @Override public void onIncoming(String message) {
                    lastIncoming = message;
                    log.onIncoming(message);
                }
                @Override public void onOutgoing(String message) { log.onOutgoing(message); }
                @Override public void onEvent(String text) { log.onEvent(text); }
                @Override public void onErrorEvent(String text) {
                    if (text != null && text.startsWith(INVALID)) {
                        failed(lastIncoming, shortReason(text.substring(INVALID.length())));
                    }
                    log.onErrorEvent(text);
                }
            };
        };
    }

    /** The filter to put after QuickFIX/J's codec, for the session {@code id}. */
    IoFilterAdapter filter(SessionID id) {
        return new IoFilterAdapter() {
            @Override
            public void messageReceived(NextFilter next, IoSession io, Object message) throws Exception {
                if (anyFailure && message instanceof String) {
                    message = standInFor(id, (String) message);
                }
                next.messageReceived(io, message);
            }
        };
    }

    synchronized void failed(String raw, String reason) {
        int seq = raw == null ? -1 : seqNum(raw);
        if (seq <= 0 || MessageUtils.isAdminMessage(String.valueOf(MessageUtils.getStringField(raw, 35)))) {
            return; // no number to move past, or a session message: QuickFIX/J's own handling stands
        }
        Failure before = failures.remove(seq);
        Failure now = new Failure(seq, raw, reason, before == null ? 1 : before.attempts + 1);
        failures.put(seq, now);
        anyFailure = true;
        while (failures.size() > MAX_TRACKED) {
            Iterator<Integer> it = failures.keySet().iterator();
            it.next();
            it.remove();
        }
        LOG.warn("Drop copy session {}: frame seq {} cannot be read ({}), failure {} of {}", sessionName, seq,
                reason, now.attempts, attempts);
    }

    private String standInFor(SessionID id, String frame) {
        int seq = seqNum(frame);
        Failure known;
        synchronized (this) {
            known = failures.get(seq);
            if (known == null || known.attempts < attempts - 1) {
                return frame;
            }
        }
        Session session = Session.lookupSession(id);
        if (session == null) {
            return frame;
        }
        try {
            MessageUtils.parse(session, frame);
            return frame; // readable this time: QuickFIX/J takes it as it is
        } catch (InvalidMessage e) {
            String reason = shortReason(e.getMessage());
            synchronized (this) {
                failures.remove(seq);
                anyFailure = !failures.isEmpty();
            }
            Failure last = new Failure(seq, frame, reason, known.attempts + 1);
            String standIn = standIn(frame, seq);
            standIns.put(standIn, last);
            LOG.error("Drop copy session {}: frame seq {} could not be read {} times ({}); it goes to the dead letters"
                    + " with its raw bytes and the session moves past it", sessionName, seq, last.attempts, reason);
            return standIn;
        } catch (RuntimeException e) {
            return frame;
        }
    }

    /** The stand-in's failure when {@code raw} is one (once), or null. */
    Failure claim(String raw) {
        if (standIns.isEmpty() || raw == null) {
            return null;
        }
        Failure f = standIns.remove(raw);
        if (f != null) {
            if (skipped.size() >= MAX_TRACKED) {
                skipped.remove(0);
            }
            skipped.add(f.seqNum + ": " + f.reason + " (" + f.attempts + " attempts, " + Instant.now() + ")");
        }
        return f;
    }

    /** Sequence numbers moved past because their frame could not be read, oldest first: "seq: reason (...)". */
    List<String> skipped() {
        return new ArrayList<>(skipped);
    }

    /** QuickFIX/J's reason without the message it appends (the raw bytes are kept whole elsewhere). */
    static String shortReason(String reason) {
        if (reason == null) {
            return "unparseable";
        }
        int in = reason.indexOf(" in 8=");
        String r = in > 0 ? reason.substring(0, in) : reason;
        return r.length() > 200 ? r.substring(0, 200) + "..." : r;
    }

    /** A business message with the frame's header and number, which QuickFIX/J can parse and count. */
    static String standIn(String frame, int seq) {
        String head = outerHeader(frame);
        Message m = new Message();
        Message.Header h = m.getHeader();
        h.setString(8, "FIX.4.2");
        h.setString(35, "n");
        for (int tag : new int[] {49, 50, 142, 56, 57, 143, 43, 97, 122}) {
            String v = MessageUtils.getStringField(head, tag);
            if (v != null) {
                h.setString(tag, v);
            }
        }
        h.setInt(34, seq);
        String sent = MessageUtils.getStringField(head, 52);
        if (sent != null) {
            h.setString(52, sent);
        } else {
            h.setUtcTimeStamp(52, LocalDateTime.now(ZoneOffset.UTC), true);
        }
        m.setString(58, "dropcopy: stand-in for unreadable frame " + seq + " " + System.nanoTime());
        return m.toString();
    }

    /** The frame up to XmlData(213): the inner message carries the same tags, never to be read as the outer. */
    static String outerHeader(String frame) {
        int data = frame.indexOf(SOH + "213=");
        return data < 0 ? frame : frame.substring(0, data + 1);
    }

    static int seqNum(String whole) {
        String frame = outerHeader(whole);
        int at = frame.indexOf(SOH + "34=");
        if (at < 0) {
            return -1;
        }
        int end = frame.indexOf(SOH, at + 4);
        try {
            return Integer.parseInt(frame.substring(at + 4, end < 0 ? frame.length() : end));
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
