package io.dropcopy.recon.internal;

import io.dropcopy.recon.FirmRowException;
import java.util.ArrayList;
import java.util.List;

/** Splits a JSON array into the text of its top-level elements (each then read by JsonObjectReader). */
final class JsonArrays {
    private JsonArrays() {
    }

    static List<String> elements(String text, String source) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean inString = false;
        int start = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            switch (c) {
                case '"':
                    inString = true;
                    break;
                case '[': case '{':
                    depth++;
                    if (depth == 2 && start < 0) {
                        start = i;
                    }
                    break;
                case ']': case '}':
                    depth--;
                    if (depth == 1 && start >= 0) {
                        out.add(text.substring(start, i + 1));
                        start = -1;
                    } else if (depth == 0) {
                        if (!text.substring(i + 1).isBlank()) {
                            throw new FirmRowException(source, out.size() + 1, null, "text after the JSON array");
                        }
                        return out;
                    }
                    break;
                case ',':
                    break;
                default:
                    if (depth == 1 && !Character.isWhitespace(c) && start < 0) {
                        throw new FirmRowException(source, out.size() + 1, null, "not a JSON object");
                    }
            }
        }
        throw new FirmRowException(source, out.size() + 1, null, "the JSON array is not closed");
    }
}
