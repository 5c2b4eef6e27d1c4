package io.dropcopy.model;

/**
 * Lookup of the top-level fields of one message: each tag read here must occur at most once outside the
 * excluded range (a repeating group), otherwise the message is ambiguous and rejected. Built once per message
 * (an open-addressing table of the tags, at most half full), then each lookup is a probe or two; about a hundred
 * lookups a message, half of them for absent tags.
 */
final class FieldLookup {
    /** Marks a tag that occurs more than once outside the excluded range. */
    private static final int TWICE = -1;

    private final FixMessage message;
    private final String what;
    /** Tag per slot, 0 for an empty slot (FIX has no tag 0). */
    private final int[] slotTags;
    /** Index of the tag's field in the message, or {@link #TWICE}. */
    private final int[] slotIndexes;
    private final int mask;

    FieldLookup(FixMessage message, String what) {
        this(message, what, 0, 0);
    }

    FieldLookup(FixMessage message, String what, int excludeFrom, int excludeTo) {
        this.message = message;
        this.what = what;
        int n = message.size();
        int slots = Integer.highestOneBit(Math.max(16, n * 2 - 1)) << 1;
        this.slotTags = new int[slots];
        this.slotIndexes = new int[slots];
        this.mask = slots - 1;
        for (int i = 0; i < n; i++) {
            if (i >= excludeFrom && i < excludeTo) {
                continue;
            }
            int tag = message.tagAt(i);
            int s = slot(tag);
            if (slotTags[s] == tag) {
                slotIndexes[s] = TWICE;
            } else {
                slotTags[s] = tag;
                slotIndexes[s] = i;
            }
        }
    }

    /** The slot holding the tag, or the empty slot where it would go. */
    private int slot(int tag) {
        int s = (tag * 0x9E3779B9) >>> 16 & mask;
        while (true) {
            int t = slotTags[s];
            if (t == tag || t == 0) {
                return s;
            }
            s = (s + 1) & mask;
        }
    }

    /** The value of a tag that may occur once outside the excluded range, or null when it is absent. */
    String get(int tag) throws MalformedMessageException {
        int s = slot(tag);
        if (slotTags[s] == 0) {
            return null;
        }
        int index = slotIndexes[s];
        if (index == TWICE) {
            throw new MalformedMessageException(what + " tag " + tag + " occurs more than once");
        }
        return message.valueAt(index);
    }
}
