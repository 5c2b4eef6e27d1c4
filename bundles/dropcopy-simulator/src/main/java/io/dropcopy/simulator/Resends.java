package io.dropcopy.simulator;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.FieldNotFound;
import quickfix.IncorrectTagValue;
import quickfix.Message;
import quickfix.Session;

/**
 * CME's answer to the client's Resend Requests: at most {@value CmeSimulator#MAX_RESEND} messages ({@code 16=0}
 * served as "up to 2,500", a larger closed range rejected), only within the resend window, one at a time; and the
 * faults that lose or refuse them.
 */
final class Resends {
    private static final Logger LOG = LoggerFactory.getLogger(Resends.class);
    static final int BEGIN_SEQ_NO = 7;
    static final int END_SEQ_NO = 16;
    private static final int POSS_DUP_FLAG = 43;
    private static final Pattern SENDING_TIME = Pattern.compile("\u000152=([0-9]{8}-[0-9:.]+)\u0001");

    private final WireFilter wire;
    /** Resend Requests received from the client: {BeginSeqNo, EndSeqNo, 1 if PossDupFlag(43)=Y else 0}. */
    private final List<int[]> requests = new CopyOnWriteArrayList<>();
    private final AtomicLong rejected = new AtomicLong();
    /** CME resends only messages of the last 48 hours (from the Sunday start-up); older requests are rejected. */
    private volatile Duration window;
    /** First sequence number still served (the window's floor by number); 0 = none. */
    private volatile int floor;
    /** How many of the next Resend Requests go unanswered, as when CME loses one. */
    private final AtomicInteger toIgnore = new AtomicInteger();

    Resends(Duration window, WireFilter wire) {
        this.window = window;
        this.wire = wire;
    }

    void window(Duration window) {
        this.window = window;
    }

    Duration window() {
        return window;
    }

    void floor(int firstServed) {
        this.floor = firstServed;
    }

    int floor() {
        return floor;
    }

    void ignore(int count) {
        toIgnore.set(count);
    }

    int toIgnore() {
        return toIgnore.get();
    }

    List<int[]> requests() {
        return List.copyOf(requests);
    }

    long rejected() {
        return rejected.get();
    }

    /**
     * Judges a Resend Request before QuickFIX/J serves it: rejects it (session Reject) or narrows it, as CME would.
     * {@code s} may be null before the session exists.
     */
    void judge(Message message, Session s) throws FieldNotFound, IncorrectTagValue {
        int begin = message.getInt(BEGIN_SEQ_NO);
        int end = message.getInt(END_SEQ_NO);
        boolean possDup = message.getHeader().isSetField(POSS_DUP_FLAG) && message.getHeader().getBoolean(POSS_DUP_FLAG);
        requests.add(new int[] {begin, end, possDup ? 1 : 0});
        String outside = outsideWindow(s, begin, end);
        if (outside != null) {
            LOG.warn("Resend Request {}-{} rejected: {}", begin, end, outside);
            rejected.incrementAndGet();
            throw new IncorrectTagValue(BEGIN_SEQ_NO, String.valueOf(begin), outside);
        }
        if (wire.resendInFlight()) {
            // CME serves one resend at a time
            LOG.warn("Resend Request {}-{} rejected: a resend is still in progress", begin, end);
            rejected.incrementAndGet();
            throw new IncorrectTagValue(BEGIN_SEQ_NO, String.valueOf(begin), "Resend already in progress");
        }
        if (toIgnore.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            // QuickFIX/J serves the request after this callback: point it at nothing, so it goes unanswered.
            int next = s == null ? begin : s.getExpectedSenderNum();
            message.setInt(BEGIN_SEQ_NO, next);
            message.setInt(END_SEQ_NO, next);
            LOG.warn("Resend Request {}-{} ignored on purpose (fault injection)", begin, end);
            return;
        }
        // CME serves at most 2,500 messages per request (16=0 means "up to 2,500").
        if (end != 0 && end - begin + 1 > CmeSimulator.MAX_RESEND) {
            LOG.warn("Resend Request {}-{} refused: more than {} messages", begin, end, CmeSimulator.MAX_RESEND);
            rejected.incrementAndGet();
            throw new IncorrectTagValue(END_SEQ_NO);
        }
        if (end == 0 && s != null && s.getExpectedSenderNum() - begin > CmeSimulator.MAX_RESEND) {
            message.setInt(END_SEQ_NO, begin + CmeSimulator.MAX_RESEND - 1);
            LOG.info("Resend Request {}-0 served as {}-{}: up to {} messages", begin, begin,
                    begin + CmeSimulator.MAX_RESEND - 1, CmeSimulator.MAX_RESEND);
        }
    }

    /** Why a resend of begin..end is refused, or null when its first stored message is inside the window. */
    private String outsideWindow(Session s, int begin, int end) {
        int first = floor;
        if (first > 0 && begin < first) {
            // what CME answers a request reaching back before its window, by sequence number
            return "Resend request outside the 48-hour window (first message still served: " + first + ")";
        }
        if (s == null) {
            return null;
        }
        List<String> stored = new ArrayList<>();
        int max = CmeSimulator.MAX_RESEND;
        int last = end == 0 ? begin + max - 1 : Math.min(end, begin + max - 1);
        try {
            // the first stored message decides: read it alone, the whole range only when BeginSeqNo is not stored
            s.getStore().get(begin, begin, stored);
            if (stored.isEmpty() && last > begin) {
                s.getStore().get(begin, last, stored);
            }
        } catch (IOException e) {
            return null;
        }
        Duration w = window;
        for (String raw : stored) {
            Matcher m = SENDING_TIME.matcher(raw);
            if (m.find()) {
                Instant sentAt = LocalDateTime.parse(m.group(1), DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss[.SSS]"))
                        .toInstant(ZoneOffset.UTC);
                if (sentAt.isBefore(Instant.now().minus(w))) {
                    return "Resend request outside the " + (w.toHours() > 0 ? w.toHours() + "-hour"
                            : w.toMillis() + " ms") + " window";
                }
                return null;
            }
        }
        return null;
    }
}
