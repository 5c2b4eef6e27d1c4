package io.dropcopy.recon.internal.osgi;

import io.dropcopy.recon.internal.GroupRecon;
import io.dropcopy.recon.internal.ReconService;
import io.dropcopy.recon.internal.SessionFacts;
import io.dropcopy.recon.internal.TradeDates;
import io.dropcopy.session.api.DeadLetter;
import io.dropcopy.session.api.DropCopyHub;
import io.dropcopy.session.api.SessionStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The only class that knows the session API: subscribes reconciliation to a group's events (an event counts as received
 * once reconciliation journaled it) and reads the facts of a day the session layer keeps (unrecoverable ranges, dead
 * letters).
 */
final class SessionFeed implements ReconService.Feed, SessionFacts {
    private final DropCopyHub hub;

    SessionFeed(DropCopyHub hub) {
        this.hub = hub;
    }

    @Override
    public AutoCloseable attach(String group, GroupRecon recon) {
        return hub.subscribe(group, event -> recon.acceptDropCopy(event.toJson()));
    }

    @Override
    public List<Session> sessions(String group, String tradeDate, TradeDates tradeDates) {
        List<Session> out = new ArrayList<>();
        for (SessionStatus s : hub.sessions()) {
            if (!group.equals(s.group())) {
                continue;
            }
            List<DeadLetterFact> letters = new ArrayList<>();
            for (DeadLetter d : hub.deadLetters(s.name())) {
                try {
                    if (tradeDate.equals(tradeDates.tradeDate(Instant.parse(d.time())).toString())) {
                        letters.add(new DeadLetterFact(s.name(), d.seqNum(), d.time(), d.reason()));
                    }
                } catch (RuntimeException unreadableTime) {
                    letters.add(new DeadLetterFact(s.name(), d.seqNum(), String.valueOf(d.time()), d.reason()));
                }
            }
            out.add(new Session(s.name(), List.copyOf(s.unrecoverableGaps()), letters));
        }
        return out;
    }
}
