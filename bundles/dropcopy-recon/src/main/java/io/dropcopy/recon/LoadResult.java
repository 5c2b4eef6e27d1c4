package io.dropcopy.recon;

/**
 * What one batch of firm rows did: every row is counted in exactly one of added, amended (a row whose key was known
 * with other values: the firm changed its fill) and unchanged (the same row again: a re-poll or a redelivery).
 */
public record LoadResult(int rows, int added, int amended, int unchanged) {

    @Override
    public String toString() {
        return rows + " rows: " + added + " added, " + amended + " amended, " + unchanged + " unchanged";
    }
}
