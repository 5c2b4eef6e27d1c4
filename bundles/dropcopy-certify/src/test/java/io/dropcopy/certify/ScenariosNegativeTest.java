package io.dropcopy.certify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.certify.PlainClient.Fault;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each scenario judges a plain QuickFIX/J client (not the project's consumer) that gets one thing wrong, and
 * must report FAIL at the step of the test case where CME would.
 */
@Execution(ExecutionMode.CONCURRENT) // each test its own ports and comp id, mostly waiting on timers
class ScenariosNegativeTest {
    @TempDir
    Path tmp;

    private ScenarioResult run(String scenario, Fault fault, ScriptedCme.Options options) {
        String compId = PlainClient.newCompId();
        ScenarioResult r = Certification.run(Scenarios.byName(scenario).orElseThrow(), PlainClient.identity(compId), options,
                name -> new PlainClient(tmp.resolve(compId), fault, compId));
        System.out.println(r);
        return r;
    }

    private ScenarioResult run(String scenario, Fault fault) {
        return run(scenario, fault, new ScriptedCme.Options().quiet(Duration.ofMillis(800)));
    }

    private static void failsAt(ScenarioResult r, String stepTitle, String reason) {
        assertFalse(r.passed(), "scenario must fail: " + r);
        Step f = r.failedStep();
        assertNotNull(f);
        assertTrue(f.title().contains(stepTitle), "failed at '" + f.title() + "', expected '" + stepTitle + "': " + r);
        assertTrue(f.reason().contains(reason), "reason '" + f.reason() + "' should mention '" + reason + "'");
        assertFalse(f.sent().isEmpty());
        assertFalse(f.expected().isEmpty());
    }

    @Test
    void cgwLogonFailsWithEncryptMethodOnTheLogon() {
        failsAt(run("cgw-logon", Fault.ENCRYPT_METHOD_ON_LOGON), "sends a signed Logon", "EncryptMethod(98)");
    }

    @Test
    void logonFailoverFailsWithAResendRequestOf3000() {
        ScenarioResult r = run("logon-failover", Fault.RESEND_CHUNK_3000);
        failsAt(r, "Resend Request of at most 2,500", "3000 messages");
    }

    @Test
    void respondToResendRequestFailsWithoutGapFillFlag() {
        failsAt(run("respond-to-resend-request", Fault.RESET_MODE_LOWER_36), "answers CME's Resend Request with a gap fill",
                "GapFillFlag(123)=Y missing");
    }

    @Test
    void beginningOfWeekLogonFailsWhenSequencesAreNotReset() {
        failsAt(run("beginning-of-week-logon", Fault.NO_WEEKLY_RESET), "sends a signed Logon", "expected 1");
    }

    @Test
    void midWeekLogonFailsWhen789IsIgnored() {
        failsAt(run("mid-week-logon", Fault.IGNORE_789), "logs on again with NextExpectedMsgSeqNum(789)", "MsgSeqNum(34)");
    }

    @Test
    void keyRotationFailsWhenTheFirstKeyPairIsKept() {
        failsAt(run("mid-week-key-rotation", Fault.KEEPS_KEY_PAIR_1), "sends a signed Logon", "expected key pair 2");
    }

    @Test
    void biDirectionalResendFailsOnASecondResendRequest() {
        failsAt(run("bi-directional-resend", Fault.REDUNDANT_RESEND_REQUEST), "second Resend Request",
                "second Resend Request");
    }

    @Test
    void backupLogonFailsWhen789IsIgnored() {
        failsAt(run("backup-logon-while-primary-up", Fault.IGNORE_789), "logs on to the primary with NextExpectedMsgSeqNum(789)",
                "MsgSeqNum(34)");
    }

    @Test
    void logonTimeoutFailsWhenNoLogonComes() {
        // CME waits 60 s; the short form waits 1 s, the judgement is the same
        ScenarioResult r = run("logon-within-60s", Fault.SILENT, new ScriptedCme.Options().logonTimeout(Duration.ofSeconds(1)));
        failsAt(r, "sends Logon within 1 s", "no Logon within 1 s");
    }

    @Test
    void no122OnLogonFailsWithOrigSendingTime() {
        failsAt(run("no-122-on-logon", Fault.ORIG_SENDING_TIME_ON_LOGON), "no OrigSendingTime(122)", "OrigSendingTime(122)");
    }

    @Test
    void dualResetFailsOnAResetModeSequenceResetWithLower36() {
        failsAt(run("dual-reset-sequence-reset", Fault.RESET_MODE_LOWER_36), "not lower than CME expects", "lower than expected");
    }

    @Test
    void possibleResendsFailWithoutDeduplication() {
        failsAt(run("possible-resends", Fault.NO_DEDUP), "Duplicates removed", "duplicate reached the application");
    }

    @Test
    void msgwFailsWhenEqualSequenceNumbersOfTwoSegmentsAreTakenForDuplicates() {
        failsAt(run("msgw-market-segments", Fault.ONE_SEQUENCE_HISTORY_FOR_ALL_SEGMENTS),
                "Every segment's messages reach the application once", "not delivered");
    }

    /** The same plain client without a fault passes every scenario: the failures above come from the fault alone. */
    @ParameterizedTest
    @MethodSource("io.dropcopy.certify.Scenarios#names")
    void theFaultlessPlainClientPasses(String scenario) {
        ScenarioResult r = run(scenario, Fault.NONE);
        assertTrue(r.passed(), r.toString());
    }

    @Test
    void everyScenarioIsListed() {
        assertEquals(13, Scenarios.all().size());
        for (Scenario s : Scenarios.all()) {
            assertTrue(Scenarios.byName(s.name()).isPresent());
            assertFalse(s.testCase().isEmpty() || s.description().isEmpty());
        }
    }
}
