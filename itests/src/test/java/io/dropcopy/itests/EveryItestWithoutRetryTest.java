package io.dropcopy.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;

/** Plain JUnit, no Karaf: every Pax Exam test class here runs without KarafTestSupport's retry (see ItestSupport). */
public class EveryItestWithoutRetryTest {

    @Test
    public void everyPaxExamTestExtendsItestSupport() throws Exception {
        List<Class<?>> paxExam = testClasses().stream().filter(c -> {
            RunWith runWith = c.getAnnotation(RunWith.class);
            return runWith != null && runWith.value() == PaxExam.class;
        }).collect(Collectors.toList());
        assertFalse("no Pax Exam test found: the scan is broken", paxExam.isEmpty());
        List<String> retried = paxExam.stream().filter(c -> !ItestSupport.class.isAssignableFrom(c))
                .map(Class::getName).collect(Collectors.toList());
        assertEquals("Pax Exam tests that would rerun a failure and report the rerun", List.of(), retried);
    }

    @Test
    public void theRuleItInstallsDoesNotRetry() throws Throwable {
        ItestSupport support = new ItestSupport() { };
        int[] runs = {0};
        org.junit.runners.model.Statement failing = new org.junit.runners.model.Statement() {
            @Override
            public void evaluate() {
                runs[0]++;
                throw new AssertionError("fails on purpose");
            }
        };
        try {
            support.retry.apply(failing, org.junit.runner.Description.EMPTY).evaluate();
        } catch (AssertionError expected) {
            // the test's own failure, not Pax Exam's RerunTestException
            assertEquals("fails on purpose", expected.getMessage());
            assertEquals(1, runs[0]);
            return;
        }
        throw new AssertionError("the failure was swallowed");
    }

    private static List<Class<?>> testClasses() throws IOException {
        Path root = Paths.get(EveryItestWithoutRetryTest.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        try (Stream<Path> files = Files.walk(root)) {
            return files.map(root::relativize).map(Path::toString)
                    .filter(f -> f.endsWith("Test.class"))
                    .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.'))
                    .map(EveryItestWithoutRetryTest::load).collect(Collectors.toList());
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, EveryItestWithoutRetryTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
