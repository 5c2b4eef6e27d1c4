package io.dropcopy.simulator;

import io.dropcopy.model.DropCopyUnwrapper;
import io.dropcopy.model.FixMessage;
import io.dropcopy.model.MalformedMessageException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.BitSet;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the business messages come from: the default synthetic stream, the realistic scenario or a recorded
 * file. Used by one thread at a time (the simulator's stream lock).
 */
interface MessageSource extends Closeable {
    /** The next inner iLink message, built with timestamps from {@code now}; null when the stream has ended. */
    String current(Instant now) throws IOException;

    /** Moves past the message {@link #current} returned and persists the position. */
    void advance() throws IOException;

    /** True when there is nothing more to send. */
    boolean finished() throws IOException;

    /** Where the stream stands, for status lines ("order 42 step 2"). */
    String position();

    /**
     * What the current message does to the expected ledger, as its generator decided (null: nothing, or a source
     * that does not know, such as a recording).
     */
    default LedgerNote note() {
        return null;
    }

    /** True when the current message is a PossResend (97=Y) copy in a replayed recording. */
    default boolean possResend() {
        return false;
    }

    /**
     * Nanoseconds between the previous message and the current one as recorded, or -1 when the simulator's rate
     * paces the stream.
     */
    default long recordedGapNanos() {
        return -1;
    }

    /** Replay speed of a recorded file (1 = as recorded); 1 for the synthetic streams. */
    default double speed() {
        return 1;
    }

    @Override
    default void close() throws IOException {
    }

    /** The default stream: per order k, ack, partial fill, fill ({@link SyntheticOrders}); position persisted. */
    final class Default implements MessageSource {
        private final Path stateFile;
        private final long orders;
        private GeneratorState position;

        Default(Path stateFile, long orders) throws IOException {
            this.stateFile = stateFile;
            this.orders = orders;
            this.position = GeneratorState.load(stateFile);
        }

        @Override
        public String current(Instant now) {
            // a backlog may go past the last order; only the generator stops there
            return SyntheticOrders.executionReport(position.order(), position.step(), now);
        }

        @Override
        public void advance() throws IOException {
            GeneratorState after = position.next();
            position = after;
            after.save(stateFile);
        }

        @Override
        public boolean finished() {
            return orders > 0 && position.order() > orders;
        }

        @Override
        public LedgerNote note() {
            return SyntheticOrders.note(position.order(), position.step());
        }

        @Override
        public String position() {
            return String.valueOf(position);
        }
    }

    /** The realistic scenario ({@link RealisticOrders}); the number of messages sent is persisted with the seed. */
    final class Realistic implements MessageSource {
        static final String FILE_NAME = "realistic.properties";
        private final Path stateFile;
        private final long seed;
        private final RealisticOrders orders;
        private Draft current;

        Realistic(Path stateFile, long seed, long maxOrders) throws IOException {
            this(stateFile, seed, maxOrders, false);
        }

        Realistic(Path stateFile, long seed, long maxOrders, boolean ilink3) throws IOException {
            this.stateFile = stateFile;
            this.seed = seed;
            this.orders = new RealisticOrders(seed, maxOrders, ilink3);
            long next = load(stateFile, seed);
            long skipped = orders.skip(next);
            if (skipped < next) {
                LoggerFactory.getLogger(CmeSimulator.class).warn("{}: the stream of seed {} has only {} messages,"
                        + " {} were recorded as sent", stateFile, seed, skipped, next);
            }
        }

        private static long load(Path file, long seed) throws IOException {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            } catch (NoSuchFileException e) {
                return 0;
            }
            try {
                long savedSeed = Long.parseLong(p.getProperty("seed", "").strip());
                if (savedSeed != seed) {
                    LoggerFactory.getLogger(CmeSimulator.class).warn("{}: seed changed from {} to {}: the stream of"
                            + " seed {} starts at its beginning", file, savedSeed, seed, seed);
                    return 0;
                }
                return Long.parseLong(p.getProperty("nextMessage", "").strip());
            } catch (NumberFormatException e) {
                throw new IOException("corrupt realistic scenario state in " + file, e);
            }
        }

        @Override
        public String current(Instant now) {
            if (current == null) {
                current = orders.next();
            }
            return current == null ? null : current.build(now);
        }

        @Override
        public void advance() throws IOException {
            current = null;
            Properties p = new Properties();
            p.setProperty("seed", Long.toString(seed));
            p.setProperty("nextMessage", Long.toString(orders.produced()));
            GeneratorState.store(p, stateFile,
                    "CME drop copy simulator: realistic scenario, messages sent of the stream of this seed");
        }

        @Override
        public boolean finished() {
            return current == null && orders.peek() == null;
        }

        @Override
        public LedgerNote note() {
            return current == null ? null : current.note;
        }

        @Override
        public String position() {
            return "realistic seed " + seed + " message " + (orders.produced() - (current == null ? 0 : 1) + 1);
        }
    }

    /**
     * A recorded file ({@link Recording}): its business messages (outer 35=n), the inner message of each sent again in
     * a new 35=n of this session (re-sequenced), in the order the recorded session's client processed them: by outer
     * sequence number. So a message lost on the wire and resent later (43=Y) is replayed in its place, a PossDup copy
     * of a message already replayed is skipped, sequence numbers the recording gap-filled (35=4) or that never came
     * are passed over (after {@value #REORDER_WINDOW} later messages, or at the end of the file), and an outer
     * sequence starting again lower (a weekly reset) starts a new run. PossResend (97=Y) copies stay PossResend.
     * Admin messages are only read for their sequence numbers. A line that cannot be unwrapped is logged, skipped.
     */
    final class Replay implements MessageSource {
        static final int REORDER_WINDOW = 10_000;
        private static final Logger LOG = LoggerFactory.getLogger(CmeSimulator.class);
        private final Path file;
        private final double speed;
        private final Recording.Reader reader;
        private final java.util.TreeMap<Long, Item> buffer = new java.util.TreeMap<>();
        /** Sequence numbers that hold no business message to wait for: admin messages, gap-filled ranges. */
        private final BitSet done = new BitSet();
        private long nextExpected = -1;
        private long itemsRead;
        private long maxSeq;
        private Item pushback;
        private boolean flushing;
        private boolean eof;
        private long previousNanos = -1;
        private Item next;
        private long replayed;
        private long skipped;

        private record Item(long seq, long epochNanos, String inner, boolean possResend, boolean possDup,
                String msgType, long newSeqNo) {
        }

        Replay(Path file, double speed) throws IOException {
            this.file = file;
            this.speed = speed;
            this.reader = new Recording.Reader(file);
            read();
        }

        @Override
        public double speed() {
            return speed;
        }

        Path file() {
            return file;
        }

        /** Finds the next business message to replay (into {@link #next}), or null at the end. */
        private void read() throws IOException {
            while (true) {
                if (nextExpected < 0 && (eof || flushing || itemsRead > REORDER_WINDOW)) {
                    // where the client stood is unknown: the lowest sequence number of the first window (the copies
                    // of a backlog sent before the first logon come after the Logon that revealed the gap)
                    long lowest = buffer.isEmpty() ? Long.MAX_VALUE : buffer.firstKey();
                    int firstDone = done.nextSetBit(1);
                    if (firstDone > 0) {
                        lowest = Math.min(lowest, firstDone);
                    }
                    nextExpected = lowest == Long.MAX_VALUE ? 1 : lowest;
                }
                while (nextExpected > 0 && nextExpected < Integer.MAX_VALUE && done.get((int) nextExpected)) {
                    nextExpected++;
                }
                Map.Entry<Long, Item> first = buffer.firstEntry();
                if (first != null && nextExpected > 0 && (first.getKey() <= nextExpected || eof || flushing
                        || buffer.size() > REORDER_WINDOW)) {
                    buffer.remove(first.getKey());
                    nextExpected = Math.max(nextExpected, first.getKey() + 1);
                    next = first.getValue();
                    return;
                }
                if (flushing) {
                    // everything before the reset is out: start the new run with the entry that showed it
                    flushing = false;
                    done.clear();
                    maxSeq = 0;
                    nextExpected = pushback.seq();
                    itemsRead = 0;
                    Item item = pushback;
                    pushback = null;
                    consume(item);
                    continue;
                }
                if (eof) {
                    next = null;
                    return;
                }
                Recording.Entry e = reader.next();
                if (e == null) {
                    eof = true;
                    continue;
                }
                Item item = parse(e);
                if (item == null) {
                    continue;
                }
                itemsRead++;
                if (!item.possDup() && item.seq() < maxSeq) {
                    // the outer sequence started again (weekly reset): replay what is buffered, then a new run
                    pushback = item;
                    flushing = true;
                    continue;
                }
                consume(item);
            }
        }

        private void consume(Item item) {
            maxSeq = Math.max(maxSeq, item.seq());
            if (item.inner() == null) {
                if ("4".equals(item.msgType()) && item.newSeqNo() > item.seq()) {
                    // Sequence Reset (gap fill): nothing will come for seq .. newSeqNo - 1
                    done.set((int) Math.min(item.seq(), Integer.MAX_VALUE - 1),
                            (int) Math.min(item.newSeqNo(), Integer.MAX_VALUE - 1));
                } else if (item.seq() < Integer.MAX_VALUE) {
                    done.set((int) item.seq());
                }
                return;
            }
            if ((nextExpected > 0 && item.seq() < nextExpected) || buffer.containsKey(item.seq())) {
                return; // a copy of a message already replayed or waiting
            }
            buffer.put(item.seq(), item);
        }

        private Item parse(Recording.Entry e) {
            try {
                FixMessage outer = FixMessage.parse(e.message());
                long seq = parseSeq(outer.get(34));
                if (seq <= 0) {
                    return null;
                }
                boolean possDup = "Y".equals(outer.get(43));
                String type = outer.msgType();
                if (!DropCopyUnwrapper.XML_NON_FIX.equals(type)) {
                    return new Item(seq, e.epochNanos(), null, false, possDup, type, parseSeq(outer.get(36)));
                }
                String inner = DropCopyUnwrapper.unwrap(e.message()).inner().raw();
                return new Item(seq, e.epochNanos(), inner, "Y".equals(outer.get(97)), possDup, type, 0);
            } catch (MalformedMessageException ex) {
                skipped++;
                LOG.warn("Replay of {}: line {} skipped: {}", file, reader.lineNumber(), ex.getMessage());
                return null;
            }
        }

        private static long parseSeq(String text) {
            if (text == null) {
                return 0;
            }
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        @Override
        public String current(Instant now) {
            return next == null ? null : next.inner();
        }

        @Override
        public void advance() throws IOException {
            if (next != null) {
                previousNanos = Math.max(previousNanos, next.epochNanos());
                replayed++;
                read();
            }
        }

        @Override
        public boolean finished() {
            return next == null;
        }

        @Override
        public boolean possResend() {
            return next != null && next.possResend();
        }

        @Override
        public long recordedGapNanos() {
            if (next == null || previousNanos < 0) {
                return 0;
            }
            return Math.max(0, next.epochNanos() - previousNanos);
        }

        /** Business messages replayed so far. */
        long replayed() {
            return replayed;
        }

        @Override
        public String position() {
            return "replay of " + file + " at speed " + SimulatorConfigParser.speedText(speed) + ": " + replayed
                    + " replayed" + (skipped > 0 ? ", " + skipped + " unreadable skipped" : "")
                    + (next == null ? " (done)" : "");
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }
}
