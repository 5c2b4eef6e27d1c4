package io.dropcopy.recon.internal;

import io.dropcopy.recon.FirmRowException;
import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV: reading the firm's rows, and writing the report's tables (CRLF, quoted only where needed). */
final class Csv {
    private Csv() {
    }

    /** Records of the text; a trailing line break ends the last record; a last empty line is not a record. */
    static List<List<String>> parse(String text, String source) {
        List<List<String>> records = new ArrayList<>();
        List<String> rec = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int row = 1;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        row++;
                    }
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
                any = true;
            } else if (c == ',') {
                rec.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                rec.add(field.toString());
                records.add(rec);
                rec = new ArrayList<>();
                field.setLength(0);
                any = false;
                row++;
            } else {
                field.append(c);
                any = true;
            }
            i++;
        }
        if (quoted) {
            throw new FirmRowException(source, row, null, "a quoted field is not closed");
        }
        if (any || field.length() > 0) {
            rec.add(field.toString());
            records.add(rec);
        }
        return records;
    }

    static void row(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String s = cells.get(i) == null ? "" : cells.get(i);
            if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                out.append('"').append(s.replace("\"", "\"\"")).append('"');
            } else {
                out.append(s);
            }
        }
        out.append("\r\n");
    }
}
