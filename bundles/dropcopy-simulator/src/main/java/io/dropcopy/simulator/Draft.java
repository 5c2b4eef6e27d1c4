package io.dropcopy.simulator;

import io.dropcopy.model.FixMessageBuilder;
import java.time.Instant;

/**
 * One inner message of a generated stream, its timestamps ({@link Stamp}) filled in by {@link #build(Instant)} when
 * it is sent, so a message generated ahead still carries the time it leaves.
 */
final class Draft {
    final String msgType;
    /** What this message does to the expected ledger, or null. */
    LedgerNote note;
    private int[] tags = new int[48];
    private Object[] values = new Object[48];
    private int size;

    Draft(String msgType) {
        this.msgType = msgType;
    }

    /** Adds a field; null values are skipped. */
    Draft add(int tag, Object value) {
        if (value == null) {
            return this;
        }
        if (size == tags.length) {
            tags = java.util.Arrays.copyOf(tags, size * 2);
            values = java.util.Arrays.copyOf(values, size * 2);
        }
        tags[size] = tag;
        values[size] = value;
        size++;
        return this;
    }

    /** The value of the first occurrence of a tag (timestamps unresolved), or null. */
    Object get(int tag) {
        for (int i = 0; i < size; i++) {
            if (tags[i] == tag) {
                return values[i];
            }
        }
        return null;
    }

    /** The whole inner iLink message (with 9 and 10), timestamps taken from {@code now}. */
    String build(Instant now) {
        FixMessageBuilder b = new FixMessageBuilder(CmeSimulator.BEGIN_STRING, msgType);
        for (int i = 0; i < size; i++) {
            Object v = values[i];
            b.add(tags[i], v instanceof Stamp ? ((Stamp) v).value(now) : v);
        }
        return b.build();
    }
}
