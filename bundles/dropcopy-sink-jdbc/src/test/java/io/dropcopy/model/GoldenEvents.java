package io.dropcopy.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The model's golden cases (its test jar, golden/README.md) as events, for tests of other bundles: read from the class
 * path and materialized by the model's own {@link GoldenFiles#materialize}.
 */
public final class GoldenEvents {
    private GoldenEvents() {
    }

    /** The event of golden case {@code name} (without .fix), translated as the model's golden test does. */
    public static DropCopyEvent event(String name) throws Exception {
        String text;
        try (InputStream in = GoldenEvents.class.getResourceAsStream("/golden/" + name + ".fix")) {
            if (in == null) {
                throw new IllegalArgumentException("no golden case " + name);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String group = GoldenFiles.DEFAULT_GROUP;
        String targetSession = GoldenFiles.DEFAULT_TARGET_SESSION;
        StringBuilder body = new StringBuilder();
        for (String line : text.split("\r?\n", -1)) {
            if (line.startsWith("#! group=")) {
                group = line.substring("#! group=".length()).strip();
            } else if (line.startsWith("#! targetSession=")) {
                targetSession = line.substring("#! targetSession=".length()).strip();
            } else if (!line.startsWith("#")) {
                body.append(line.stripLeading());
            }
        }
        String raw = body.toString().replace("^A", "|").replace('|', FixMessage.SOH).replace("^B", "\u0002");
        return EventTranslator.translate(GoldenFiles.materialize(raw), group, targetSession);
    }
}
