package io.dropcopy.certify;

import io.dropcopy.model.FixMessageBuilder;
import java.time.Instant;

/** The iLink execution reports the scripted CME wraps in 35=n: fills of new orders, each identity unique in a run. */
final class ExecutionReports {
    private long innerSeq;
    private long orders;

    /** {@code firstSeq}: where this stream's source sequence numbers start (each MSGW segment its own range). */
    ExecutionReports(long firstSeq) {
        this.innerSeq = firstSeq;
    }

    long innerSeq() {
        return innerSeq;
    }

    /** A new inner execution report of source session {@code source} (fill of a new order); 97=Y inside when a possible resend. */
    String executionReport(String source, long sourceSeq, String requestTime, boolean possResend) {
        long order = ++orders;
        String now = ScriptedCme.UTC.format(Instant.now());
        return new FixMessageBuilder("FIX.4.2", "8")
                .add(34, sourceSeq)
                .add(49, "CME")
                .add(50, "G")
                .add(52, now)
                .add(56, source)
                .add(57, "TRADER1")
                .add(97, possResend ? "Y" : null)
                .add(143, "US,IL")
                .add(369, order)
                .add(1, "CERTACCT")
                .add(6, "5000.25")
                .add(11, "CERT" + sourceSeq + "-" + requestTime)
                .add(14, 1)
                .add(17, "CERT" + source + sourceSeq + "T" + requestTime)
                .add(20, "0")
                .add(31, "5000.25")
                .add(32, 1)
                .add(37, String.valueOf(8000000000L + sourceSeq))
                .add(38, 1)
                .add(39, "2")
                .add(40, "2")
                .add(44, "5000.25")
                .add(48, "5602")
                .add(54, "1")
                .add(55, "ES")
                .add(59, "0")
                .add(60, now)
                .add(75, now.substring(0, 8))
                .add(107, "ESZ6")
                .add(150, "2")
                .add(151, 0)
                .add(5979, requestTime)
                .build();
    }

    /** A fresh business message from the first source session, its RequestTime unique. */
    String next() {
        long seq = ++innerSeq;
        return executionReport("M2L000N", seq, String.valueOf(1_700_000_000_000_000_000L + seq), false);
    }
}
