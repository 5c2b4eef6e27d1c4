package io.dropcopy.certify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * CME's AutoCert+ drop copy test cases (see docs: cme-dropcopy.md) and the other CME session rules, each a script
 * acting as CME step by step and judging the client's answers as the test case describes.
 */
public final class Scenarios {
    private Scenarios() {
    }

    private static final List<Scenario> ALL = Collections.unmodifiableList(Arrays.asList(
            new Scenario("cgw-logon", "AutoCert+ 1: Logon (CGW)",
                    "Logon and reply; CME Test Request, client Heartbeat; client Logout, CME Logout", LogonScenarios::cgwLogon),
            new Scenario("logon-failover", "AutoCert+ 2: Logon with failover (CGW)",
                    "Logon to the primary; primary down; Logon on the backup, CME's sequence jumps by 4,000; resend requests of"
                            + " at most 2,500 answered with gap fills and 43=Y copies; heartbeats; Logout",
                    SequenceScenarios::logonFailover),
            new Scenario("respond-to-resend-request", "AutoCert+ 3: Respond to Resend Request",
                    "CME sends 35=2; the client answers with 35=4 123=Y (never an application message); heartbeats",
                    SequenceScenarios::respondToResendRequest),
            new Scenario("beginning-of-week-logon", "AutoCert+ 4: Beginning of week logon",
                    "After the weekly reset the client logs on with 34=1 (no 141=Y); Test Request/Heartbeat",
                    LogonScenarios::beginningOfWeek),
            new Scenario("mid-week-logon", "AutoCert+ 5: Mid-week logon",
                    "The client logs on with a sequence lower than CME expects; CME logs it out with 789; the client logs on"
                            + " again with that sequence", LogonScenarios::midWeekLogon),
            new Scenario("mid-week-key-rotation", "AutoCert+ 6: Mid-week key rotation",
                    "Logon with key pair 1, logout, logon with key pair 2, sequence numbers kept", LogonScenarios::keyRotation),
            new Scenario("bi-directional-resend", "AutoCert+ 7: Bi-directional resend",
                    "A gap in execution reports; the client requests a resend while CME requests one too; the client gap-fills"
                            + " CME's and accepts the out-of-sequence resend without a second request",
                    SequenceScenarios::biDirectionalResend),
            new Scenario("backup-logon-while-primary-up", "CME rule: fault tolerance",
                    "A logon to the backup while the primary is up is logged out with 789 (\"Backup session not allowed."
                            + " Logout forced.\"); the client logs on to the primary with that sequence",
                    LogonScenarios::backupWhilePrimaryUp),
            new Scenario("logon-within-60s", "CME rule: logon timeout",
                    "The Logon comes within 60 s of the TCP connect, else CME closes the socket", LogonScenarios::logonWithin60s),
            new Scenario("no-122-on-logon", "CME rule: OrigSendingTime(122) on Logon",
                    "No 122 (and no 98) on any Logon, also when logging on again after CME dropped the connection",
                    LogonScenarios::no122OnLogon),
            new Scenario("dual-reset-sequence-reset", "CME rule: Sequence Reset in dual-reset mode",
                    "CME's dual-reset 35=4 (no 123) is adopted without acknowledgment; the client's own 35=4 are gap fills"
                            + " (123=Y) whose 36 is never lower than CME expects (CME logs that out)",
                    SequenceScenarios::dualReset),
            new Scenario("possible-resends", "CME rule: possible resends (97=Y)",
                    "97=Y copies after a failover mixed with real-time messages; duplicates removed by RequestTime(5979) and"
                            + " the source session's sequence, new ones kept", SequenceScenarios::possibleResends),
            new Scenario("msgw-market-segments", "Drop Copy 4.0: MSGW sequencing across market segments",
                    "An MSGW target: one session per market segment (57 = segment id), each its own sequence; the same"
                            + " sequence numbers in two segments are two messages, both delivered", SequenceScenarios::msgwSegments)));

    /** Every scenario, in test case order. */
    public static List<Scenario> all() {
        return ALL;
    }

    public static Optional<Scenario> byName(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        List<String> names = new ArrayList<>();
        ALL.forEach(s -> names.add(s.name()));
        return names;
    }
}
