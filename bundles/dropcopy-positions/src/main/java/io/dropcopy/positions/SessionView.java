package io.dropcopy.positions;

import java.util.List;

/**
 * A target session as the risk view shows it: health, sequence numbers, gaps, dead letters.
 *
 * @param health UP, DEGRADED, DOWN or IDLE
 * @param deadLetters Dead letters not replayed
 */
public record SessionView(String name, String group, String state, String health, String reason, int nextTargetSeqNum,
        int nextSenderSeqNum, long received, long deadLetters, List<String> unrecoverableGaps, String resendInFlight,
        String lastMessageTime) {

    public SessionView {
        unrecoverableGaps = List.copyOf(unrecoverableGaps);
    }
}
