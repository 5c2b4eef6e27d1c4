package io.dropcopy.sink.file;

import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The identities already present in one journal file. Sequence numbers are held as bits per stream (dense within a
 * trading week: a day of one million messages costs about 125 KB), ExecIDs as strings.
 */
final class IdentityIndex {
    private final Map<String, BitSet> seqs = new HashMap<>();
    private final Map<String, Set<Long>> largeSeqs = new HashMap<>();
    private final Set<String> execIds = new HashSet<>();

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

    Verdict check(Identity id) {
        boolean seqSeen = containsSeq(id.stream, id.seqNum);
        if (id.execId != null) {
            if (execIds.contains(id.execId)) {
                return Verdict.DUPLICATE;
            }
            return seqSeen ? Verdict.REUSED_SEQUENCE : Verdict.NEW;
        }
        return seqSeen ? Verdict.DUPLICATE : Verdict.NEW;
    }

    void add(Identity id) {
        if (id.seqNum >= 0 && id.seqNum < Integer.MAX_VALUE) {
            seqs.computeIfAbsent(id.stream, k -> new BitSet()).set((int) id.seqNum);
        } else {
            largeSeqs.computeIfAbsent(id.stream, k -> new HashSet<>()).add(id.seqNum);
        }
        if (id.execId != null) {
            execIds.add(id.execId);
        }
    }

    int execIdCount() {
        return execIds.size();
    }

    private boolean containsSeq(String stream, long seq) {
        if (seq >= 0 && seq < Integer.MAX_VALUE) {
            BitSet bits = seqs.get(stream);
            return bits != null && bits.get((int) seq);
        }
        Set<Long> large = largeSeqs.get(stream);
        return large != null && large.contains(seq);
    }
}
