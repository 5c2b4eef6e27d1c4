package io.dropcopy.benchmarks.pipeline;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;

/** Draws pipeline.png from pipeline.csv alone (so the chart always shows what the CSV says). */
final class ResultsChart {
    private static final int WIDTH = 1100;
    private static final int HEIGHT = 460;

    private ResultsChart() {
    }

    static void draw(Path csv, Path png) throws IOException {
        List<String> comments = new ArrayList<>();
        List<Map<String, String>> rows = new ArrayList<>();
        List<String> header = null;
        for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
            if (line.startsWith("#")) {
                comments.add(line.substring(1).trim());
            } else if (header == null) {
                header = Csv.split(line);
            } else if (!line.isBlank()) {
                List<String> cells = Csv.split(line);
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < header.size() && i < cells.size(); i++) {
                    row.put(header.get(i), cells.get(i));
                }
                rows.add(row);
            }
        }
        DefaultCategoryDataset throughput = new DefaultCategoryDataset();
        DefaultCategoryDataset latency = new DefaultCategoryDataset();
        List<String> footer = new ArrayList<>();
        for (Map<String, String> r : rows) {
            String c = r.get("case");
            if ("pipeline".equals(r.get("section"))) {
                put(throughput, r.get("msg_per_s"), "msg/s (full speed)", c);
                put(latency, r.get("p50_ms"), "p50", c);
                put(latency, r.get("p99_ms"), "p99", c);
                put(latency, r.get("p999_ms"), "p99.9", c);
            } else if (!"round".equals(r.get("section"))) {
                boolean heap = "heap".equals(r.get("section"));
                footer.add(r.get("section") + " (" + r.get("description") + "): "
                        + (heap ? r.get("heap_peak_mb") + " MB, " : r.get("seconds").isEmpty() ? "" : r.get("seconds") + " s, ")
                        + (r.get("msg_per_s").isEmpty() ? "" : r.get("msg_per_s") + " msg/s, ")
                        + (r.get("heap_slope_mb_per_min").isEmpty() ? "" : "heap slope " + r.get("heap_slope_mb_per_min") + " MB/min, ")
                        + r.get("verdict") + (r.get("note").isEmpty() ? "" : " (" + r.get("note") + ")"));
            }
        }
        JFreeChart t = ChartFactory.createBarChart("Sustained throughput per consumer (msg/s)", null, "msg/s", throughput,
                PlotOrientation.VERTICAL, false, false, false);
        CategoryPlot tp = t.getCategoryPlot();
        marker(tp, 30_000, "files target 30,000");
        marker(tp, 10_000, "Artemis / PostgreSQL target 10,000");
        style(tp, 30_000);
        JFreeChart l = ChartFactory.createBarChart("End-to-end latency at a fixed rate (ms, log scale)", null, "ms", latency,
                PlotOrientation.VERTICAL, true, false, false);
        CategoryPlot lp = l.getCategoryPlot();
        // a log scale: sub-millisecond medians and a backlog's half second on one chart, the 5 ms line visible
        LogAxis ms = new LogAxis("ms");
        ms.setBase(10);
        ms.setSmallestValue(0.01);
        ms.setNumberFormatOverride(new java.text.DecimalFormat("0.###"));
        ms.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1)); // a tick per decade
        lp.setRangeAxis(ms);
        ((BarRenderer) lp.getRenderer()).setIncludeBaseInRange(false);
        marker(lp, Targets.P99_MS, "p99 target 5 ms");
        style(lp, Targets.P99_MS);
        for (String c : comments) {
            if (c.startsWith("machine:") || c.startsWith("conditions:")) {
                TextTitle sub = new TextTitle(c, new Font(Font.SANS_SERIF, Font.PLAIN, 11));
                t.addSubtitle(sub);
            }
        }
        for (String f : footer) {
            l.addSubtitle(new TextTitle(f, new Font(Font.SANS_SERIF, Font.PLAIN, 11)));
        }
        BufferedImage img = new BufferedImage(WIDTH, 2 * HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, 2 * HEIGHT);
        t.draw(g, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
        l.draw(g, new Rectangle2D.Double(0, HEIGHT, WIDTH, HEIGHT));
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
    }

    private static void put(DefaultCategoryDataset d, String value, String series, String category) {
        if (value != null && !value.isEmpty()) {
            d.addValue(Double.parseDouble(value), series, category);
        } else {
            d.addValue(null, series, category);
        }
    }

    /** White plot, and the axis reaching the highest target line so that a target far above the bars still shows. */
    private static void style(CategoryPlot plot, double... targets) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45); // whole case names
        plot.getDomainAxis().setMaximumCategoryLabelWidthRatio(2f);
        org.jfree.chart.axis.ValueAxis axis = plot.getRangeAxis();
        double top = axis.getUpperBound();
        for (double t : targets) {
            top = Math.max(top, t * 1.15);
        }
        axis.setUpperBound(top);
    }

    private static void marker(CategoryPlot plot, double value, String label) {
        ValueMarker m = new ValueMarker(value, Color.RED, new java.awt.BasicStroke(1.2f));
        m.setLabel(label);
        m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        m.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
        m.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_RIGHT);
        plot.addRangeMarker(m);
    }
}
