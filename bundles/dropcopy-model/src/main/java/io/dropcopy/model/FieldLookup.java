package io.dropcopy.model;

import java.util.Arrays;

/**
 * Lookup of the top-level fields of one message: each tag read here must occur at most once outside the
 * excluded range (a repeating group), otherwise the message is ambiguous and rejected. Built once per message
 * (sorting at most {@link FixMessage#MAX_FIELDS} entries), then each lookup is a binary search.
 */
final class FieldLookup {
    private final FixMessage message;
    private final String what;
    /** (tag << 32) | index, sorted: equal tags are adjacent and in wire order. */
    private final long[] sorted;
    private final int excludeFrom;
    private final int excludeTo;

    FieldLookup(FixMessage message, String what) {
        this(message, what, 0, 0);
    }

    FieldLookup(FixMessage message, String what, int excludeFrom, int excludeTo) {
        this.message = message;
        this.what = what;
        this.excludeFrom = excludeFrom;
        this.excludeTo = excludeTo;
        int n = message.size();
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = ((long) message.tagAt(i) << 32) | i;
        }
        Arrays.sort(keys);
        this.sorted = keys;
    }

    /** The value of a tag that may occur once outside the excluded range, or null when it is absent. */
    String get(int tag) throws MalformedMessageException {
        int i = first(tag);
        String found = null;
        for (; i < sorted.length && (int) (sorted[i] >>> 32) == tag; i++) {
            int index = (int) sorted[i];
            if (index >= excludeFrom && index < excludeTo) {
                continue;
            }
            if (found != null) {
                throw new MalformedMessageException(what + " tag " + tag + " occurs more than once");
            }
            found = message.valueAt(index);
        }
        return found;
    }

    private int first(int tag) {
        long key = (long) tag << 32;
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
