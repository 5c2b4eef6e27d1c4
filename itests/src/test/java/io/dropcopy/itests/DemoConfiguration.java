package io.dropcopy.itests;

import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.util.List;
import org.ops4j.pax.exam.Option;

/**
 * The demo simulator and session configuration every Pax Exam test boots with, on its own free port. Written into
 * etc/ before Karaf starts, so the features' own configfiles are never fetched during the boot install (see
 * karaf-assembly/pom.xml) and these values win.
 */
final class DemoConfiguration {
    /** CME's public test-vector secret: the simulator accepts only it. Never to appear in a log or an output. */
    static final String SECRET = "2HlZ7exg8jTKltXnURjKvm3GS5iF5n4ClzHiEm_ocv4";
    static final String ACCESS_KEY = "DEMO-ACCESS-KEY-0001";

    private DemoConfiguration() {
    }

    /** @param orders how many synthetic orders the simulator sends (0: unlimited) */
    static List<Option> simulatorAndSession(String port, int rate, int orders) {
        String sim = "etc/io.dropcopy.simulator-demo.cfg";
        String session = "etc/io.dropcopy.session-demo.cfg";
        return List.of(
                editConfigurationFilePut(sim, "port", port),
                editConfigurationFilePut(sim, "targetCompId", "DEMO01N"),
                editConfigurationFilePut(sim, "accessKeyId", ACCESS_KEY),
                editConfigurationFilePut(sim, "secretKey", SECRET),
                editConfigurationFilePut(sim, "rate", Integer.toString(rate)),
                editConfigurationFilePut(sim, "orders", Integer.toString(orders)),
                editConfigurationFilePut(session, "group", "DEMO"),
                editConfigurationFilePut(session, "senderCompId", "DEMO01N"),
                editConfigurationFilePut(session, "senderSubId", "OPS1"),
                editConfigurationFilePut(session, "senderLocationId", "US,IL"),
                editConfigurationFilePut(session, "addresses", "127.0.0.1:" + port),
                editConfigurationFilePut(session, "accessKeyId", ACCESS_KEY),
                editConfigurationFilePut(session, "secretKey", SECRET));
    }
}
