package io.dropcopy.recon.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropcopy.recon.ReconMetrics;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metrics text of a group with one break raised and cleared and one still open, as written by hand. */
class ReconMetricsTest {
    @TempDir
    Path dir;

    @Test
    void openRaisedAndClearedPerGroupAndType() throws Exception {
        try (ReconService s = BreakScenarios.oneClearedOneOpen(dir)) {
            String text = ReconMetrics.render(s);
            for (String line : new String[] {
                "# TYPE dropcopy_recon_open_breaks gauge",
                "dropcopy_recon_open_breaks{group=\"G1\",type=\"PhantomFill\"} 1",
                "dropcopy_recon_open_breaks{group=\"G1\",type=\"MissingFill\"} 0",
                "# TYPE dropcopy_recon_breaks_raised_total counter",
                "dropcopy_recon_breaks_raised_total{group=\"G1\",type=\"PhantomFill\"} 2",
                "dropcopy_recon_breaks_cleared_total{group=\"G1\",type=\"PhantomFill\"} 1",
                "dropcopy_recon_breaks_cleared_total{group=\"G1\",type=\"QuantityMismatch\"} 0",
                "dropcopy_recon_undated_ignored_total{group=\"G1\"} 0"}) {
                assertTrue(text.contains(line + "\n"), line + " in\n" + text);
            }
        }
    }
}
