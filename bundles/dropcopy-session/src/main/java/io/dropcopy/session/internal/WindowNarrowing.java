package io.dropcopy.session.internal;

import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Message;
import quickfix.MessageUtils;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.field.BeginSeqNo;
import quickfix.field.EndSeqNo;
import quickfix.fix42.ResendRequest;

/**
 * CME rejects a Resend Request that reaches back before its 48-hour window, although the later part of the range may
 * still be inside it. When the resend in flight (begin..end, at most 2,500) is rejected, this finds the first
 * sequence number CME still serves by bisection: each probe asks for m..(lowest served so far - 1); a rejection moves
 * the search up, a probe served moves it down and its messages are kept (QuickFIX/J queues them). After at most
 * {@link #MAX_PROBES} probes, exactly begin..(first served - 1) is recorded as unrecoverable and reconciled with a
 * gap fill put into the stream, so QuickFIX/J delivers the queued in-window messages in order and goes on.
 * A MINA filter after the FIX codec: it sees each frame before QuickFIX/J and puts the gap fill in its place in the
 * stream; one resend at a time, as CME requires (the watchdog sends no duplicate meanwhile).
 */
final class WindowNarrowing {
    private static final Logger LOG = LoggerFactory.getLogger(WindowNarrowing.class);
    /** log2(2,500) rounded up, plus slack: a chunk's floor is found well within it. */
    static final int MAX_PROBES = 14;
    private static final char SOH = '\u0001';

    private final TargetSessionConfig config;
    private final DropCopyApplication application;
    private final SessionID sessionId;

    // guarded by this
    private boolean active;
    private int begin;
    private int lo;
    private int hi;
    private int probe;
    private int probes;
    private String reason;
    /** Sequence numbers of the Rejects of this narrowing (the first included). */
    private final java.util.TreeSet<Integer> rejectSeqNums = new java.util.TreeSet<>();

    WindowNarrowing(TargetSessionConfig config, DropCopyApplication application, SessionID sessionId) {
        this.config = config;
        this.application = application;
        this.sessionId = sessionId;
    }

    /** True while probing: the watchdog sends no duplicate request meanwhile. */
    synchronized boolean active() {
        return active;
    }

    IoFilterAdapter filter() {
        return new IoFilterAdapter() {
            @Override
            public void sessionOpened(NextFilter next, IoSession io) throws Exception {
                reset();
                next.sessionOpened(io);
            }

            @Override
            public void messageReceived(NextFilter next, IoSession io, Object message) throws Exception {
                List<String> after = message instanceof String ? observe((String) message) : List.of();
                next.messageReceived(io, message);
                for (String frame : after) {
                    next.messageReceived(io, frame);
                }
            }
        };
    }

    private synchronized void reset() {
        active = false;
        rejectSeqNums.clear();
    }

    /** Decides on a frame before QuickFIX/J sees it; returns the gap fills to follow it (none mostly). */
    private synchronized List<String> observe(String frame) {
        String type = MessageUtils.getStringField(frame, 35);
        boolean resendRejected = "3".equals(type) && "2".equals(MessageUtils.getStringField(frame, 372));
        if (resendRejected && (active || application.watchdog != null)) {
            // QuickFIX/J handles a Reject above the expected number at once and never counts its number: once the
            // gap is reconciled, that number would be a gap of its own (CME would gap-fill it; a resend reaching
            // before the window would be refused again). Its own gap fill closes it in order.
            rejectSeqNums.add(UnreadableFrames.seqNum(frame));
        }
        if (!active) {
            return resendRejected ? start(frame) : List.of();
        }
        if (resendRejected) {
            lo = probe + 1;
            return next();
        }
        if (!"Y".equals(MessageUtils.getStringField(UnreadableFrames.outerHeader(frame), 43))) {
            return List.of();
        }
        int seq = UnreadableFrames.seqNum(frame);
        boolean lastOfProbe = seq == hi - 1;
        if (!lastOfProbe && "4".equals(type)) {
            String newSeqNo = MessageUtils.getStringField(frame, 36);
            lastOfProbe = newSeqNo != null && seq >= probe && seq < hi && Integer.parseInt(newSeqNo) >= hi;
        }
        if (lastOfProbe) {
            hi = probe; // served: the floor is at or below it
            return next();
        }
        return List.of();
    }

