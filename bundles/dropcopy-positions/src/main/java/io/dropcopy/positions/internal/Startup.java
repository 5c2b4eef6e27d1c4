package io.dropcopy.positions.internal;

import io.dropcopy.model.DropCopyEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up order: live events are observed from the start but held while the journal is read back, then applied;
 * an event both in the journal and live counts once (identity).
 */
public final class Startup {
    private static final Logger LOG = LoggerFactory.getLogger(Startup.class);

    private final RiskEngine engine;
    private final List<DropCopyEvent> held = new ArrayList<>();
    private volatile boolean ready;

    public Startup(RiskEngine engine) {
        this.engine = engine;
    }

    /** A live event (the session's thread). */
    public void onEvent(DropCopyEvent event) {
        if (!ready) {
            synchronized (held) {
                if (!ready) {
                    held.add(event);
                    return;
                }
            }
        }
        engine.onEvent(event);
    }

    /**
     * Reads the journal back (trade dates from {@code days - 1} days ago on), then lets live events through; live
     * events wait meanwhile. May run again (a group observed later): what was applied already counts once.
     */
    public void replay(Path directory, int days) {
        synchronized (held) {
            ready = false;
        }
        LocalDate from = LocalDate.now(ZoneOffset.UTC).minusDays(days - 1L);
        try {
            JournalReplay.replay(directory, from, engine);
        } catch (IOException | RuntimeException | Error e) {
            LOG.error("Positions: reading the journal {} back failed, positions hold only what arrives from now: {}",
                    directory, e.toString());
        }
        synchronized (held) {
            for (DropCopyEvent e : held) {
                engine.onEvent(e);
            }
            held.clear();
            ready = true;
        }
        engine.replayDone();
    }

    public boolean ready() {
        return ready;
    }
}
