package io.dropcopy.sink.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentityIndexTest {
    private static final String STREAM = Identity.stream("DEMO01N", "CME", "OPS1");

    /** A journal in memory: offset -> identity, counting full reads. */
    private static final class Journal implements IdentityIndex.Records {
        final Map<Long, Identity> byOffset = new HashMap<>();
        int fullReads;

        void put(IdentityIndex index, Identity id) {
            long offset = byOffset.size() * 100L;
            byOffset.put(offset, id);
            index.add(id, offset);
        }

        @Override
        public Identity at(long offset) {
            return byOffset.get(offset);
        }

        @Override
        public boolean containsExecId(String execId) {
            fullReads++;
            return byOffset.values().stream().anyMatch(i -> execId.equals(i.execId));
        }
    }

    @Test
    void redeliveryIsADuplicateWithoutReadingTheWholeFile() throws Exception {
        IdentityIndex index = new IdentityIndex();
        Journal file = new Journal();
        file.put(index, new Identity(STREAM, 7, "E7"));
        file.put(index, new Identity(STREAM, 8, null));

        assertEquals(IdentityIndex.Verdict.DUPLICATE, index.check(new Identity(STREAM, 7, "E7"), file));
        assertEquals(IdentityIndex.Verdict.DUPLICATE, index.check(new Identity(STREAM, 8, null), file));
        assertEquals(IdentityIndex.Verdict.NEW, index.check(new Identity(STREAM, 9, "E9"), file));
        assertEquals(IdentityIndex.Verdict.NEW, index.check(new Identity(Identity.stream("DEMO01N", "CME", "OPS2"), 7, "E7b"), file));
        assertEquals(0, file.fullReads);
    }

    @Test
    void sameExecutionUnderAnotherSequenceNumberIsADuplicate() throws Exception {
        IdentityIndex index = new IdentityIndex();
        Journal file = new Journal();
        file.put(index, new Identity(STREAM, 7, "E7"));

        assertEquals(IdentityIndex.Verdict.DUPLICATE, index.check(new Identity(STREAM, 4007, "E7"), file));
        assertEquals(1, file.fullReads);
    }

    @Test
    void aNewExecutionOnATakenSequenceNumberIsWrittenAsReused() throws Exception {
        IdentityIndex index = new IdentityIndex();
        Journal file = new Journal();
        file.put(index, new Identity(STREAM, 7, "E7"));

        assertEquals(IdentityIndex.Verdict.REUSED_SEQUENCE, index.check(new Identity(STREAM, 7, "AFTER-RESET-1"), file));
    }

    @Test
    void aHashCollisionNeverSkipsAFill() throws Exception {
        IdentityIndex index = new IdentityIndex(s -> 42L); // every ExecID collides
        Journal file = new Journal();
        file.put(index, new Identity(STREAM, 1, "E1"));
        file.put(index, new Identity(STREAM, 2, "E2"));

        assertEquals(IdentityIndex.Verdict.NEW, index.check(new Identity(STREAM, 3, "E3"), file));
        assertEquals(IdentityIndex.Verdict.REUSED_SEQUENCE, index.check(new Identity(STREAM, 2, "E2-other"), file));
        assertEquals(IdentityIndex.Verdict.DUPLICATE, index.check(new Identity(STREAM, 2, "E2"), file));
        assertTrue(file.fullReads >= 2, "a hash match was confirmed by reading the file");
    }

    @Test
    void sequenceNumbersBelowTheFirstOrFarBeyondAreKept() throws Exception {
        IdentityIndex index = new IdentityIndex();
        Journal file = new Journal();
        file.put(index, new Identity(STREAM, 5_000_000, "A"));
        file.put(index, new Identity(STREAM, 12, "B"));              // after a weekly reset
        file.put(index, new Identity(STREAM, 5_000_000L + (1L << 27), "C")); // beyond the dense span
        file.put(index, new Identity(STREAM, Long.MAX_VALUE, "D"));

        for (Identity id : file.byOffset.values()) {
            assertEquals(IdentityIndex.Verdict.DUPLICATE, index.check(id, file), id.toString());
        }
        assertEquals(IdentityIndex.Verdict.NEW, index.check(new Identity(STREAM, 13, "E"), file));
    }

    @Test
    void manyExecIdsAllFoundAndCounted() throws Exception {
        IdentityIndex index = new IdentityIndex();
        Journal file = new Journal();
        for (int i = 1; i <= 50_000; i++) {
            file.put(index, new Identity(STREAM, i, "SIM" + i + "-1"));
        }
        assertEquals(50_000, index.execIdCount());
        for (int i = 1; i <= 50_000; i += 997) {
            assertEquals(IdentityIndex.Verdict.DUPLICATE, index.check(new Identity(STREAM, i, "SIM" + i + "-1"), file));
        }
        assertEquals(IdentityIndex.Verdict.NEW, index.check(new Identity(STREAM, 50_001, "SIM50001-1"), file));
    }
}