    private List<String> start(String reject) {
        ResendWatchdog w = application.watchdog;
        Session session = Session.lookupSession(sessionId);
        if (w == null || session == null || w.begin() == 0) {
            LOG.error("Drop copy session {}: {} rejected a Resend Request but none is in flight: {}", config.name,
                    config.targetCompId, MessageUtils.getStringField(reject, 58));
            rejectSeqNums.clear();
            return List.of();
        }
        begin = session.getExpectedTargetNum();
        int end = w.chunkEnd();
        if (end < begin) {
            rejectSeqNums.clear();
            return List.of();
        }
        String text = MessageUtils.getStringField(reject, 58);
        reason = text == null || text.isEmpty() ? "Resend Request rejected" : text;
        active = true;
        lo = begin + 1; // the request from begin was just refused
        hi = end + 1;   // nothing served yet
        probes = 0;
        LOG.warn("Drop copy session {}: {} rejected the resend of {}-{} ({}); looking for the first message it still"
                + " serves", config.name, config.targetCompId, begin, end, reason);
        return next();
    }

    private List<String> next() {
        if (lo >= hi || probes >= MAX_PROBES) {
            return finish(hi);
        }
        probe = lo + (hi - lo) / 2;
        probes++;
        Session session = Session.lookupSession(sessionId);
        if (session == null || !session.send(new ResendRequest(new BeginSeqNo(probe), new EndSeqNo(hi - 1)))) {
            return finish(hi);
        }
        return List.of();
    }

    private List<String> finish(int firstServed) {
        active = false;
        int to = firstServed - 1;
        try {
            application.unrecoverableGaps.add(config.name, begin, to, reason + (firstServed > begin
                    ? "; CME served from " + firstServed : ""));
        } catch (IOException e) {
            // Not recorded durably: leave the gap open (it is retried) rather than skip it silently.
            LOG.error("Drop copy session {}: cannot record unrecoverable gap {}-{}; it stays open", config.name, begin,
                    to, e);
            rejectSeqNums.clear();
            return List.of();
        }
        LOG.error("Drop copy session {}: messages {}-{} can NOT be recovered ({}); {} probe(s); recorded for operators,"
                + " going on from {}", config.name, begin, to, reason, probes, firstServed);
        List<String> fills = new ArrayList<>();
        fills.add(gapFill(begin, firstServed));
        for (int reject : rejectSeqNums) {
            if (reject >= firstServed) {
                fills.add(gapFill(reject, reject + 1)); // queued by QuickFIX/J until its turn
            }
        }
        rejectSeqNums.clear();
        return fills;
    }

    /** CME's gap fill from {@code from} to {@code newSeqNo}, as if it had sent it (a whole frame, 9 and 10 set). */
    private String gapFill(int from, int newSeqNo) {
        Message gapFill = new Message();
        gapFill.getHeader().setString(8, "FIX.4.2");
        gapFill.getHeader().setString(35, "4");
        gapFill.getHeader().setInt(34, from);
        gapFill.getHeader().setString(49, config.targetCompId);
        gapFill.getHeader().setString(56, config.senderCompId);
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        gapFill.getHeader().setUtcTimeStamp(52, now, true);
        gapFill.getHeader().setUtcTimeStamp(122, now, true);
        gapFill.getHeader().setBoolean(43, true);
        gapFill.setBoolean(123, true);
        gapFill.setInt(36, newSeqNo);
        return gapFill.toString();
    }
}
