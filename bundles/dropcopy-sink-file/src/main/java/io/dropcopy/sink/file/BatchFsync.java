package io.dropcopy.sink.file;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fsync thread of a {@link FileSink} with {@link FileSink.Fsync#BATCH}: forces the files' unforced records on a
 * timer ({@code fsyncIntervalMs}) and whenever asked ({@code fsyncEvents} reached, or a group commit waiting), outside
 * the sink's lock so writing goes on meanwhile, then completes the group commits the force covered. A request while a
 * force runs is queued once: what is written during one force goes in the next, so batches grow with the rate and a
 * record waits for at most the force running when it came plus its own.
 */
final class BatchFsync {
    private static final Logger LOG = LoggerFactory.getLogger(FileSink.class);

    private final FileSink sink;
    private final Path directory;
    private final ScheduledExecutorService thread;
    private final AtomicBoolean queued = new AtomicBoolean();

    BatchFsync(FileSink sink, FileSinkOptions options) {
        this.sink = sink;
        this.directory = options.directory();
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dropcopy-file-fsync " + options.directory().getFileName());
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::run, options.batchIntervalMs(), options.batchIntervalMs(),
                TimeUnit.MILLISECONDS);
    }

    /** Asks for a force now (at most one such request queued). */
    void request() {
        if (queued.compareAndSet(false, true)) {
            try {
                thread.execute(this::run);
            } catch (RejectedExecutionException e) {
                queued.set(false); // closing: close() forces
            }
        }
    }

    /** Lets a running force end (interrupting it would close its channel), then stops the thread. */
    void shutdown() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("{}: an fsync still runs after 30 s; closing anyway", directory);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The fsync thread: takes the unforced records of each file under the lock, forces outside it (writing goes on
     * meanwhile), then completes the callbacks that waited for them. Only this thread forces in BATCH mode (besides
     * closing and evicting, under the lock), so a run starts after the previous one's force ended.
     */
    private void run() {
        queued.set(false);
        BooleanSupplier gate = sink.forceGate;
        if (gate != null && !gate.getAsBoolean()) {
            return;
        }
        List<Runnable> ready = new ArrayList<>();
        try {
            List<JournalFile> files = new ArrayList<>();
            List<List<Consumer<Throwable>>> callbacks = new ArrayList<>();
            synchronized (sink) {
                if (sink.closedLocked()) {
                    return;
                }
                for (JournalFile f : sink.openFilesLocked()) {
                    if (f.pending > 0) {
                        try {
                            f.flush(); // under the lock: the writer shares the buffer
                        } catch (IOException | RuntimeException e) {
                            LOG.error("{}: write failed, the file will be read again before the next write", f.path, e);
                            sink.discardLocked(f, e, ready);
                            continue;
                        }
                        files.add(f);
                        callbacks.add(f.takeWaiting());
                        f.pending = 0;
                        f.forcing++;
                    } else {
                        f.releaseWaiting(ready); // duplicates of records an earlier force covered
                    }
                }
            }
            for (int i = 0; i < files.size(); i++) {
                JournalFile f = files.get(i);
                Throwable failure = null;
                try {
                    f.forceChannel();
                } catch (IOException | RuntimeException e) {
                    failure = e;
                }
                for (Consumer<Throwable> c : callbacks.get(i)) {
                    Throwable why = failure;
                    ready.add(() -> c.accept(why));
                }
                synchronized (sink) {
                    f.forcing--;
                    if (failure == null) {
                        sink.forcedLocked();
                        if (f.pending == 0) {
                            f.releaseWaiting(ready); // came in during the force, all covered by it
                        }
                    } else if (sink.holdsLocked(f)) {
                        LOG.error("{}: fsync failed, the file will be read again before the next write", f.path, failure);
                        sink.discardLocked(f, failure, ready);
                    } else {
                        f.failWaiting(failure, ready);
                    }
                    if (f.forcing == 0 && f.closeWhenForced) {
                        try {
                            f.close();
                        } catch (IOException e) {
                            LOG.debug("closing {} after its last force", f.path, e);
                        }
                    }
                }
            }
        } finally {
            ready.forEach(r -> {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.warn("a group commit callback failed: {}", e.toString());
                }
            });
        }
    }
}
