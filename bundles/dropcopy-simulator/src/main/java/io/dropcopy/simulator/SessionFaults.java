package io.dropcopy.simulator;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Message;
import quickfix.Session;

/**
 * What CME does to the session's sequence numbers and logons on its own: a failover's jump, a gap, a forced Logout,
 * the weekly reset, its own Resend Request and the dual-reset Sequence Reset. Each holds the stream's lock while it
 * moves the outbound sequence, so no generated message slips in between.
 */
final class SessionFaults {
    private static final Logger LOG = LoggerFactory.getLogger(SessionFaults.class);

    private final CmeSimulator sim;
    private final Object streamLock;
    private final CmeSessionApplication application;
    private final Gateways gateways;
    private final WireFilter wire;
    private final AtomicLong cmeResendRequests = new AtomicLong();

    SessionFaults(CmeSimulator sim, Object streamLock, CmeSessionApplication application, Gateways gateways,
                  WireFilter wire) {
        this.sim = sim;
        this.streamLock = streamLock;
        this.application = application;
        this.gateways = gateways;
        this.wire = wire;
    }

    /** See {@link CmeSimulator#expectClientSeqNum}. */
    void expectClientSeqNum(int next) throws IOException {
        sim.requireSession().setNextTargetMsgSeqNum(next);
    }

    /** See {@link CmeSimulator#jumpSequence}. */
    void jumpSequence(int by) throws IOException {
        Session s = sim.requireSession();
        synchronized (streamLock) {
            s.setNextSenderMsgSeqNum(s.getExpectedSenderNum() + by);
        }
    }

    /**
     * A failover as the client sees it: the socket drops, and the gateway it reconnects to is {@code jump} sequence
     * numbers further ({@link CmeSimulator#FAILOVER_JUMP} in certification), numbers that can only be gap-filled.
     * With a backup, the standby gateway takes over; the old active one refuses Logons from now on.
     */
    void failover(int jump) throws IOException {
        Session s = sim.requireSession();
        boolean switched;
        synchronized (streamLock) {
            switched = gateways.switchActive();
            wire.closeNow();
            s.setNextSenderMsgSeqNum(s.getExpectedSenderNum() + jump);
        }
        LOG.warn("Simulator {}: failover{}, sequence jumps by {}", sim.name(), !switched ? "" : " to the "
                + gateways.activeRole() + " " + CmeSimulator.addressText(gateways.activeAddress()), jump);
    }

    /** See {@link CmeSimulator#forceLogout}. */
    void forceLogout(String text) {
        Session s = loggedOnSession();
        synchronized (streamLock) {
            application.reenableAfterLogout();
            s.logout(text == null || text.isBlank() ? "Logout forced" : text);
        }
        LOG.warn("Simulator {}: forced Logout '{}'", sim.name(), text);
    }

    /**
     * CME's weekly start-up: both sequence numbers back to 1. A logged-on client is logged out first (58
     * {@value CmeSimulator#WEEKLY_RESET_TEXT}, 789=1); it must log on again with 34=1, as at the Sunday start-up.
     * The stream's position is kept.
     */
    void weeklyReset() {
        Session s = sim.requireSession();
        synchronized (streamLock) {
            application.weeklyResetPending(s.isLoggedOn());
            s.reset();
        }
        LOG.warn("Simulator {}: weekly reset, sequence numbers back to 1", sim.name());
    }

    /**
     * CME's own Resend Request to the client ({@code 35=2}, 7=begin, 16=end, 0 = up to the latest): the client must
     * answer with a gap fill (35=4 123=Y), never with application messages.
     */
    void sendResendRequest(int begin, int end) {
        Session s = loggedOnSession();
        Message rr = new Message();
        rr.getHeader().setString(35, "2");
        rr.setInt(Resends.BEGIN_SEQ_NO, begin);
        rr.setInt(Resends.END_SEQ_NO, end);
        s.send(rr);
        cmeResendRequests.incrementAndGet();
        LOG.warn("Simulator {}: Resend Request {}-{} sent to the client", sim.name(), begin, end);
    }

    long cmeResendRequests() {
        return cmeResendRequests.get();
    }

    /**
     * CME's Sequence Reset in dual-reset mode (35=4 without 123=Y, disaster recovery): NewSeqNo(36) = the next
     * outbound sequence number plus {@code by}, where the stream continues. The client adopts it without an
     * acknowledgment. Returns the new sequence number.
     */
    int dualReset(int by) throws IOException {
        Session s = loggedOnSession();
        if (by < 1) {
            throw new IllegalArgumentException("the reset must move the sequence forward, got " + by);
        }
        synchronized (streamLock) {
            int newSeq = s.getExpectedSenderNum() + 1 + by;
            Message reset = new Message();
            reset.getHeader().setString(35, "4");
            reset.setInt(36, newSeq);
            s.send(reset);
            s.setNextSenderMsgSeqNum(newSeq);
            LOG.warn("Simulator {}: dual-reset Sequence Reset, NewSeqNo(36)={}", sim.name(), newSeq);
            return newSeq;
        }
    }

    private Session loggedOnSession() {
        Session s = sim.requireSession();
        if (!s.isLoggedOn()) {
            throw new IllegalStateException("no client logged on");
        }
        return s;
    }
}
