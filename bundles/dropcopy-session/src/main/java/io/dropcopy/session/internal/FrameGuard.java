package io.dropcopy.session.internal;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Between the socket and QuickFIX/J's FIX decoder: refuses a frame whose BodyLength(9) announces more than
 * {@link #MAX_BODY_LENGTH}. QuickFIX/J's decoder buffers a frame until its announced length has arrived, so a peer
 * announcing 500 MB and sending it would grow the heap without bound (seen in HostileInputTest). Such a frame is never
 * a CME message: the connection is dropped, the session logs on again and recovers what followed by resend.
 */
final class FrameGuard extends IoFilterAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(FrameGuard.class);
    /** Far above any real drop copy message (the model refuses business messages over 64 KiB as dead letters). */
    static final int MAX_BODY_LENGTH = 1 << 20;
    private static final String STATE = FrameGuard.class.getName() + ".state";

    private final String sessionName;
    private final AtomicLong refused;

    FrameGuard(String sessionName, AtomicLong refused) {
        this.sessionName = sessionName;
        this.refused = refused;
    }

    /** Scanner state per connection: where we are in "SOH 9 = digits SOH". */
    private static final class Scan {
        int matched;      // 0: nothing, 1: SOH, 2: SOH 9, 3: SOH 9 = (reading digits)
        long length;
        int digits;
    }

    @Override
    public void messageReceived(NextFilter next, IoSession session, Object message) throws Exception {
        if (message instanceof IoBuffer) {
            Scan scan = (Scan) session.getAttribute(STATE);
            if (scan == null) {
                scan = new Scan();
                session.setAttribute(STATE, scan);
            }
            IoBuffer buf = (IoBuffer) message;
            java.nio.ByteBuffer bytes = buf.buf();
            byte[] array = bytes.hasArray() ? bytes.array() : null; // heap buffers: no per-byte bounds-checked get
            int offset = array != null ? bytes.arrayOffset() : 0;
            for (int i = buf.position(); i < buf.limit(); i++) {
                byte b = array != null ? array[offset + i] : buf.get(i);
                if (scan.matched == 0 && b != 1) {
                    continue; // most bytes: outside "SOH 9=", nothing to match (accept would keep state 0)
                }
                if (!accept(scan, b)) {
                    refused.incrementAndGet();
                    LOG.error("Drop copy session {}: refused a frame announcing a BodyLength over {} from {}:"
                                    + " connection dropped, the session logs on again and recovers by resend",
                            sessionName, MAX_BODY_LENGTH, session.getRemoteAddress());
                    session.removeAttribute(STATE);
                    buf.position(buf.limit());
                    session.closeNow();
                    return;
                }
            }
        }
        next.messageReceived(session, message);
    }

    /** False when the bytes so far announce a body too long. */
    private static boolean accept(Scan s, byte b) {
        switch (s.matched) {
            case 3:
                if (b >= '0' && b <= '9') {
                    s.length = s.length * 10 + (b - '0');
                    s.digits++;
                    if (s.digits > 9 || s.length > MAX_BODY_LENGTH) {
                        return false;
                    }
                    return true;
                }
                s.matched = b == 1 ? 1 : 0;
                return true;
            case 2:
                if (b == '=') {
                    s.matched = 3;
                    s.length = 0;
                    s.digits = 0;
                } else {
                    s.matched = b == 1 ? 1 : 0;
                }
                return true;
            case 1:
                s.matched = b == '9' ? 2 : b == 1 ? 1 : 0;
                return true;
            default:
                s.matched = b == 1 ? 1 : 0;
                return true;
        }
    }
}
