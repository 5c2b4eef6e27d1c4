package io.dropcopy.simulator;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first of the simulator's filters, in front of QuickFIX/J: what CME's gateways do before a session exists.
 * <ul>
 * <li>A CGW target session listens on a primary and a backup address. A connection to the address that is not the
 *     active one never reaches QuickFIX/J (which allows one connection per session): its Logon is answered here with
 *     CME's Logout "Backup session not allowed. Logout forced." and NextExpectedMsgSeqNum(789), then closed. Should
 *     the address become the active one before its Logon (the primary went down), the connection goes through.</li>
 * <li>A connection that sends no Logon within the logon timeout (CME: 60 s of the TCP connect) is closed.</li>
 * <li>A Sequence Reset from the client whose NewSeqNo(36) is lower than the sequence number expected gets the client
 *     logged out, as CME does (QuickFIX/J alone would only reject it).</li>
 * </ul>
 */
final class GatewayGate extends IoFilterAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayGate.class);
    private static final String GATED = GatewayGate.class.getName() + ".gated";
    private static final String LOGON_SEEN = GatewayGate.class.getName() + ".logon";
    private static final String SOH = "\u0001";

    /** What the gate asks of the simulator. */
    interface Gateway {
        /** True when a Logon arriving on {@code local} may go to the session (the active address). */
        boolean admits(SocketAddress local);

        /** CME's refusal of a Logon on the standby address: a whole Logout, its sequence number taken. */
        String refusal(String clientLogon);

        /** The sequence number the session expects next from the client (0 when not started). */
        int expectedTargetSeqNum();

        /** Logs the client out now with {@code text} (and 789). */
        void logoutClient(String text);

        ScheduledExecutorService scheduler();

        Duration logonTimeout();

        String name();
    }

    private final Gateway gateway;
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();
    private final AtomicLong gapFillsReceived = new AtomicLong();

    GatewayGate(Gateway gateway) {
        this.gateway = gateway;
    }

    /** Logons refused on the standby address. */
    long refused() {
        return refused.get();
    }

    /** Connections closed for sending no Logon in time. */
    long timedOut() {
        return timedOut.get();
    }

    /** Gap fills (35=4 123=Y) received from the client: its answers to CME's own Resend Requests. */
    long gapFillsReceived() {
        return gapFillsReceived.get();
    }

    @Override
    public void sessionOpened(NextFilter next, IoSession session) throws Exception {
        Duration timeout = gateway.logonTimeout();
        ScheduledExecutorService sch = gateway.scheduler();
        if (timeout != null && !timeout.isZero() && sch != null) {
            try {
                sch.schedule(() -> {
                    if (session.isConnected() && session.getAttribute(LOGON_SEEN) == null) {
                        timedOut.incrementAndGet();
                        LOG.warn("Simulator {}: no Logon from {} within {}; connection closed as CME does",
                                gateway.name(), session.getRemoteAddress(), timeout);
                        session.closeNow();
                    }
                }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // stopping
            }
        }
        if (gateway.admits(session.getLocalAddress())) {
            next.sessionOpened(session);
        } else {
            session.setAttribute(GATED, Boolean.TRUE);
        }
    }

    @Override
    public void messageReceived(NextFilter next, IoSession session, Object message) throws Exception {
        String text = text(message);
        boolean logon = text != null && text.contains(SOH + "35=A" + SOH);
        if (logon) {
            session.setAttribute(LOGON_SEEN, Boolean.TRUE);
        }
        if (session.getAttribute(GATED) != null) {
            if (logon && gateway.admits(session.getLocalAddress())) {
                // the standby became the active address (failover) before this Logon: it goes through
                session.removeAttribute(GATED);
                next.sessionOpened(session);
            } else {
                if (logon) {
                    refused.incrementAndGet();
                    String logout = gateway.refusal(text);
                    LOG.warn("Simulator {}: Logon on the backup address {} while the primary is up: Logout forced",
                            gateway.name(), local(session));
                    session.write(logout);
                    session.closeOnFlush();
                } else {
                    session.closeNow();
                }
                return;
            }
        }
        if (text != null && text.contains(SOH + "35=4" + SOH)) {
            if (text.contains(SOH + "123=Y" + SOH)) {
                gapFillsReceived.incrementAndGet();
            }
            int newSeq = intField(text, "36");
            int expected = gateway.expectedTargetSeqNum();
            if (newSeq > 0 && expected > 0 && newSeq < expected) {
                LOG.warn("Simulator {}: Sequence Reset with NewSeqNo(36)={} lower than {} expected: Logout",
                        gateway.name(), newSeq, expected);
                gateway.logoutClient("NewSeqNo(36) " + newSeq + " lower than expected " + expected);
                return;
            }
        }
        next.messageReceived(session, message);
    }

    @Override
    public void sessionClosed(NextFilter next, IoSession session) throws Exception {
        if (session.getAttribute(GATED) == null) {
            next.sessionClosed(session);
        }
    }

    @Override
    public void sessionIdle(NextFilter next, IoSession session, IdleStatus status) throws Exception {
        if (session.getAttribute(GATED) == null) {
            next.sessionIdle(session, status);
        }
    }

    @Override
    public void exceptionCaught(NextFilter next, IoSession session, Throwable cause) throws Exception {
        if (session.getAttribute(GATED) == null) {
            next.exceptionCaught(session, cause);
        } else {
            session.closeNow();
        }
    }

    @Override
    public void messageSent(NextFilter next, IoSession session,
            org.apache.mina.core.write.WriteRequest request) throws Exception {
        if (session.getAttribute(GATED) == null) {
            next.messageSent(session, request);
        }
    }

    private static String local(IoSession session) {
        SocketAddress a = session.getLocalAddress();
        return a instanceof InetSocketAddress ? ((InetSocketAddress) a).getHostString() + ":"
                + ((InetSocketAddress) a).getPort() : String.valueOf(a);
    }

    private static String text(Object message) {
        if (message instanceof String) {
            return (String) message;
        }
        if (message instanceof IoBuffer) {
            IoBuffer b = ((IoBuffer) message).duplicate();
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        return null;
    }

    /** The value of a tag of a raw FIX message as an int, or 0. */
    static int intField(String raw, String tag) {
        String key = SOH + tag + "=";
        int i = raw.indexOf(key);
        if (i < 0) {
            return 0;
        }
        int start = i + key.length();
        int end = raw.indexOf(SOH, start);
        try {
            return Integer.parseInt(raw.substring(start, end < 0 ? raw.length() : end));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The value of a tag of a raw FIX message, or null. */
    static String field(String raw, String tag) {
        String key = SOH + tag + "=";
        int i = raw.indexOf(key);
        if (i < 0) {
            return null;
        }
        int start = i + key.length();
        int end = raw.indexOf(SOH, start);
        return raw.substring(start, end < 0 ? raw.length() : end);
    }
}
