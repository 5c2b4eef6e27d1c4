package io.dropcopy.features;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every configuration key the bundles read is documented: in its section of {@code docs/configuration.md} and in
 * the {@code .cfg} file shipped for it (set or commented out).
 *
 * <p>The keys come from what the bundles themselves publish, so no list is kept here: the metatype bnd generates
 * from each {@code @AttributeDefinition} ({@code OSGI-INF/metatype/*.xml} of every dropcopy bundle on the test
 * classpath), plus {@code <reference>.target} for each Declarative Services reference that has a default target
 * filter in a configured component (e.g. the session's {@code dataSource.target}).
 */
class ConfigReferenceTest {

    private static final Path ROOT = repositoryRoot();
    private static final Path REFERENCE = ROOT.resolve("docs/configuration.md");

    /** pid -> keys; factory pids are marked by {@link #FACTORIES}. */
    private static final Map<String, Set<String>> KEYS = new TreeMap<>();
    private static final Set<String> FACTORIES = new TreeSet<>();
    /** The bundles came as class directories (a reactor run that stopped before package): they hold no metatype. */
    private static boolean classesOnly;

    @BeforeAll
    static void readBundles() throws Exception {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            File f = new File(entry);
            if (f.isFile() && f.getName().startsWith("dropcopy-") && f.getName().endsWith(".jar")) {
                try (ZipFile zip = new ZipFile(f)) {
                    Enumeration<? extends ZipEntry> entries = zip.entries();
                    while (entries.hasMoreElements()) {
                        ZipEntry e = entries.nextElement();
                        if (e.getName().startsWith("OSGI-INF/") && e.getName().endsWith(".xml")) {
                            try (InputStream in = zip.getInputStream(e)) {
                                read(e.getName(), in);
                            }
                        }
                    }
                }
            } else if (f.isDirectory() && f.getPath().replace('\\', '/').matches(".*/dropcopy-[^/]+/target/classes/?")
                    && !new File(f, "OSGI-INF").isDirectory()) {
                classesOnly = true;
            } else if (f.isDirectory() && new File(f, "OSGI-INF").isDirectory()) {
                try (Stream<Path> files = Files.walk(f.toPath().resolve("OSGI-INF"))) {
                    for (Path p : files.filter(p -> p.toString().endsWith(".xml")).collect(Collectors.toList())) {
                        try (InputStream in = Files.newInputStream(p)) {
                            read(f.toPath().relativize(p).toString().replace('\\', '/'), in);
                        }
                    }
                }
            }
        }
    }

    @Test
    void theBundlesPublishTheirConfiguration() {
        // bnd writes the metatype into the jar only: a reactor 'mvn test' sees the bundles' classes without it.
        assumeFalse(KEYS.isEmpty() && classesOnly, "the bundles are not packaged: run with 'install' (or 'package')");
        // A guard for the test itself: without these it would pass on an empty classpath.
        assertTrue(KEYS.containsKey("io.dropcopy.session") && KEYS.containsKey("io.dropcopy.simulator"),
                "no metatype of the session or the simulator found on the test classpath: " + KEYS.keySet());
        assertTrue(KEYS.get("io.dropcopy.session").contains("dataSource.target"), KEYS.get("io.dropcopy.session")::toString);
    }

    @Test
    void everyKeyIsInTheConfigurationReference() throws IOException {
        assumeFalse(KEYS.isEmpty() && classesOnly, "the bundles are not packaged");
        String doc = Files.readString(REFERENCE, StandardCharsets.UTF_8);
        List<String> missing = new ArrayList<>();
        KEYS.forEach((pid, keys) -> {
            String section = section(doc, fileName(pid));
            if (section == null) {
                missing.add(pid + ": no '## ' section naming " + fileName(pid) + " in " + REFERENCE);
                return;
            }
            for (String key : keys) {
                if (!section.contains("`" + key + "`")) {
                    missing.add(pid + ": `" + key + "`");
                }
            }
        });
        assertTrue(missing.isEmpty(), "configuration keys read by the bundles but missing from "
                + ROOT.relativize(REFERENCE) + ":\n  " + String.join("\n  ", missing));
    }

    @Test
    void everyKeyIsInTheShippedCfg() throws IOException {
        assumeFalse(KEYS.isEmpty() && classesOnly, "the bundles are not packaged");
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : KEYS.entrySet()) {
            List<Path> cfgs = shippedCfgs(e.getKey());
            if (cfgs.isEmpty()) {
                missing.add(e.getKey() + ": no shipped " + fileName(e.getKey()) + " under bundles/*/src/main/cfg");
                continue;
            }
            for (Path cfg : cfgs) {
                String text = Files.readString(cfg, StandardCharsets.UTF_8);
                for (String key : e.getValue()) {
                    // set, or commented out with its default: "key = v" or "#key = v"
                    if (!Pattern.compile("(?m)^[ \\t]*#?[ \\t]*" + Pattern.quote(key) + "[ \\t]*=").matcher(text).find()) {
                        missing.add(ROOT.relativize(cfg) + ": " + key);
                    }
                }
            }
        }
        assertTrue(missing.isEmpty(), "configuration keys read by the bundles but missing from the shipped .cfg:\n  "
                + String.join("\n  ", missing));
    }

    @Test
    void theReferenceHasNoBrokenTable() throws IOException {
        // A blank line inside a Markdown table ends it: the rows after it are shown as plain text.
        List<String> lines = Files.readAllLines(REFERENCE, StandardCharsets.UTF_8);
        for (int i = 1; i + 1 < lines.size(); i++) {
            boolean blankBetweenRows = lines.get(i).isBlank() && lines.get(i - 1).startsWith("|")
                    && lines.get(i + 1).startsWith("|");
            assertFalse(blankBetweenRows, "blank line inside a table at " + ROOT.relativize(REFERENCE) + ":" + (i + 1));
        }
    }

    private static void read(String name, InputStream in) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(false);
        Document d = f.newDocumentBuilder().parse(in);
        if (name.startsWith("OSGI-INF/metatype/")) {
            Map<String, Set<String>> byOcd = new TreeMap<>();
            NodeList ocds = d.getElementsByTagName("OCD");
            for (int i = 0; i < ocds.getLength(); i++) {
                Element ocd = (Element) ocds.item(i);
                Set<String> ids = new TreeSet<>();
                NodeList ads = ocd.getElementsByTagName("AD");
                for (int j = 0; j < ads.getLength(); j++) {
                    ids.add(((Element) ads.item(j)).getAttribute("id"));
                }
                byOcd.put(ocd.getAttribute("id"), ids);
            }
            NodeList designates = d.getElementsByTagName("Designate");
            for (int i = 0; i < designates.getLength(); i++) {
                Element des = (Element) designates.item(i);
                boolean factory = !des.getAttribute("factoryPid").isEmpty();
                String pid = factory ? des.getAttribute("factoryPid") : des.getAttribute("pid");
                Element object = (Element) des.getElementsByTagName("Object").item(0);
                if (pid.startsWith("io.dropcopy") && object != null) {
                    KEYS.computeIfAbsent(pid, p -> new TreeSet<>()).addAll(byOcd.getOrDefault(object.getAttribute("ocdref"), Set.of()));
                    if (factory) {
                        FACTORIES.add(pid);
                    }
                }
            }
        } else {
            Element component = d.getDocumentElement();
            String pid = component.getAttribute("configuration-pid");
            if (pid.isEmpty() || !pid.startsWith("io.dropcopy")
                    || "ignore".equals(component.getAttribute("configuration-policy"))) {
                return;
            }
            NodeList refs = component.getElementsByTagName("reference");
            for (int i = 0; i < refs.getLength(); i++) {
                Element ref = (Element) refs.item(i);
                if (!ref.getAttribute("target").isEmpty()) {
                    KEYS.computeIfAbsent(pid, p -> new TreeSet<>()).add(ref.getAttribute("name") + ".target");
                }
            }
        }
    }

    /** The file name the pid is configured in: {@code io.dropcopy.session-} (factory) or {@code io.dropcopy.jms.cfg}. */
    private static String fileName(String pid) {
        return FACTORIES.contains(pid) ? pid + "-" : pid + ".cfg";
    }

    /** From the '## ' heading that names the file to the next '## ' heading, or null. */
    private static String section(String doc, String file) {
        String[] lines = doc.split("\n", -1);
        StringBuilder out = null;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                if (out != null) {
                    break;
                }
                if (line.contains(file)) {
                    out = new StringBuilder();
                }
            } else if (out != null) {
                out.append(line).append('\n');
            }
        }
        return out == null ? null : out.toString();
    }

    private static List<Path> shippedCfgs(String pid) throws IOException {
        String file = fileName(pid);
        try (Stream<Path> bundles = Files.list(ROOT.resolve("bundles"))) {
            List<Path> found = new ArrayList<>();
            for (Path cfgDir : bundles.map(b -> b.resolve("src/main/cfg")).filter(Files::isDirectory).collect(Collectors.toList())) {
                try (Stream<Path> cfgs = Files.list(cfgDir)) {
                    cfgs.filter(p -> FACTORIES.contains(pid)
                                    ? p.getFileName().toString().startsWith(file) && p.toString().endsWith(".cfg")
                                    : p.getFileName().toString().equals(file))
                            .forEach(found::add);
                }
            }
            return found;
        }
    }

    private static Path repositoryRoot() {
        Path dir = Paths.get(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("docs"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no docs/ above " + System.getProperty("user.dir"));
        }
        return dir;
    }
}
