package io.dropcopy.simulator;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.IoSession;

/**
 * Counts the connections that have sent a Logon (35=A) and are still open: two at once means two clients tried to be
 * logged on to this one target session at the same time (what CME answers by forcing one out). Sits on the wire, so
 * it also sees a logon QuickFIX/J's acceptor refuses because another connection holds the session.
 */
final class LogonWatch extends IoFilterAdapter {
    private static final String LOGON = "\u000135=A\u0001";
    private static final String MARK = LogonWatch.class.getName() + ".logon";

    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger max = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();

    @Override
    public void messageReceived(NextFilter next, IoSession session, Object message) throws Exception {
        if (session.getAttribute(MARK) == null && isLogon(message)) {
            session.setAttribute(MARK, Boolean.TRUE);
            attempts.incrementAndGet();
            max.accumulateAndGet(open.incrementAndGet(), Math::max);
        }
        next.messageReceived(session, message);
    }

    @Override
    public void sessionClosed(NextFilter next, IoSession session) throws Exception {
        if (session.removeAttribute(MARK) != null) {
            open.decrementAndGet();
        }
        next.sessionClosed(session);
    }

    private static boolean isLogon(Object message) {
        if (message instanceof String) {
            return ((String) message).contains(LOGON);
        }
        if (message instanceof IoBuffer) {
            IoBuffer b = ((IoBuffer) message).duplicate();
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            return new String(bytes, StandardCharsets.ISO_8859_1).contains(LOGON);
        }
        return false;
    }

    int open() {
        return open.get();
    }

    int max() {
        return max.get();
    }

    int attempts() {
        return attempts.get();
    }
}
