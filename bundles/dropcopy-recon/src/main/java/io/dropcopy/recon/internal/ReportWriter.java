package io.dropcopy.recon.internal;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the end-of-day report of one group and trade date into its directory: one CSV file per table (RFC 4180,
 * CRLF, a header row) and {@code report.html}, one self-contained page (inline CSS and SVG charts, nothing fetched).
 * Nothing in it depends on when it is written: the same state gives the same bytes. Each file is written to a
 * temporary file and moved into place, so a reader never sees half a report file.
 */
final class ReportWriter {
    private ReportWriter() {
    }

    static Path write(Path dir, DayReport report, ZoneId zone) throws IOException {
        Files.createDirectories(dir);
        for (DayReport.Table t : report.tables.values()) {
            StringBuilder b = new StringBuilder();
            Csv.row(b, t.header());
            for (List<String> row : t.rows()) {
                Csv.row(b, row);
            }
            put(dir.resolve(t.name() + ".csv"), b.toString());
        }
        put(dir.resolve("report.html"), html(report, zone));
        return dir;
    }

    private static void put(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, text.getBytes(StandardCharsets.UTF_8));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String html(DayReport r, ZoneId zone) {
        DaySnapshot d = r.day;
        StringBuilder b = new StringBuilder(16384);
        String title = "Drop copy day " + d.group() + " " + d.tradeDate();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append("</title>\n<style>body{font:13px/1.35 system-ui,sans-serif;margin:16px;color:#222}"
                        + "h1{font-size:18px}h2{font-size:15px;margin-top:22px}table{border-collapse:collapse}"
                        + "td,th{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top}"
                        + "th{background:#f0f0f0}td.n{text-align:right}.bad{color:#b00020;font-weight:bold}"
                        + ".ok{color:#1b7f3a;font-weight:bold}svg text{font:11px sans-serif}</style></head><body>\n");
        b.append("<h1>").append(esc(title)).append("</h1>\n");
        int open = r.tables.get("open-breaks").rows().size();
        b.append("<p>Trade date ").append(esc(d.tradeDate())).append(", group ").append(esc(d.group()))
                .append(". Open breaks: <span class=\"").append(open == 0 ? "ok" : "bad").append("\">").append(open)
                .append("</span>.</p>\n<table><tr><th>table</th><th>rows</th></tr>\n");
        for (DayReport.Table t : r.tables.values()) {
            b.append("<tr><td><a href=\"#").append(t.name()).append("\">").append(t.name()).append("</a> (")
                    .append(t.name()).append(".csv)</td><td class=\"n\">").append(t.rows().size()).append("</td></tr>\n");
        }
        b.append("</table>\n");
        b.append("<h2>Fills per hour (").append(esc(zone.getId())).append(")</h2>\n").append(hourChart(r, zone));
        b.append("<h2>Net position per account and instrument</h2>\n").append(positionChart(r));
        for (DayReport.Table t : r.tables.values()) {
            b.append("<h2 id=\"").append(t.name()).append("\">").append(t.name()).append("</h2>\n<table><tr>");
            for (String h : t.header()) {
                b.append("<th>").append(esc(h)).append("</th>");
            }
            b.append("</tr>\n");
            for (List<String> row : t.rows()) {
                b.append("<tr>");
                for (String c : row) {
                    b.append("<td>").append(esc(c)).append("</td>");
                }
                b.append("</tr>\n");
            }
            b.append("</table>\n");
        }
        return b.append("</body></html>\n").toString();
    }

