package io.dropcopy.sink.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.model.DropCopyEvent;
import io.dropcopy.model.testing.TestMessages;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fsync=batch as a group commit: a record's callback comes only after the fsync that covers it. */
class GroupCommitTest {
    @TempDir
    Path dir;

    @Test
    void eachCallbackComesAfterTheFsyncOfItsBatchAndADuplicateWaitsForTheRecordsNotYetForced() throws Exception {
        List<String> durable = new CopyOnWriteArrayList<>();
        FileSinkOptions options = new FileSinkOptions(dir).withFsync(FileSink.Fsync.BATCH).withBatchEvents(3)
                .withBatchIntervalMs(60_000);
        try (FileSink sink = new FileSink(options)) {
            java.util.concurrent.atomic.AtomicBoolean diskFree = new java.util.concurrent.atomic.AtomicBoolean();
            sink.forceGate = diskFree::get; // the fsync thread is busy until the third record
            DropCopyEvent a = TestMessages.fill(1, "E-1", "ESZ6", "20261125");
            DropCopyEvent b = TestMessages.fill(2, "E-2", "ESZ6", "20261125");
            DropCopyEvent c = TestMessages.fill(3, "E-3", "ESZ6", "20261125");
            assertEquals(FileSink.Outcome.WRITTEN, sink.write(a, (o, f) -> durable.add("E-1 " + o + " " + f)));
            assertEquals(FileSink.Outcome.WRITTEN, sink.write(b, (o, f) -> durable.add("E-2 " + o + " " + f)));
            assertEquals(FileSink.Outcome.DUPLICATE, sink.write(a, (o, f) -> durable.add("E-1 again " + o + " " + f)));
            assertTrue(durable.isEmpty(), "nothing forced yet: " + durable);
            assertEquals(0, sink.forces());
            diskFree.set(true);
            sink.write(c, (o, f) -> durable.add("E-3 " + o + " " + f));
            // the fsync thread is free: it forces what waits, all four in one fsync
            awaitTrue(() -> durable.size() == 4, "the batch's callbacks after its fsync: " + durable);
            assertEquals(1, sink.forces(), "one fsync for the batch");
            assertEquals(List.of("E-1 WRITTEN null", "E-2 WRITTEN null", "E-1 again DUPLICATE null", "E-3 WRITTEN null"),
                    durable);

            durable.clear();
            sink.write(a, (o, f) -> durable.add("E-1 forced " + o));
            assertEquals(List.of("E-1 forced DUPLICATE"), durable, "nothing unforced: a duplicate is durable at once");
        }
    }

    static void awaitTrue(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s: " + what);
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void writingGoesOnWhileTheFsyncThreadForcesAndEveryCallbackComesOnce() throws Exception {
        TestMessages messages = TestMessages.generate(5000, 3);
        java.util.concurrent.ConcurrentHashMap<Long, Integer> calls = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
        FileSinkOptions options = new FileSinkOptions(dir).withFsync(FileSink.Fsync.BATCH).withBatchEvents(50)
                .withBatchIntervalMs(5);
        long forces;
        try (FileSink sink = new FileSink(options)) {
            for (DropCopyEvent e : messages.events) {
                sink.write(e, (o, f) -> {
                    calls.merge(e.seqNum(), 1, Integer::sum);
                    if (f != null) {
                        failures.incrementAndGet();
                    }
                });
            }
            awaitTrue(() -> calls.size() == messages.events.size(), "all callbacks: " + calls.size());
            forces = sink.forces();
            assertEquals(messages.events.size(), sink.written());
        }
        assertEquals(0, failures.get());
        assertTrue(calls.values().stream().allMatch(n -> n == 1), "each callback once");
        assertTrue(forces >= 1 && forces <= messages.events.size(), "forces: " + forces);
        long lines;
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dir)) {
            lines = files.filter(p -> p.toString().endsWith(".jsonl")).mapToLong(p -> {
                try {
                    return java.nio.file.Files.readAllLines(p).size();
                } catch (java.io.IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
            }).sum();
        }
        assertEquals(messages.events.size(), lines);
    }

    @Test
    void groupCommitRecordsWaitInMemoryUntilTheirFsyncAndAreStillFoundAsDuplicates() throws Exception {
        FileSinkOptions options = new FileSinkOptions(dir).withFsync(FileSink.Fsync.BATCH).withBatchEvents(1000)
                .withBatchIntervalMs(60_000);
        List<String> durable = new CopyOnWriteArrayList<>();
        try (FileSink sink = new FileSink(options)) {
            sink.forceGate = () -> false; // the fsync thread never gets to it: forced below
            DropCopyEvent a = TestMessages.fill(1, "E-1", "ESZ6", "20261125");
            DropCopyEvent b = TestMessages.fill(2, "E-2", "ESZ6", "20261125");
            sink.write(a, (o, f) -> durable.add("E-1 " + o));
            sink.write(b, (o, f) -> durable.add("E-2 " + o));
            Path file = sink.fileFor(a);
            assertEquals(0, java.nio.file.Files.size(file), "not written before its fsync: nothing acknowledged yet");
            // the same message again (another sequence number, same ExecID): found by reading the file back
            assertEquals(FileSink.Outcome.DUPLICATE, sink.write(TestMessages.fill(9, "E-1", "ESZ6", "20261125"),
                    (o, f) -> durable.add("E-1 again " + o)));
            assertTrue(durable.isEmpty());
            sink.force();
            assertEquals(List.of("E-1 WRITTEN", "E-2 WRITTEN", "E-1 again DUPLICATE"), durable);
            assertEquals(2, java.nio.file.Files.readAllLines(file).size());
            // a synchronous write next to them goes to the file at once
            sink.write(TestMessages.fill(3, "E-3", "ESZ6", "20261125"));
            assertEquals(3, java.nio.file.Files.readAllLines(file).size());
        }
    }

    @Test
    void aLoneRecordIsForcedAtOnceNotAtTheInterval() throws Exception {
        FileSinkOptions options = new FileSinkOptions(dir).withFsync(FileSink.Fsync.BATCH).withBatchEvents(1000)
                .withBatchIntervalMs(60_000);
        try (FileSink sink = new FileSink(options)) {
            CompletableFuture<Throwable> done = new CompletableFuture<>();
            sink.write(TestMessages.fill(1, "E-1", "ESZ6", "20261125"), (o, f) -> done.complete(f));
            assertNull(done.get(30, TimeUnit.SECONDS), "forced by the free fsync thread, without failure");
            assertEquals(1, sink.forces());
        }
    }

    @Test
    void closingForcesAndCompletesWhatWaits() throws Exception {
        FileSinkOptions options = new FileSinkOptions(dir).withFsync(FileSink.Fsync.BATCH).withBatchEvents(1000)
                .withBatchIntervalMs(60_000);
        CompletableFuture<Throwable> done = new CompletableFuture<>();
        FileSink sink = new FileSink(options);
        sink.forceGate = () -> false; // the fsync thread never gets to it: close() forces it
        sink.write(TestMessages.fill(1, "E-1", "ESZ6", "20261125"), (o, f) -> done.complete(f));
        assertTrue(!done.isDone());
        sink.close();
        assertNull(done.getNow(new IllegalStateException("not completed")));
    }
}
