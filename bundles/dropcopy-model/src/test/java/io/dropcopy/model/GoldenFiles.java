package io.dropcopy.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads the golden cases in {@code src/test/resources/golden} (format: golden/README.md): a readable
 * {@code .fix} file becomes the exact outer message CME would send, with 9, 10 and 212 computed.
 */
final class GoldenFiles {
    static final String DEFAULT_GROUP = "DEMO";
    static final String DEFAULT_TARGET_SESSION = "demo-cgw";

    /** One materialized case. */
    static final class Case {
        final String name;
        final String outer;
        final String group;
        final String targetSession;

        Case(String name, String outer, String group, String targetSession) {
            this.name = name;
            this.outer = outer;
            this.group = group;
            this.targetSession = targetSession;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private GoldenFiles() {
    }

    /**
     * The source folder when the tests run from the module (so renamed or deleted cases never linger as stale
     * copies in target/test-classes), else the copy on the class path.
     */
    static Path dir() {
        Path source = Paths.get("src", "test", "resources", "golden");
        if (Files.isDirectory(source)) {
            return source;
        }
        try {
            return Paths.get(GoldenFiles.class.getResource("/golden").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Names (without .fix) of the valid cases, NN-name, in order. */
    static List<String> validNames() {
        return names(false);
    }

    /** Names (without .fix) of the malformed cases, bad-NN-name, in order. */
    static List<String> badNames() {
        return names(true);
    }

    private static List<String> names(boolean bad) {
        try (Stream<Path> files = Files.list(dir())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".fix") && n.startsWith("bad-") == bad)
                    .map(n -> n.substring(0, n.length() - 4))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(String fileName) {
        try {
            return Files.readString(dir().resolve(fileName), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Case load(String name) {
        String group = DEFAULT_GROUP;
        String targetSession = DEFAULT_TARGET_SESSION;
        boolean verbatim = false;
        StringBuilder text = new StringBuilder();
        for (String line : read(name + ".fix").split("\r?\n", -1)) {
            if (line.startsWith("#!")) {
                String directive = line.substring(2).strip();
                if (directive.equals("verbatim")) {
                    verbatim = true;
                } else if (directive.startsWith("group=")) {
                    group = directive.substring("group=".length());
                } else if (directive.startsWith("targetSession=")) {
                    targetSession = directive.substring("targetSession=".length());
                } else {
                    throw new IllegalArgumentException(name + ": unknown directive " + line);
                }
            } else if (!line.startsWith("#")) {
                text.append(line.stripLeading());
            }
        }
        String raw = text.toString().replace("^A", "|").replace('|', FixMessage.SOH).replace("^B", "\u0002");
        return new Case(name, verbatim ? raw : materialize(raw), group, targetSession);
    }

    /**
     * Recomputes the inner 9/10 (of the message inside {@code <RTRF>...</RTRF>}, if any), then XmlDataLen(212) as
     * the length of the XmlData(213) value (which runs to the separator before the outer 10), then the outer 9/10.
     */
    static String materialize(String outer) {
        int open = outer.indexOf(DropCopyUnwrapper.OPEN);
        int close = outer.lastIndexOf(DropCopyUnwrapper.CLOSE);
        if (open >= 0 && close > open) {
            String inner = withLengthAndChecksum(outer.substring(open + DropCopyUnwrapper.OPEN.length(), close));
            outer = outer.substring(0, open) + DropCopyUnwrapper.envelope(inner) + outer.substring(close
                    + DropCopyUnwrapper.CLOSE.length());
        }
        char sep = separator(outer);
        int dataField = outer.indexOf(sep + "213=");
        if (dataField < 0) {
            return withLengthAndChecksum(outer);
        }
        int lengthField = outer.lastIndexOf(sep + "212=", dataField);
        if (lengthField < 0 || outer.indexOf(sep, lengthField + 1) != dataField) {
            throw new IllegalArgumentException("212 must come right before 213");
        }
        int dataStart = dataField + "|213=".length();
        int dataEnd = outer.lastIndexOf(sep + "10=");
        String rewritten = outer.substring(0, lengthField) + sep + "212=" + (dataEnd - dataStart) + outer.substring(dataField);
        return withLengthAndChecksum(rewritten);
    }

    /** Sets BodyLength(9) and CheckSum(10) of a message written with any values there (e.g. 9=? and 10=?). */
    static String withLengthAndChecksum(String message) {
        char sep = separator(message);
        int beginEnd = message.indexOf(sep);
        int lengthEnd = message.indexOf(sep, beginEnd + 1);
        if (!message.startsWith("9=", beginEnd + 1) || lengthEnd < 0) {
            throw new IllegalArgumentException("message must start with 8=...|9=...|");
        }
        int checksumField = message.lastIndexOf(sep + "10=");
        if (checksumField < lengthEnd) {
            throw new IllegalArgumentException("message must end with 10=...");
        }
        String body = message.substring(lengthEnd + 1, checksumField + 1);
        String head = message.substring(0, beginEnd + 1) + "9=" + body.length() + sep + body;
        int sum = 0;
        for (int i = 0; i < head.length(); i++) {
            sum += head.charAt(i) & 0xFF;
        }
        return head + "10=" + String.format("%03d", sum % 256) + sep;
    }

    private static char separator(String message) {
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c == FixMessage.SOH || c == FixMessage.STX) {
                return c;
            }
        }
        throw new IllegalArgumentException("no separator in " + message);
    }
}
