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

    String nextClOrdId() {
        return clPrefix + String.format("%07d", ++clCounter);
    }
}
