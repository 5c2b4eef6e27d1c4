package io.dropcopy.session.internal;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.EventTranslator;
import io.dropcopy.model.MalformedMessageException;
import io.dropcopy.session.api.DeadLetter;
import io.dropcopy.session.api.DropCopyListener;
import io.dropcopy.session.api.SessionOperations;
import io.dropcopy.session.api.TrialSession;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What operators do to the registry's sessions, each logged with who asked. */
final class OperatorActions implements SessionOperations {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorActions.class);
    /** How long a dead letter replay waits for the group's deferred consumers to commit. */
    private static final long REPLAY_WAIT_SECONDS = 60;

    private final SessionRegistry registry;

    OperatorActions(SessionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void connect(String name) {
        registry.enable(name);
        LOG.info("Drop copy session {} connected by an operator", name);
    }

    @Override
    public void disconnect(String name) {
        registry.disable(name);
        LOG.info("Drop copy session {} disconnected by an operator", name);
    }

    @Override
    public void resetSequence(String name, String operator) {
        synchronized (registry) { // no start in between
            TargetSession s = registry.existing(name);
            if (s.isStarted()) {
                throw new IllegalStateException("session " + name + " is connected: disconnect it first");
            }
            try {
                s.resetSequences();
            } catch (IOException e) {
                throw new IllegalStateException("cannot reset the sequence numbers of session " + name + ": "
                        + e.getMessage(), e);
            }
        }
        LOG.warn("Drop copy session {}: sequence numbers reset to 1 by {}", name, operator);
    }

    @Override
    public void resend(String name, int from, int to, String operator) {
        registry.existing(name).resend(from, to, operator);
    }

    @Override
    public List<DeadLetter> deadLetters(String name) {
        try {
            return registry.existing(name).deadLetters();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the dead letters of session " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void replayDeadLetter(String name, long seqNum, String operator) throws Exception {
        TargetSession s = registry.existing(name);
        DeadLetter letter = s.deadLetters().stream().filter(d -> d.seqNum() == seqNum)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("session " + name + " has no dead letter "
                        + seqNum));
        if (letter.replayed()) {
            throw new IllegalStateException("dead letter " + letter.id() + " was already replayed");
        }
        DropCopyEvent event;
        try {
            event = EventTranslator.translate(letter.raw(), s.group(), name);
        } catch (MalformedMessageException e) {
            throw new IllegalStateException("dead letter " + letter.id() + " still does not translate: " + e.getMessage());
        }
        s.dispatcher().deliverAndWait(event, REPLAY_WAIT_SECONDS);
        s.markReplayed(seqNum, operator);
        LOG.warn("Drop copy session {}: dead letter {} replayed by {}", name, seqNum, operator);
    }

    @Override
    public TrialSession trialSession(String name, Path storeDir, DropCopyListener listener) {
        return new TrialSessionImpl(registry.existing(name).config, storeDir, listener);
    }
}
