package io.skald.logql.result.arrow;

/**
 * When the writer cuts a record batch: after {@code maxRows} rows or once the rows' variable-width bytes reach
 * {@code maxBytes}, so one batch's buffers stay bounded however large the result.
 */
public record BatchLimits(int maxRows, long maxBytes) {
    /** 64k rows or 16 MiB of line and label bytes. */
    public static final BatchLimits DEFAULT = new BatchLimits(65_536, 16L << 20);

    public BatchLimits {
        if (maxRows < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("batch limits must be positive: " + maxRows + " rows, " + maxBytes);
        }
    }
}
