package io.dropcopy.simulator;

/** An iLink source session of the realistic scenario, whose messages are copied to the drop copy group. */
final class SourceSession {
    final int index;
    final String compId;
    final String subId;
    final String location;
    final String account;
    final String manual;
    final String clPrefix;
    long seq;
    long clientSeq;
    long clCounter;

    SourceSession(int index, String compId, String subId, String location, String account, String manual,
            String clPrefix, long clientSeqStart) {
        this.index = index;
        this.compId = compId;
        this.subId = subId;
        this.location = location;
        this.account = account;
        this.manual = manual;
        this.clPrefix = clPrefix;
        this.clientSeq = clientSeqStart;
    }

    /** iLink 3: one session (UUID) per market segment, each its own sequence from 1. */
    private final java.util.Map<String, long[]> segmentSeq = new java.util.HashMap<>();

    long nextSeq(String segment) {
        return ++segmentSeq.computeIfAbsent(segment, k -> new long[1])[0];
    }

    String nextClOrdId() {
        return clPrefix + String.format("%07d", ++clCounter);
    }
}
