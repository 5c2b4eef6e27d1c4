package io.dropcopy.sink.file;

import java.util.Map;

/**
 * What makes a drop copy message the same message when it comes again: the sequence stream that delivered it
 * (target session + the outer SenderSubID(50)/TargetSubID(57): on an MSGW target session every market segment has
 * its own sequence numbers) with its sequence number, and its ExecID when it has one.
 */
final class Identity {
    /** Target session, outer sender sub id, outer target sub id, joined by U+001F. */
    final String stream;
    final long seqNum;
    /** ExecID(17), or null (cancel rejects, mass action reports). */
    final String execId;

    Identity(String stream, long seqNum, String execId) {
        this.stream = stream;
        this.seqNum = seqNum;
        this.execId = execId == null || execId.isEmpty() ? null : execId;
    }

    static String stream(String targetSession, String outerSenderSubId, String outerTargetSubId) {
        return nz(targetSession) + '\u001f' + nz(outerSenderSubId) + '\u001f' + nz(outerTargetSubId);
    }

    /** Of an event about to be written: the same identity {@link #ofJson} reads back from its journal line. */
    static Identity of(io.dropcopy.model.DropCopyEvent event) {
        return new Identity(stream(event.targetSession(), event.outerSenderSubId(), event.outerTargetSubId()),
                event.seqNum(), event.execId());
    }

    /** From the top-level members of an event's JSON (a journal line). */
    @SuppressWarnings("unchecked")
    static Identity ofJson(Map<String, Object> json) {
        Object outer = json.get("outerHeader");
        Map<String, Object> header = outer instanceof Map ? (Map<String, Object>) outer : Map.of();
        Object seq = json.get("seqNum");
        Object targetSession = json.get("targetSession");
        if (!(seq instanceof String) || !(targetSession instanceof String)) {
            throw new IllegalArgumentException("no targetSession/seqNum");
        }
        return new Identity(stream((String) targetSession, str(header.get("senderSubId")), str(header.get("targetSubId"))),
                Long.parseLong((String) seq), str(json.get("execId")));
    }

    private static String str(Object o) {
        return o instanceof String ? (String) o : null;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    @Override
    public String toString() {
        return stream.replace('\u001f', '/') + "#" + seqNum + (execId != null ? " execId=" + execId : "");
    }
}
