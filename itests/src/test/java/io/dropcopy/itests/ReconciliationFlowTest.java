package io.dropcopy.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.features;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import io.dropcopy.recon.ReconBreak;
import io.dropcopy.recon.Reconciliation;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Reconciliation in a real Karaf 4.4.6 running {@code dropcopy-demo} and {@code dropcopy-recon}: the simulator sends 6
 * orders (12 fills) to group DEMO; the firm's rows are written from the file sink's journal of what CME sent, with
 * three breaks injected (a fill left out, a quantity changed, a fill CME never sent). The breaks reconciliation raises
 * are exactly those three; {@code dropcopy:breaks} lists them and {@code dropcopy:report} writes the day's files.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ReconciliationFlowTest extends ItestSupport {
    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":\"([^\"]*)\"");

    @Configuration
    public Option[] config() {
        String version = System.getProperty("project.version");
        List<Option> options = new ArrayList<>(List.of(super.config()));
        String[] simulatorPort = new String[1];
        options.addAll(DemoConfiguration.ownPorts(14, simulatorPort));
        options.add(features(maven("io.dropcopy.karaf", "features", version).classifier("features").type("xml"),
                "dropcopy-demo", "dropcopy-recon"));
        File basedir = new File(System.getProperty("basedir", "."));
        options.add(replaceConfigurationFile("deploy/dropcopy-demo-route.xml",
                new File(basedir, "../features/src/main/resources/dropcopy-demo-route.xml")));
        options.addAll(DemoConfiguration.simulatorAndSession(simulatorPort[0], 20, 6));
        options.add(editConfigurationFilePut("etc/io.dropcopy.recon.cfg", "groups", "DEMO"));
        // the session logs on once both consumers of DEMO are there (the demo route and reconciliation): neither misses
        // a message
        options.add(editConfigurationFilePut("etc/io.dropcopy.session-demo.cfg", "consumers", "2"));
        options.add(editConfigurationFilePut("etc/io.dropcopy.recon.cfg", "delaySeconds", "3"));
        options.add(editConfigurationFilePut("etc/io.dropcopy.recon.cfg", "dataDir", "${karaf.data}/dropcopy"));
        options.add(editConfigurationFilePut("etc/system.properties", "pax.exam.service.timeout", "300000"));
        return options.toArray(new Option[0]);
    }

    @Test
    public void exactlyTheInjectedBreaksAndTheDayReport() throws Exception {
        Path data = Paths.get(System.getProperty("karaf.data"));
        Path journal = data.resolve("dropcopy").resolve("DEMO");
        Diagnosis.await("the 12 fills of 6 orders in the file sink's journal", 240, () -> fills(journal).size() >= 12,
                () -> "fills: " + fills(journal).size());
        List<java.util.Map<String, String>> fills = fills(journal);
        assertEquals(12, fills.size());

        StringBuilder csv = new StringBuilder("account,orderId,clOrdId,instrument,side,quantity,price,time,tradeDate\n");
        Set<String> expected = new TreeSet<>();
        String tradeDate = fills.get(0).get("tradeDate");
        for (int i = 0; i < fills.size(); i++) {
            java.util.Map<String, String> f = fills.get(i);
            String qty = f.get("lastQty");
            if (i == 0) {
                expected.add("PhantomFill " + f.get("orderId"));
                continue;
            }
            if (i == 3) {
                qty = new java.math.BigDecimal(qty).add(java.math.BigDecimal.ONE).toPlainString();
                expected.add("QuantityMismatch " + f.get("orderId"));
            }
            csv.append(f.getOrDefault("account", "")).append(',').append(f.get("orderId")).append(',')
                    .append(f.get("clOrdId")).append(',').append(f.getOrDefault("securityDesc", f.get("symbol")))
                    .append(',').append("1".equals(f.get("sideCode")) ? "BUY" : "SELL").append(',').append(qty)
                    .append(',').append(f.get("lastPx")).append(',').append(f.get("transactTime")).append(',').append(f.get("tradeDate"))
                    .append('\n');
        }
        csv.append(fills.get(1).getOrDefault("account", "")).append(",FIRM-ONLY-1,F1,").append(fills.get(1).get("securityDesc"))
                .append(",BUY,1,100.25,").append(fills.get(1).get("transactTime")).append(',').append(tradeDate).append('\n');
        expected.add("MissingFill FIRM-ONLY-1");

        Reconciliation recon = getOsgiService(Reconciliation.class, 120_000L);
        io.dropcopy.recon.LoadResult loaded = recon.submitFirmFills("DEMO", csv.toString(), "csv", "itest.csv");
        assertEquals(loaded.toString(), 12, loaded.added() + loaded.unchanged());
        Diagnosis.await("the three injected breaks", 120, () -> found(recon).equals(expected),
                () -> "expected " + expected + ", open " + recon.openBreaks("DEMO"));
        assertEquals(3, recon.openBreaks("DEMO").size());

        String listed = executeCommand("dropcopy:breaks DEMO --evidence", 60_000L, false, ConsoleCommandsTest.ADMIN);
        assertTrue(listed, listed.contains("3 open breaks") && listed.contains("firm.origin = itest.csv row"));
        String out = executeCommand("dropcopy:report DEMO --date " + tradeDate, 60_000L, false, ConsoleCommandsTest.ADMIN); // report is an admin's (ACL)
        Path report = data.resolve("dropcopy/reports/DEMO").resolve(tradeDate);
        assertTrue(out, Files.exists(report.resolve("report.html")));
        List<String> open = Files.readAllLines(report.resolve("open-breaks.csv"), StandardCharsets.UTF_8);
        assertEquals(open.toString(), 4, open.size());
        assertEquals(13, Files.readAllLines(report.resolve("fills.csv"), StandardCharsets.UTF_8).size());

        // the session's logon in the report of the current trade date (the clock's: the simulator stamps 75 with the
        // UTC date, which on a weekend is not CME's trade date)
        String today = executeCommand("dropcopy:report DEMO", 60_000L, false, ConsoleCommandsTest.ADMIN).strip();
        List<String> sessions = Files.readAllLines(Paths.get(today).resolve("sessions.csv"), StandardCharsets.UTF_8);
        assertTrue(sessions.toString(), sessions.size() == 2 && sessions.get(1).startsWith("demo,")
                && sessions.get(1).split(",")[2].equals("1"));

        // the breaks in the metrics, over Karaf's HTTP
        Object port = configurationAdmin.getConfiguration("org.ops4j.pax.web", null).getProperties()
                .get("org.osgi.service.http.port");
        java.net.URL metrics = new java.net.URL("http://127.0.0.1:" + port + "/dropcopy/metrics/recon");
        Diagnosis.await("the breaks in /dropcopy/metrics/recon", 60, () -> scrape(metrics).contains(
                "dropcopy_recon_open_breaks{group=\"DEMO\",type=\"PhantomFill\"} 1"), () -> scrape(metrics));
        String scraped = scrape(metrics);
        for (String type : new String[] {"MissingFill", "QuantityMismatch"}) {
            assertTrue(scraped, scraped.contains("dropcopy_recon_open_breaks{group=\"DEMO\",type=\"" + type + "\"} 1"));
            assertTrue(scraped, scraped.contains("dropcopy_recon_breaks_raised_total{group=\"DEMO\",type=\"" + type
                    + "\"} 1"));
        }
        assertTrue(scraped, scraped.contains("dropcopy_recon_open_breaks{group=\"DEMO\",type=\"PriceMismatch\"} 0"));

        // the same breaks on the risk view's API (dropcopy-demo installs dropcopy-positions), what its dashboard shows
        java.net.URL api = new java.net.URL("http://127.0.0.1:" + port + "/dropcopy/api/breaks");
        assertEquals(401, status(api, null));
        // the user of itests' etc/users.properties (KarafTestSupport puts it in place)
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(
                "karaf:karaf".getBytes(StandardCharsets.UTF_8));
        Diagnosis.await("the three breaks in GET /dropcopy/api/breaks", 60, () -> apiBreaks(get(api, basic)).equals(expected),
                () -> get(api, basic));
    }

    private static final Pattern API_BREAK = Pattern.compile("\"type\":\"(\\w+)\"[^{}]*?\"orderId\":\"([^\"]*)\"");

    private static Set<String> apiBreaks(String json) {
        Set<String> s = new TreeSet<>();
        Matcher m = API_BREAK.matcher(json);
        while (m.find()) {
            s.add(m.group(1) + " " + m.group(2));
        }
        return s;
    }

    private static int status(java.net.URL url, String authorization) throws IOException {
        java.net.HttpURLConnection c = (java.net.HttpURLConnection) url.openConnection();
        try {
            if (authorization != null) {
                c.setRequestProperty("Authorization", authorization);
            }
            return c.getResponseCode();
        } finally {
            c.disconnect();
        }
    }

    private static String get(java.net.URL url, String authorization) throws IOException {
        java.net.HttpURLConnection c = (java.net.HttpURLConnection) url.openConnection();
        c.setRequestProperty("Authorization", authorization);
        try (java.io.InputStream in = c.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            c.disconnect();
        }
    }

    private static String scrape(java.net.URL url) throws IOException {
        java.net.HttpURLConnection c = (java.net.HttpURLConnection) url.openConnection();
        try (java.io.InputStream in = c.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            c.disconnect();
        }
    }

    private static Set<String> found(Reconciliation recon) {
        Set<String> s = new TreeSet<>();
        for (ReconBreak b : recon.openBreaks("DEMO")) {
            s.add(b.type().label() + " " + b.orderId());
        }
        return s;
    }

    private static List<java.util.Map<String, String>> fills(Path dir) throws IOException {
        List<java.util.Map<String, String>> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".jsonl")).sorted()::iterator) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (line.contains("\"kind\":\"fill\"") || line.contains("\"kind\":\"partial_fill\"")) {
                        java.util.Map<String, String> m = new java.util.HashMap<>();
                        Matcher x = FIELD.matcher(line);
                        while (x.find()) {
                            m.putIfAbsent(x.group(1), x.group(2));
                        }
                        out.add(m);
                    }
                }
            }
        }
        return out;
    }
}
