package io.dropcopy.session.api;

/** A business message that could not be translated, kept with the reason; see {@link DropCopyHub#deadLetters}. */
public final class DeadLetter {
    private final String targetSession;
    private final long seqNum;
    private final String time;
    private final String reason;
    private final String raw;
    private final boolean replayed;

    public DeadLetter(String targetSession, long seqNum, String time, String reason, String raw, boolean replayed) {
        this.targetSession = targetSession;
        this.seqNum = seqNum;
        this.time = time;
        this.reason = reason;
        this.raw = raw;
        this.replayed = replayed;
    }

    /** "session:seqNum", what the console's --replay takes. */
    public String id() { return targetSession + ":" + seqNum; }
    public String targetSession() { return targetSession; }
    public long seqNum() { return seqNum; }
    /** When it was dead-lettered (ISO-8601 UTC). */
    public String time() { return time; }
    public String reason() { return reason; }
    /** The whole outer message as received. */
    public String raw() { return raw; }
    /** True once it was re-submitted successfully. */
    public boolean replayed() { return replayed; }
}
