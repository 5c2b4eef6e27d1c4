package io.dropcopy.certify;

/** One judged step of a scenario: what CME did, what the test case expects of the client, what it got. */
public final class Step {
    final int number;
    final String title;
    final String sent;
    final String expected;
    final String received;
    final boolean passed;
    final String reason;

    Step(int number, String title, String sent, String expected, String received, boolean passed, String reason) {
        this.number = number;
        this.title = title;
        this.sent = sent;
        this.expected = expected;
        this.received = received;
        this.passed = passed;
        this.reason = reason;
    }

    public int number() {
        return number;
    }

    public String title() {
        return title;
    }

    /** CME's message (or action) that led to this step, FIX with '|' separators. */
    public String sent() {
        return sent;
    }

    public String expected() {
        return expected;
    }

    public String received() {
        return received;
    }

    public boolean passed() {
        return passed;
    }

    /** Why it failed, or null. */
    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        return (passed ? "PASS" : "FAIL") + " step " + number + " " + title + (passed ? "" : ": " + reason
                + "\n    sent:     " + sent + "\n    expected: " + expected + "\n    received: " + received);
    }
}
