package io.dropcopy.certify;

/** One scripted AutoCert+ drop copy test case (or another CME rule), CME's side. */
public final class Scenario {
    /** The script: CME's steps against the client under test. */
    interface Script {
        void run(ScriptedCme cme, ClientUnderTest client) throws Exception;
    }

    private final String name;
    private final String testCase;
    private final String description;
    private final Script script;

    Scenario(String name, String testCase, String description, Script script) {
        this.name = name;
        this.testCase = testCase;
        this.description = description;
        this.script = script;
    }

    /** Short name used on the command line, e.g. {@code cgw-logon}. */
    public String name() {
        return name;
    }

    /** The AutoCert+ test case it plays, e.g. "AutoCert+ 1: Logon (CGW)", or the CME rule. */
    public String testCase() {
        return testCase;
    }

    public String description() {
        return description;
    }

    Script script() {
        return script;
    }

    @Override
    public String toString() {
        return name;
    }
}
