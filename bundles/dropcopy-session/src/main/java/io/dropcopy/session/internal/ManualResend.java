package io.dropcopy.session.internal;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.EventTranslator;
import io.dropcopy.model.MalformedMessageException;
import io.dropcopy.session.api.DeferredDropCopyListener;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Log;
import quickfix.LogFactory;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.field.BeginSeqNo;
import quickfix.field.EndSeqNo;
import quickfix.fix42.ResendRequest;

/**
 * An operator's resend of messages already received (to refill a sink, say). QuickFIX/J silently drops PossDup
 * copies below the expected sequence number, so the copies are taken from the wire, as QuickFIX/J logs them,
 * translated and handed to the group's consumers (whose sinks drop what they already hold). Requested in chunks
 * of at most 2,500, the next only once the previous has arrived: one resend in flight, as CME requires.
 */
final class ManualResend {
    private static final Logger LOG = LoggerFactory.getLogger(ManualResend.class);
    static final int MAX_CHUNK = 2500;

    private final TargetSessionConfig config;
    private final GroupDispatcher dispatcher;
    private volatile int chunkSize;
    private volatile Session session;

    private volatile int from;
    private volatile int to;
    private volatile int chunkEnd;
    private volatile long delivered;
    private volatile long failed;
    private volatile String operator;

    ManualResend(TargetSessionConfig config, GroupDispatcher dispatcher, int chunkSize) {
        this.config = config;
        this.dispatcher = dispatcher;
        this.chunkSize = chunkSize;
    }

    /** Tests use small chunks; CME's limit is 2,500. */
    void chunkSize(int size) {
        this.chunkSize = Math.min(size, MAX_CHUNK);
    }

    void attach(Session session) {
        this.session = session;
    }

    /** Starts a resend of from..to (both already received). */
    synchronized void start(int from, int to, String operator) {
        Session s = session;
        if (s == null || !s.isLoggedOn()) {
            throw new IllegalStateException("session " + config.name + " is not logged on");
        }
        int expected = s.getExpectedTargetNum();
        if (from < 1 || to < from) {
            throw new IllegalArgumentException("a resend range is from..to with 1 <= from <= to, got " + from + ".." + to);
        }
        if (to >= expected) {
            throw new IllegalArgumentException("only messages already received can be re-requested: the next expected is "
                    + expected + ", got to=" + to + " (a gap is recovered by the session itself)");
        }
        if (inFlight()) {
            throw new IllegalStateException("a resend is already in flight for session " + config.name + ": " + describe());
        }
        this.from = from;
        this.to = to;
        this.delivered = 0;
        this.failed = 0;
        this.operator = operator;
        LOG.warn("Drop copy session {}: resend {}-{} requested by {}", config.name, from, to, operator);
        request(from);
    }

    private void request(int begin) {
        int end = Math.min(to, begin + chunkSize - 1);
        chunkEnd = end;
        session.send(new ResendRequest(new BeginSeqNo(begin), new EndSeqNo(end)));
    }

    boolean inFlight() {
        return chunkEnd != 0;
    }

    /** "from-to: delivered/total", or null. */
    String describe() {
        if (!inFlight()) {
            return null;
        }
        return from + "-" + to + ": " + delivered + "/" + (to - from + 1) + " delivered"
                + (failed > 0 ? ", " + failed + " failed" : "") + " (by " + operator + ")";
    }

    /** Every incoming message as QuickFIX/J logs it (before it drops PossDup copies below the expected number). */
    void onIncoming(String raw) {
        if (!inFlight() || raw.indexOf("\u000143=Y\u0001") < 0) {
            return;
        }
        int seq = seqNum(raw);
        if (seq < from || seq > chunkEnd) {
            return;
        }
        if (raw.contains("\u000135=n\u0001")) {
            deliver(raw);
        } else if (raw.contains("\u000135=4\u0001")) {
            int newSeq = intField(raw, "\u000136=");
            seq = newSeq > 0 ? newSeq - 1 : seq;   // a gap fill stands for every number up to NewSeqNo - 1
        }
        if (seq >= chunkEnd) {
            synchronized (this) {
                if (chunkEnd >= to) {
                    LOG.warn("Drop copy session {}: resend {}-{} done: {} delivered, {} failed", config.name, from, to,
                            delivered, failed);
                    chunkEnd = 0;
                } else {
                    request(chunkEnd + 1);
                }
            }
        }
    }

    private void deliver(String raw) {
        try {
            DropCopyEvent event = EventTranslator.translate(raw, config.group, config.name);
            // Deferred consumers complete later (a batch): counted then; nothing waits for it here.
            dispatcher.deliver(event, new DeferredDropCopyListener.Completion() {
                @Override
                public void committed() {
                    synchronized (ManualResend.this) {
                        delivered++;
                    }
                }

                @Override
                public void failed(Throwable cause) {
                    synchronized (ManualResend.this) {
                        failed++;
                    }
                    LOG.error("Drop copy session {}: a route failed on a resent message: {}", config.name,
                            String.valueOf(cause));
                }
            });
        } catch (MalformedMessageException e) {
            synchronized (this) {
                failed++;
            }
            LOG.error("Drop copy session {}: resent message does not translate: {}", config.name, e.getMessage());
        } catch (Exception e) {
            synchronized (this) {
                failed++;
            }
            LOG.error("Drop copy session {}: a route failed on a resent message: {}", config.name, e.toString());
        }
    }

    private static int seqNum(String raw) {
        return intField(raw, "\u000134=");
    }

    private static int intField(String raw, String tag) {
        int i = raw.indexOf(tag);
        if (i < 0) {
            return -1;
        }
        int n = 0;
        for (int p = i + tag.length(); p < raw.length(); p++) {
            char c = raw.charAt(p);
            if (c < '0' || c > '9') {
                break;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** Wraps a LogFactory so this resend sees every incoming message first. */
    LogFactory tap(LogFactory delegate) {
        return new LogFactory() {
            @Override
            public Log create(SessionID id) {
                Log log = delegate.create(id);
                return new Log() {
                    @Override public void clear() { log.clear(); }
                    @Override public void onIncoming(String message) {
                        try {
                            ManualResend.this.onIncoming(message);
                        } finally {
                            log.onIncoming(message);
                        }
                    }
                    @Override public void onOutgoing(String message) { log.onOutgoing(message); }
                    @Override public void onEvent(String text) { log.onEvent(text); }
                    @Override public void onErrorEvent(String text) { log.onErrorEvent(text); }
                };
            }
        };
    }

    /** For tests: the expected-sequence supplier is the session's. */
    IntSupplier expected() {
        return () -> session == null ? 0 : session.getExpectedTargetNum();
    }
}
