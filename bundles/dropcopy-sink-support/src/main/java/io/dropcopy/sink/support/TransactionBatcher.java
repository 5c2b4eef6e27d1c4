package io.dropcopy.sink.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes items in transactions of up to {@code maxBatch} on one writer thread, in the order they were submitted, and
 * completes each item only after the transaction that holds it has committed (or failed: then every item of that
 * transaction is completed with the failure and the sink has rolled it back).
 *
 * <p>How a batch forms (group commit): the writer takes the first waiting item and adds it to a new transaction at
 * once (a JMS sink sends it then), then every further item that is waiting (or that comes within {@code lingerMs})
 * up to {@code maxBatch}, then commits. With {@code lingerMs = 0} (what the sinks use unless told otherwise) nothing
 * waits for company: a lone item on a quiet day is committed at once, and under load the items that queued up while
 * the previous transaction committed make the next batch, so a batch grows with the rate and an item waits for at
 * most the commit in progress when it came plus its own. The queue's capacity bounds what is in flight.
 *
 * <p><b>Nothing is committed behind a hole.</b> When a transaction fails, the lowest failed position of each stream
 * (a drop copy session: {@link Keys}) is remembered, and a later item of that stream with a higher position is failed
 * without being written, until an item at or below the failed position comes (the caller went back and sends again).
 * Otherwise a bust could be written before the fill it busts, which is then dead-lettered and, as a duplicate on
 * the resend, never applied; and a broker's consumers would see messages out of order. A hole is forgotten after
 * {@link #HOLE_EXPIRY_MS} without the failed item coming again (a route whose error handler swallows the failure
 * never sends it again: it must not fail everything after it for good).
 *
 * <p>The queue is bounded: {@link #submit} blocks while it is full (back-pressure on the caller, nothing dropped).
 *
 * <p><b>Overlapped</b> ({@link Pipeline}): while items queue up ({@link Pipeline#overlapBacklog}), the writer
 * prepares batch N+1 (a database's look-ups and decisions) while a second thread commits batch N; N+1 is committed
 * only after N has, and when N fails, N+1 is rolled back, its items behind N's holes failed, and the rest prepared
 * again: so the outcome is the same as one batch after the other.
 */
public final class TransactionBatcher<T> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionBatcher.class);
    /** How long a hole is kept waiting for its failed item to come again. */
    public static final long HOLE_EXPIRY_MS = 30_000;

    /** The sink's side, called on the writer thread only. */
    public interface Transaction<T> {
        /** Adds an item to the open transaction (begun by the first add after a commit or rollback). */
        void add(T item) throws Exception;

        /** Makes every item added since the last commit/rollback durable, or throws. */
        void commit() throws Exception;

        /** Undoes the open transaction after a failure of add or commit (best effort: log, do not throw). */
        void rollback(Exception cause);
    }

    /**
     * A sink that overlaps its batches: a batch is prepared (everything but its commit) while the batch before it may
     * still be committing, on another connection. At most two batches are open at once; {@link #commit} is called on
     * the committing thread, one batch at a time, in order, each only after the one before it committed.
     */
    public interface Pipeline<T> {
        /**
         * Begins a transaction of the items and does all of it but the commit, taking into account the batch prepared
         * before it (which may not have committed yet); rolls back itself when it throws.
         *
         * @return what {@link #commit} and {@link #rollback} are given
         */
        Object prepare(List<T> items) throws Exception;

        /** Commits a prepared batch, or throws (then {@link #rollback} follows). */
        void commit(Object prepared) throws Exception;

        /** Undoes a prepared batch that failed or will not be committed (best effort: log, do not throw). */
        void rollback(Object prepared, Exception cause);

        /**
         * How many items must be waiting for the next batch to be prepared while the one before commits. Below it
         * the writer waits for the commit first and then takes everything that queued meanwhile: at a low rate,
         * preparing ahead would send each batch with the one or two items there when it began and make the rest
         * wait a whole further commit.
         */
        default int overlapBacklog() {
            return 32;
        }
    }

    /** How an item is told its outcome: called exactly once, on the writer thread (or the closing thread). */
    public interface Completion {
        /** @param failure null when the item's transaction committed */
        void done(Exception failure);
    }

    /** Where an item sits in its stream, for the rule "nothing committed behind a hole"; null: no rule. */
    public interface Keys<T> {
        /** The stream (e.g. the drop copy target session), compared with equals; null: not in any stream. */
        Object stream(T item);

        /** Its position in the stream (e.g. the FIX sequence number). */
        long position(T item);

        static <T> Keys<T> of(Function<T, Object> stream, ToLongFunction<T> position) {
            return new Keys<T>() {
                @Override
                public Object stream(T item) {
                    return stream.apply(item);
                }

                @Override
                public long position(T item) {
                    return position.applyAsLong(item);
                }
            };
        }
    }

    /** The failure of an item not written because an earlier item of its stream failed. */
    public static final class EarlierFailureException extends Exception {
        private static final long serialVersionUID = 1L;

        EarlierFailureException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final class Entry<T> {
        final T item;
        final Completion completion;

        Entry(T item, Completion completion) {
            this.item = item;
            this.completion = completion;
        }
    }

    private final String name;
    private final Transaction<T> transaction;
    private final int maxBatch;
    private final long lingerNanos;
    private final BlockingQueue<Entry<T>> queue;
    private final StreamHoles<T> holes;
    private final Pipeline<T> pipeline;
    private final List<T> collected = new ArrayList<>();
    private final Thread writer;
    private final java.util.concurrent.ExecutorService committer;
    private volatile boolean closing;

    private final AtomicLong committedItems = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong failedItems = new AtomicLong();

    /**
     * @param name for the thread and the logs
     * @param maxBatch most items in one transaction (at least 1)
     * @param lingerMs how long the writer waits for more items before committing a batch not yet full (0: never)
     * @param capacity most items waiting (at least 1); {@link #submit} blocks beyond
     * @param keys positions for the hole rule, or null
     */
    public TransactionBatcher(String name, Transaction<T> transaction, int maxBatch, long lingerMs, int capacity,
            Keys<T> keys) {
        this(name, Objects.requireNonNull(transaction, "transaction"), null, maxBatch, lingerMs, capacity, keys);
    }

    /**
     * Overlapped batches (see the class comment): {@code pipeline} prepares a batch while the one before commits.
     */
    public TransactionBatcher(String name, Pipeline<T> pipeline, int maxBatch, long lingerMs, int capacity,
            Keys<T> keys) {
        this(name, null, Objects.requireNonNull(pipeline, "pipeline"), maxBatch, lingerMs, capacity, keys);
    }

    private TransactionBatcher(String name, Transaction<T> transaction, Pipeline<T> pipeline, int maxBatch,
            long lingerMs, int capacity, Keys<T> keys) {
        if (maxBatch < 1 || capacity < 1 || lingerMs < 0) {
            throw new IllegalArgumentException("batch size and queue capacity must be at least 1, linger not negative: "
                    + maxBatch + ", " + capacity + ", " + lingerMs);
        }
        this.name = Objects.requireNonNull(name, "name");
        this.pipeline = pipeline;
        this.transaction = pipeline == null ? transaction : new Transaction<T>() {
            @Override
            public void add(T item) {
                collected.add(item);
            }

            @Override
            public void commit() {
                throw new IllegalStateException("a pipeline commits on its own thread");
            }

            @Override
            public void rollback(Exception cause) {
                collected.clear();
            }
        };
        this.holes = new StreamHoles<>(name, keys);
        this.maxBatch = maxBatch;
        this.lingerNanos = TimeUnit.MILLISECONDS.toNanos(lingerMs);
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.committer = pipeline == null ? null : java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "dropcopy-commit-" + name);
            t.setDaemon(true);
            return t;
        });
        this.writer = new Thread(pipeline == null ? this::run : this::runPipelined, "dropcopy-batch-" + name);
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /**
     * Queues an item; its completion is called once its transaction committed or failed. Blocks while the queue is
     * full.
     *
     * @throws IllegalStateException when closed (the completion is not called)
     * @throws InterruptedException when interrupted while waiting for room (the completion is not called)
     */
    public void submit(T item, Completion completion) throws InterruptedException {
        Entry<T> entry = new Entry<>(Objects.requireNonNull(item, "item"), Objects.requireNonNull(completion, "completion"));
        while (!closing) {
            if (queue.offer(entry, 100, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
        throw new IllegalStateException("drop copy sink " + name + " is stopping: not accepting messages");
    }

    /** Items waiting for the writer. */
    public int queued() {
        return queue.size();
    }

    public long committedItems() {
        return committedItems.get();
    }

    public long commits() {
        return commits.get();
    }

    public long failedItems() {
        return failedItems.get();
    }

    /**
     * Stops taking items; the writer still writes what was queued (up to {@code waitMs}), then whatever is left is
     * completed with a failure.
     */
    public void close(long waitMs) {
        closing = true;
        try {
            writer.join(Math.max(1, waitMs));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            LOG.warn("drop copy sink {}: writer still busy after {} ms; interrupting it", name, waitMs);
            writer.interrupt();
            try {
                writer.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (committer != null) {
            committer.shutdown(); // the writer waited for the last commit (or was interrupted: then it ends on its own)
        }
        Exception stopped = new IllegalStateException("drop copy sink " + name + " stopped before writing this message");
        for (Entry<T> e; (e = queue.poll()) != null;) {
            complete(e, stopped);
        }
    }

    @Override
    public void close() {
        close(10_000);
    }

    private void run() {
        List<Entry<T>> batch = new ArrayList<>(Math.min(maxBatch, 4096));
        for (Entry<T> first; (first = next()) != null;) {
            batch.clear();
            Exception failure = fill(first, batch);
            if (batch.isEmpty()) {
                continue;
            }
            end(batch, failure);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    /** The next entry, once there is one; null when closing with nothing queued, or interrupted. */
    private Entry<T> next() {
        while (true) {
            try {
                Entry<T> first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first != null || closing) {
                    return first;
                }
            } catch (InterruptedException e) {
                return null;
            }
        }
    }

    /** The overlapped writer: prepares a batch while the committing thread commits the one before. */
    private void runPipelined() {
        CompletableFuture<Exception> inFlight = null;
        try {
            while (true) {
                if (inFlight != null && queue.size() < pipeline.overlapBacklog()) {
                    await(inFlight); // no backlog: as one batch after the other (its failure has failed its items)
                    inFlight = null;
                }
                Entry<T> first = next();
                if (first == null) {
                    return;
                }
                List<Entry<T>> batch = new ArrayList<>(Math.min(maxBatch, 4096));
                collected.clear();
                Exception failure = fill(first, batch); // collecting only: no failure but an interrupt
                if (batch.isEmpty()) {
                    continue;
                }
                Object prepared = null;
                if (failure == null) {
                    try {
                        prepared = pipeline.prepare(new ArrayList<>(collected));
                    } catch (Exception | Error e) {
                        failure = asException(e);
                    }
                }
                Exception before = await(inFlight);
                inFlight = null;
                if (before != null && failure == null) {
                    // prepared on the failed batch's writes: undone, and prepared again without what is behind its holes
                    pipeline.rollback(prepared, before);
                    prepared = null;
                    List<Entry<T>> again = new ArrayList<>(batch.size());
                    for (Entry<T> e : batch) {
                        if (!behindHole(e)) {
                            again.add(e);
                        }
                    }
                    batch = again;
                    if (batch.isEmpty()) {
                        continue;
                    }
                    List<T> items = new ArrayList<>(batch.size());
                    batch.forEach(e -> items.add(e.item));
                    try {
                        prepared = pipeline.prepare(items);
                    } catch (Exception | Error e) {
                        failure = asException(e);
                    }
                }
                if (failure != null) {
                    failed(batch, failure, null);
                    continue;
                }
                List<Entry<T>> committing = batch;
                Object handle = prepared;
                inFlight = CompletableFuture.supplyAsync(() -> commitPrepared(committing, handle), committer);
            }
        } finally {
            await(inFlight);
        }
    }

    /** On the committing thread: commits a prepared batch and completes its entries. */
    private Exception commitPrepared(List<Entry<T>> batch, Object prepared) {
        try {
            pipeline.commit(prepared);
        } catch (Exception | Error e) {
            Exception failure = asException(e);
            failed(batch, failure, prepared);
            return failure;
        }
        commits.incrementAndGet();
        committedItems.addAndGet(batch.size());
        for (Entry<T> e : batch) {
            complete(e, null);
        }
        return null;
    }

    /** Rolls a failed batch back, marks the holes and fails every entry of it. */
    private void failed(List<Entry<T>> batch, Exception failure, Object prepared) {
        try {
            if (prepared != null) {
                pipeline.rollback(prepared, failure);
            }
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
        failAll(batch, failure);
    }

    /** The failure of the batch being committed (null: it committed, or there was none), once it is done. */
    private static Exception await(CompletableFuture<Exception> inFlight) {
        if (inFlight == null) {
            return null;
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return inFlight.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the batch in flight is completed all the same: wait for it
                } catch (java.util.concurrent.ExecutionException e) {
                    return asException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Adds the first entry and what follows it to the open transaction, up to {@code maxBatch} and while more come
     * (within the linger time), skipping those behind a hole.
     *
     * @return the failure of an add (the batch ends with that entry) or of waiting, or null
     */
    private Exception fill(Entry<T> first, List<Entry<T>> batch) {
        long lingerUntil = System.nanoTime() + lingerNanos;
        for (Entry<T> next = first; next != null;) {
            if (!behindHole(next)) {
                batch.add(next);
                try {
                    transaction.add(next.item);
                } catch (Exception | Error e) {
                    return asException(e);
                }
            }
            if (batch.size() >= maxBatch) {
                break;
            }
            next = queue.poll();
            if (next == null && lingerNanos > 0) {
                long left = lingerUntil - System.nanoTime();
                if (left > 0) {
                    try {
                        next = queue.poll(left, TimeUnit.NANOSECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return e;
                    }
                }
            }
        }
        return null;
    }

    /**
     * Commits the batch unless it failed already and completes its entries; on a failure rolls it back, marks the
     * holes and fails every entry of it.
     */
    private void end(List<Entry<T>> batch, Exception failed) {
        Exception failure = failed;
        if (failure == null) {
            try {
                transaction.commit();
            } catch (Exception | Error e) {
                failure = asException(e);
            }
        }
        if (failure == null) {
            commits.incrementAndGet();
            committedItems.addAndGet(batch.size());
            for (Entry<T> e : batch) {
                complete(e, null);
            }
            return;
        }
        try {
            transaction.rollback(failure);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
        failAll(batch, failure);
    }

    /** A rolled-back batch: logged, its streams' holes marked, every entry failed. */
    private void failAll(List<Entry<T>> batch, Exception failure) {
        LOG.warn("drop copy sink {}: a transaction of {} message(s) failed and was rolled back; they come again: {}",
                name, batch.size(), shortly(failure));
        for (Entry<T> e : batch) {
            markHole(e, failure);
        }
        for (Entry<T> e : batch) {
            complete(e, failure);
        }
    }

    /** Fails the entry (completed here) when an earlier item of its stream failed and was not sent again yet. */
    private boolean behindHole(Entry<T> e) {
        Exception behind = holes.behind(e.item);
        if (behind == null) {
            return false;
        }
        complete(e, behind);
        return true;
    }

    private void markHole(Entry<T> e, Exception cause) {
        holes.mark(e.item, cause);
    }

    private void complete(Entry<T> e, Exception failure) {
        if (failure != null) {
            failedItems.incrementAndGet();
        }
        try {
            e.completion.done(failure);
        } catch (RuntimeException | Error problem) {
            LOG.error("drop copy sink {}: completing a message failed", name, problem);
        }
    }

    /** A failure for one log line (a JDBC batch error quotes the whole statement with its values). */
    static String shortly(Exception e) {
        String s = String.valueOf(e).replaceAll("\\s+", " ");
        return s.length() > 400 ? s.substring(0, 400) + "..." : s;
    }

    private static Exception asException(Throwable t) {
        return t instanceof Exception ? (Exception) t : new IllegalStateException(t.toString(), t);
    }
}
