package io.dropcopy.sink.support;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streams of a {@link TransactionBatcher} with an item that failed and has not come again: a later item of such a
 * stream is not written (its predecessor would be missing), until the caller sends the failed one again (a position at
 * or before the hole) or {@link TransactionBatcher#HOLE_EXPIRY_MS} pass. Thread-safe: the writer asks, the committing
 * thread of an overlapped batcher marks.
 */
final class StreamHoles<T> {
    private static final Logger LOG = LoggerFactory.getLogger(StreamHoles.class);

    /** The lowest failed position of a stream and why it failed. */
    private static final class Hole {
        long position;
        Exception cause;
        long since;
    }

    private final String name;
    private final TransactionBatcher.Keys<T> keys;
    private final Map<Object, Hole> holes = new HashMap<>();

    StreamHoles(String name, TransactionBatcher.Keys<T> keys) {
        this.name = name;
        this.keys = keys;
    }

    /** Why {@code item} must not be written (an earlier item of its stream failed), or null. */
    synchronized Exception behind(T item) {
        if (keys == null || holes.isEmpty()) {
            return null;
        }
        Object stream = keys.stream(item);
        Hole hole = stream == null ? null : holes.get(stream);
        if (hole == null) {
            return null;
        }
        long position = keys.position(item);
        if (position <= hole.position) {
            holes.remove(stream); // the caller went back: from here on the stream is in order again
            return null;
        }
        if (System.nanoTime() - hole.since > TimeUnit.MILLISECONDS.toNanos(TransactionBatcher.HOLE_EXPIRY_MS)) {
            holes.remove(stream);
            LOG.warn("drop copy sink {}: message {} of {} failed {} s ago and has not come again (an error handler"
                    + " took it?); writing the later ones again", name, hole.position, stream,
                    TransactionBatcher.HOLE_EXPIRY_MS / 1000);
            return null;
        }
        return new TransactionBatcher.EarlierFailureException("not written: message " + hole.position + " of "
                + stream + " failed before it (" + hole.cause + "); it comes again after that one", hole.cause);
    }

    /** {@code item} failed: its stream has a hole at its position (or an earlier one kept). */
    synchronized void mark(T item, Exception cause) {
        if (keys == null) {
            return;
        }
        Object stream = keys.stream(item);
        if (stream == null) {
            return;
        }
        long position = keys.position(item);
        Hole hole = holes.get(stream);
        if (hole == null) {
            hole = new Hole();
            hole.position = position;
            hole.cause = cause;
            hole.since = System.nanoTime();
            holes.put(stream, hole);
        } else if (position < hole.position) {
            hole.position = position;
            hole.cause = cause;
        }
    }
}
