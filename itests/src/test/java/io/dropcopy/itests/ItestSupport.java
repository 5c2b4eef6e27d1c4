package io.dropcopy.itests;

import org.apache.karaf.itests.KarafTestSupport;

/**
 * Karaf's test support with its retry off: every itest extends this, not {@link KarafTestSupport}.
 *
 * <p>KarafTestSupport's {@code @Rule Retry(true)} turns a test's first failure into Pax Exam's
 * {@code RerunTestException}, which runs the test again and reports only the second run: a flaky failure
 * reported green. Retry keeps its switch in a static field that every {@code new Retry(..)} sets; this constructor
 * runs after KarafTestSupport's field initialiser and before JUnit reads the rule, so the rule JUnit applies is
 * {@code Retry(false)} and the switch is off: a failure fails.
 */
public abstract class ItestSupport extends KarafTestSupport {

    protected ItestSupport() {
        retry = new Retry(false);
    }
}
