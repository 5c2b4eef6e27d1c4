package io.dropcopy.fix;

import java.nio.file.Path;
import quickfix.SessionID;
import quickfix.SessionSettings;

/** The QuickFIX/J settings every CME drop copy session needs, on either side of the wire. */
public final class CmeSessionSettings {
    private CmeSessionSettings() {
    }

    /**
     * CME's dialect: the dictionary that knows 35=n, CME's tags outside FIX 4.2 and header order accepted,
     * 369 on every message (the logon signature needs it), and sequences never reset by logon, logout or disconnect.
     */
    public static void applyDialect(SessionSettings s, SessionID id, Path dictionary) {
        s.setBool(id, "UseDataDictionary", true);
        s.setString(id, "DataDictionary", dictionary.toString());
        s.setBool(id, "ValidateUserDefinedFields", false);
        s.setBool(id, "AllowUnknownMsgFields", true);
        s.setBool(id, "ValidateFieldsOutOfOrder", false);
        s.setBool(id, "EnableLastMsgSeqNumProcessed", true);
        s.setBool(id, "ResetOnLogon", false);
        s.setBool(id, "ResetOnLogout", false);
        s.setBool(id, "ResetOnDisconnect", false);
        // SendingTime is not checked against the local clock: with a clock more than MaxLatency (120 s) off,
        // QuickFIX/J would reject every message and log out, and the feed would be lost over a clock; the
        // end-to-end latency (SendingTime to delivery, dropcopy:status and JMX) shows a drift instead. Skipping the
        // check also spares parsing every SendingTime with java.time on the session's thread.
        s.setBool(id, "CheckLatency", false);
    }

    /**
     * Always in session. Equal start and end times alone would make QuickFIX/J reset the sequences daily at
     * that time; NonStopSession keeps them: CME resets once a week, never daily.
     */
    public static void alwaysOn(SessionSettings s, SessionID id) {
        s.setBool(id, "NonStopSession", true);
        s.setString(id, "StartTime", "00:00:00");
        s.setString(id, "EndTime", "00:00:00");
        s.setString(id, "TimeZone", "UTC");
    }
}
