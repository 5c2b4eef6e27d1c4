package io.dropcopy.itests;

import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.itests.KarafTestSupport;
import org.ops4j.pax.exam.Option;

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

    /**
     * Karaf's options, and Pax Exam's wait for its services (the probe's Injector, BootFinished) as long as a loaded
     * 2-core machine needs: its default, 10 s, gave up on the probe in a run with a load average of 35.
     */
    @Override
    public Option[] config() {
        List<Option> options = new ArrayList<>(List.of(super.config()));
        options.add(editConfigurationFilePut("etc/system.properties", "pax.exam.service.timeout", "300000"));
        // The extender's own wait for the probe invoker (its Parser's default, 10 s) is not the one above: under a load
        // average of 40 the invoker bundle started after it had given up, and the test never ran.
        options.add(editConfigurationFilePut("etc/system.properties",
                "org.ops4j.pax.exam.raw.extender.intern.Parser.DEFAULT_TIMEOUT", "300000"));
        return options.toArray(new Option[0]);
    }
}
