package io.dropcopy.certify;

/**
 * One scripted AutoCert+ drop copy test case (or another CME rule), CME's side.
 *
 * @param name short name used on the command line, e.g. {@code cgw-logon}
 * @param testCase the AutoCert+ test case it plays, e.g. "AutoCert+ 1: Logon (CGW)", or the CME rule
 * @param script CME's steps against the client under test
 */
public record Scenario(String name, String testCase, String description, Script script) {
    /** The script: CME's steps against the client under test. */
    interface Script {
        void run(ScriptedCme cme, ClientUnderTest client) throws Exception;
    }

    @Override
    public String toString() {
        return name;
    }
}
