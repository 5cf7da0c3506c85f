package io.skald.logql.syntax;

/**
 * A query that does not parse or validate, worded as Loki words it: {@code parse error at line 1, col 12: syntax
 * error: unexpected IDENTIFIER}, or {@code parse error : <detail>} when Loki reports no position (line and column 0).
 */
public final class LogqlParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;
    private final String detail;

    public LogqlParseException(String detail, int line, int column) {
        super(format(detail, line, column));
        this.line = line;
        this.column = column;
        this.detail = detail;
    }

    /** An error Loki reports without a position. */
    public static LogqlParseException unpositioned(String detail) {
        return new LogqlParseException(detail, 0, 0);
    }

    private static String format(String detail, int line, int column) {
        if (line == 0 && column == 0) {
            return "parse error : " + detail;
        }
        return "parse error at line " + line + ", col " + column + ": " + detail;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The message without the {@code parse error ...:} prefix. */
    public String detail() {
        return detail;
    }
}
