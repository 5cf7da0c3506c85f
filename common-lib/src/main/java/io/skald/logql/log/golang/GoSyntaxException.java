package io.skald.logql.log.golang;

/** A Go conversion error; the message is Go's error text (e.g. {@code strconv.ParseFloat: parsing "x": invalid syntax}). */
public final class GoSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    public GoSyntaxException(String message) {
        super(message, null, false, false);
    }
}