    /** Two bars per hour: the drop copy's fills and the firm's. */
    private static String hourChart(DayReport r, ZoneId zone) {
        Map<String, int[]> hours = new TreeMap<>();
        for (DcTrade t : r.day.trades()) {
            count(hours, t.fill().time(), zone, 0);
        }
        for (FirmFill f : r.day.firm()) {
            count(hours, f.time(), zone, 1);
        }
        if (hours.isEmpty()) {
            return "<p>No fills.</p>\n";
        }
        int max = 1;
        for (int[] c : hours.values()) {
            max = Math.max(max, Math.max(c[0], c[1]));
        }
        int barW = 12;
        int slot = 2 * barW + 10;
        int h = 160;
        int w = Math.max(240, 40 + slot * hours.size()); // room for the legend
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w).append("\" height=\"").append(h + 40)
                .append("\" role=\"img\" aria-label=\"fills per hour\">");
        s.append("<text x=\"0\" y=\"12\">").append(max).append("</text><line x1=\"30\" y1=\"").append(h + 10)
                .append("\" x2=\"").append(w).append("\" y2=\"").append(h + 10).append("\" stroke=\"#888\"/>");
        int x = 40;
        for (Map.Entry<String, int[]> e : hours.entrySet()) {
            int[] c = e.getValue();
            bar(s, x, h, c[0], max, barW, "#1f5fa8", "CME " + e.getKey() + ": " + c[0]);
            bar(s, x + barW, h, c[1], max, barW, "#e08a1e", "firm " + e.getKey() + ": " + c[1]);
            s.append("<text x=\"").append(x).append("\" y=\"").append(h + 24).append("\">").append(esc(e.getKey()))
                    .append("</text>");
            x += slot;
        }
        s.append("<rect x=\"40\" y=\"").append(h + 28).append("\" width=\"10\" height=\"10\" fill=\"#1f5fa8\"/>")
                .append("<text x=\"54\" y=\"").append(h + 37).append("\">CME drop copy</text>")
                .append("<rect x=\"150\" y=\"").append(h + 28).append("\" width=\"10\" height=\"10\" fill=\"#e08a1e\"/>")
                .append("<text x=\"164\" y=\"").append(h + 37).append("\">firm</text></svg>\n");
        return s.toString();
    }

    private static void count(Map<String, int[]> hours, String time, ZoneId zone, int i) {
        if (time == null) {
            return;
        }
        try {
            String hour = String.format(Locale.ROOT, "%02d", Instant.parse(time).atZone(zone).getHour());
            hours.computeIfAbsent(hour, k -> new int[2])[i]++;
        } catch (RuntimeException e) {
            hours.computeIfAbsent("??", k -> new int[2])[i]++;
        }
    }

    private static void bar(StringBuilder s, int x, int h, int v, int max, int w, String color, String label) {
        int bh = (int) Math.round((double) v * h / max);
        s.append("<rect x=\"").append(x).append("\" y=\"").append(h + 10 - bh).append("\" width=\"").append(w - 1)
                .append("\" height=\"").append(bh).append("\" fill=\"").append(color).append("\"><title>")
                .append(esc(label)).append("</title></rect>");
    }

    /** Horizontal bars around a zero line: long to the right, short to the left. */
    private static String positionChart(DayReport r) {
        List<DayReport.Position> ps = r.positions;
        if (ps.isEmpty()) {
            return "<p>No live fills.</p>\n";
        }
        BigDecimal max = BigDecimal.ONE;
        for (DayReport.Position p : ps) {
            max = max.max(p.net().abs());
        }
        int rowH = 18;
        int half = 160;
        int labelW = 180;
        int w = labelW + 2 * half + 60;
        int h = rowH * ps.size() + 10;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w).append("\" height=\"").append(h)
                .append("\" role=\"img\" aria-label=\"net positions\">");
        int zero = labelW + half;
        s.append("<line x1=\"").append(zero).append("\" y1=\"0\" x2=\"").append(zero).append("\" y2=\"").append(h)
                .append("\" stroke=\"#888\"/>");
        int y = 4;
        for (DayReport.Position p : ps) {
            int len = p.net().abs().multiply(BigDecimal.valueOf(half)).divide(max, 0, java.math.RoundingMode.HALF_UP).intValue();
            int x = p.net().signum() >= 0 ? zero : zero - len;
            String color = p.net().signum() >= 0 ? "#1b7f3a" : "#b00020";
            s.append("<text x=\"0\" y=\"").append(y + 12).append("\">").append(esc(p.account() + " " + p.instrument()))
                    .append("</text><rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(len)
                    .append("\" height=\"").append(rowH - 4).append("\" fill=\"").append(color).append("\"/>")
                    .append("<text x=\"").append(zero + half + 8).append("\" y=\"").append(y + 12).append("\">")
                    .append(DayReport.plain(p.net())).append("</text>");
            y += rowH;
        }
        return s.append("</svg>\n").toString();
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<': b.append("&lt;"); break;
                case '>': b.append("&gt;"); break;
                case '&': b.append("&amp;"); break;
                case '"': b.append("&quot;"); break;
                default: b.append(c);
            }
        }
        return b.toString();
    }
}
