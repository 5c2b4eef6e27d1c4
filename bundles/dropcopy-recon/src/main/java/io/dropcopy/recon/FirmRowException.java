package io.dropcopy.recon;

/**
 * A firm-side row that cannot be read: names the source, the row (1-based, the header row of a CSV counting as row 1)
 * and the field. A batch with one bad row is refused whole: nothing of it is taken, so nothing is half-loaded.
 */
public class FirmRowException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final int row;
    private final String field;

    public FirmRowException(String source, int row, String field, String problem) {
        super(source + " row " + row + (field == null ? "" : " field '" + field + "'") + ": " + problem);
        this.source = source;
        this.row = row;
        this.field = field;
    }

    public String source() { return source; }
    public int row() { return row; }
    /** The field at fault, or null when the row as a whole is (not an object, wrong number of columns). */
    public String field() { return field; }
}
