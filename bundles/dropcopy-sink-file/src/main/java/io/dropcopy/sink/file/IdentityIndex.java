package io.dropcopy.sink.file;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The identities already present in one journal file, kept small because a file holds a whole trading day: per
 * sequence stream, where the record of each sequence number starts in the file (a dense array, 8 bytes a message),
 * and a 64-bit hash of every ExecID (an open-addressing table, about 13 bytes a message). A verdict is never taken on
 * a hash alone: a record that may be the same message is read back from the file and compared exactly, so two ExecIDs
 * with the same hash can never make the sink skip a fill. (A HashSet of the ExecID strings cost about 100 bytes a
 * message: 100 MB of heap for a day of a million.)
 */
final class IdentityIndex {
    /** Reads back what the file holds, for exact comparisons. */
    interface Records {
        /** The identity of the record that starts at this offset. */
        Identity at(long offset) throws IOException;

        /** Whether any record of the file has this ExecID (a full read of the file: only ever on a hash match). */
        boolean containsExecId(String execId) throws IOException;
    }

    /** What a message is, compared with what the file already holds. */
    enum Verdict {
        /** Not seen: write it. */
        NEW,
        /** Seen (same ExecID, or no ExecID and the same stream + sequence number): skip it. */
        DUPLICATE,
        /**
         * An execution whose ExecID is new but whose stream + sequence number is already taken by another message:
         * not a redelivery (that would carry the same ExecID) but sequence numbers used again after a reset. Written,
         * with a warning, so nothing is lost.
         */
        REUSED_SEQUENCE
    }

    private final java.util.function.ToLongFunction<String> hash;
    private final Map<String, Offsets> streams = new HashMap<>();
    private final LongSet execIdHashes = new LongSet();
    private int execIds;
    /** Full reads of the file caused by a hash match that was not the record at the same sequence number. */
    private long fileReads;

    IdentityIndex() {
        this(IdentityIndex::hash);
    }

    /** With another hash function: tests force collisions with it. */
    IdentityIndex(java.util.function.ToLongFunction<String> hash) {
        this.hash = hash;
    }

    Verdict check(Identity id, Records records) throws IOException {
        long offset = offsetOf(id.stream, id.seqNum);
        if (id.execId == null) {
            return offset >= 0 ? Verdict.DUPLICATE : Verdict.NEW;
        }
        if (offset >= 0 && id.execId.equals(records.at(offset).execId)) {
            return Verdict.DUPLICATE; // the usual duplicate: a redelivery by resend
        }
        if (execIdHashes.contains(hash.applyAsLong(id.execId))) {
            fileReads++;
            if (records.containsExecId(id.execId)) {
                return Verdict.DUPLICATE; // the same execution under another sequence number (a 97=Y copy)
            }
        }
        return offset >= 0 ? Verdict.REUSED_SEQUENCE : Verdict.NEW;
    }

    /** Records that the message starting at {@code offset} of the file is there. */
    void add(Identity id, long offset) {
        streams.computeIfAbsent(id.stream, k -> new Offsets()).put(id.seqNum, offset);
        if (id.execId != null && execIdHashes.add(hash.applyAsLong(id.execId))) {
            execIds++;
        }
    }

    /** Distinct ExecID hashes (ExecIDs, but for a collision). */
    int execIdCount() {
        return execIds;
    }

    long fileReads() {
        return fileReads;
    }

    private long offsetOf(String stream, long seq) {
        Offsets o = streams.get(stream);
        return o == null ? -1 : o.get(seq);
    }

    /** 64-bit FNV-1a over the UTF-16 code units, then mixed (a murmur finalizer) for the open-addressing table. */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /**
     * Record start offsets of one stream by sequence number: an array from the first sequence number seen on (sequence
     * numbers within a file are dense), a map for anything below it or far beyond.
     */
    static final class Offsets {
        private static final int MAX_SPAN = 1 << 26; // 64 M sequence numbers, 512 MB: beyond that, the map
        private long base = -1;
        /** offset + 1 per sequence number from {@code base}; 0 = not present. */
        private long[] dense = new long[0];
        private Map<Long, Long> sparse;

        void put(long seq, long offset) {
            if (base < 0 && seq >= 0) {
                base = seq;
            }
            long i = seq - base;
            if (base >= 0 && i >= 0 && i < MAX_SPAN) {
                if (i >= dense.length) {
                    dense = Arrays.copyOf(dense, (int) Math.min(MAX_SPAN, Math.max(i + 1, Math.max(1024, dense.length * 2L))));
                }
                dense[(int) i] = offset + 1;
                return;
            }
            if (sparse == null) {
                sparse = new HashMap<>();
            }
            sparse.put(seq, offset);
        }

        /** The offset, or -1. */
        long get(long seq) {
            long i = seq - base;
            if (base >= 0 && i >= 0 && i < dense.length) {
                long v = dense[(int) i];
                if (v != 0) {
                    return v - 1;
                }
            }
            if (sparse != null) {
                Long v = sparse.get(seq);
                return v == null ? -1 : v;
            }
            return -1;
        }
    }

    /** A set of longs by open addressing (linear probing), 0 standing for a free slot. */
    static final class LongSet {
        private long[] table = new long[1024];
        private int size;
        private boolean hasZero;

        boolean add(long v) {
            if (v == 0) {
                boolean added = !hasZero;
                hasZero = true;
                return added;
            }
            if ((size + 1) * 10L > table.length * 7L) {
                grow();
            }
            return insert(table, v);
        }

        boolean contains(long v) {
            if (v == 0) {
                return hasZero;
            }
            int mask = table.length - 1;
            for (int i = (int) v & mask; ; i = (i + 1) & mask) {
                long t = table[i];
                if (t == v) {
                    return true;
                }
                if (t == 0) {
                    return false;
                }
            }
        }

        private boolean insert(long[] into, long v) {
            int mask = into.length - 1;
            for (int i = (int) v & mask; ; i = (i + 1) & mask) {
                long t = into[i];
                if (t == v) {
                    return false;
                }
                if (t == 0) {
                    into[i] = v;
                    if (into == table) {
                        size++;
                    }
                    return true;
                }
            }
        }

        private void grow() {
            long[] old = table;
            table = new long[old.length * 2];
            size = 0;
            for (long v : old) {
                if (v != 0) {
                    insert(table, v);
                }
            }
        }
    }
}
