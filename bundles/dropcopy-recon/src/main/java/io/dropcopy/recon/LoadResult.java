package io.dropcopy.recon;

/**
 * What one batch of firm rows did: every row is counted in exactly one of added, amended (a row whose key was known
 * with other values: the firm changed its fill) and unchanged (the same row again: a re-poll or a redelivery).
 */
public final class LoadResult {
    private final int rows;
    private final int added;
    private final int amended;
    private final int unchanged;

    public LoadResult(int rows, int added, int amended, int unchanged) {
        this.rows = rows;
        this.added = added;
        this.amended = amended;
        this.unchanged = unchanged;
    }

    public int rows() { return rows; }
    public int added() { return added; }
    public int amended() { return amended; }
    public int unchanged() { return unchanged; }

    @Override
    public String toString() {
        return rows + " rows: " + added + " added, " + amended + " amended, " + unchanged + " unchanged";
    }
}
