package io.dropcopy.certify.internal;

import io.dropcopy.certify.ClientUnderTest;
import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.session.api.TrialSession;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A trial copy of a configured session, as the scenarios drive it; records what it hands to the application. */
final class TrialClient implements ClientUnderTest {
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final TrialSession trial;
    private final Path storeDir;
    private final List<TrialSession> segments = new CopyOnWriteArrayList<>();

    /** {@code copy} makes the trial session of the configured one, handing each event it delivers to the given listener. */
    TrialClient(Function<io.dropcopy.session.api.DropCopyListener, TrialSession> copy, Path storeDir) {
        this.trial = copy.apply(this::deliver);
        this.storeDir = storeDir;
    }

    /** MSGW: one copy per market segment, TargetSubID(57) the segment id, each its own sequence numbers. */
    @Override
    public boolean startSegments(Map<String, List<String>> bySegment) throws Exception {
        for (Map.Entry<String, List<String>> e : bySegment.entrySet()) {
            TrialSession s = trial.segment(e.getKey(), storeDir.resolve("segment-" + e.getKey()));
            segments.add(s);
            s.start(e.getValue());
        }
        return true;
    }

    private void deliver(DropCopyEvent e) {
        delivered.add(ClientUnderTest.key(e.sourceSession(), e.sourceSeqNum(), e.requestTime()));
    }

    @Override
    public void start(List<String> addresses) throws Exception {
        trial.start(addresses);
    }

    @Override
    public void logout() {
        trial.logout();
        segments.forEach(TrialSession::logout);
    }

    @Override
    public void logon() throws Exception {
        trial.logon();
    }

    @Override
    public void resetSequences() throws Exception {
        trial.resetSequences();
    }

    @Override
    public boolean useKeyPair(int n) throws Exception {
        return trial.useKeyPair(n);
    }

    @Override
    public List<String> delivered() {
        return delivered;
    }

    @Override
    public void close() {
        trial.close();
        segments.forEach(TrialSession::close);
    }
}
