package io.dropcopy.sink.file;

import io.dropcopy.model.testing.TestMessages;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dropcopy.model.DropCopyEvent;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny benchmark, printed and not asserted: events/s written by the core for each fsync policy and format, one
 * thread, on this machine's disk. Run alone:
 * {@code mvn -B -q test -pl bundles/dropcopy-sink-file -Dtest=FileSinkThroughputTest}.
 */
class FileSinkThroughputTest {
    @TempDir
    Path dir;

    @Test
    void throughputPerFsyncPolicy() throws Exception {
        List<DropCopyEvent> events = TestMessages.generate(5_000, 7).events;
        for (DropCopyEvent e : events) {
            e.toJson(); // written once, as the consumer already did before the sink
        }
        for (FileSink.Format format : FileSink.Format.values()) {
            for (FileSink.Fsync fsync : FileSink.Fsync.values()) {
                Path d = dir.resolve(format + "-" + fsync);
                FileSinkOptions options = new FileSinkOptions(d).withFormat(format).withFsync(fsync);
                long t0 = System.nanoTime();
                long forces;
                try (FileSink sink = new FileSink(options)) {
                    for (DropCopyEvent e : events) {
                        sink.write(e);
                    }
                    forces = sink.forces();
                }
                long ns = System.nanoTime() - t0;
                long t1 = System.nanoTime();
                try (FileSink sink = new FileSink(options)) { // reopen: the scan, then every message a duplicate
                    for (DropCopyEvent e : events) {
                        sink.write(e);
                    }
                    assertEquals(events.size(), sink.duplicates());
                }
                long dupNs = System.nanoTime() - t1;
                System.out.printf("file sink throughput: format=%-5s fsync=%-6s %,9.0f events/s written (%d fsyncs), "
                        + "%,9.0f events/s skipped as duplicates after reopen (%d events)%n", format.extension(),
                        fsync.name().toLowerCase(), events.size() * 1e9 / ns, forces, events.size() * 1e9 / dupNs, events.size());
            }
        }
    }
}
