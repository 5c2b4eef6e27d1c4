package io.dropcopy.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

/**
 * What a failed wait in a running Karaf looked like, in one line: surefire writes the test output to a file CI does
 * not show, so the assertion message itself carries the sessions' state, the bundles not active and the last
 * drop copy, Camel and warning lines of karaf.log.
 */
final class Diagnosis {
    private static final Pattern INTERESTING = Pattern.compile(
            "\\| (WARN|ERROR) |\\| event +\\||DropCopyApplication|TargetSession|HubImpl|CmeSimulator|CamelContext|Refreshing|ResendWatchdog");

    private Diagnosis() {
    }

    /** Awaits the condition; on time-out fails with the condition's name and {@link #describe()}. */
    static void await(String alias, long seconds, Callable<Boolean> condition, Callable<String> progress) {
        try {
            Awaitility.await(alias).atMost(seconds, TimeUnit.SECONDS).pollInterval(200, TimeUnit.MILLISECONDS)
                    .until(condition);
        } catch (ConditionTimeoutException e) {
            String seen;
            try {
                seen = progress.call();
            } catch (Exception p) {
                seen = p.toString();
            }
            throw new AssertionError("'" + alias + "' not within " + seconds + " s; " + seen + " || " + describe(), e);
        }
    }

    static String describe() {
        StringBuilder out = new StringBuilder();
        BundleContext ctx = FrameworkUtil.getBundle(Diagnosis.class).getBundleContext();
        try {
            // by name: the probe imports the API dynamically, and this module does not compile against it
            ServiceReference<?> ref = ctx.getServiceReference("io.dropcopy.session.api.DropCopyHub");
            Object hub = ref == null ? null : ctx.getService(ref);
            out.append("sessions: ").append(hub == null ? "no DropCopyHub service"
                    : hub.getClass().getMethod("sessions").invoke(hub));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            out.append("sessions: ").append(e);
        }
        out.append(" | bundles not active:");
        for (Bundle b : ctx.getBundles()) {
            if (b.getState() != Bundle.ACTIVE && b.getHeaders().get("Fragment-Host") == null) {
                out.append(' ').append(b.getSymbolicName()).append('(').append(b.getState()).append(')');
            }
        }
        Path log = Paths.get(System.getProperty("karaf.data"), "log", "karaf.log");
        Deque<String> last = new ArrayDeque<>();
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            lines.filter(l -> !l.contains("quickfixj.msg") && INTERESTING.matcher(l).find()).forEach(l -> {
                last.addLast(l.length() > 240 ? l.substring(0, 240) + "..." : l);
                if (last.size() > 25) {
                    last.removeFirst();
                }
            });
        } catch (IOException | RuntimeException e) {
            last.add("karaf.log unreadable: " + e);
        }
        out.append(" | karaf.log: ").append(String.join(" ## ", List.copyOf(last)));
        return out.toString().replace('\n', ' ');
    }
}
