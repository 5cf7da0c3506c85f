package io.skald.logql.syntax;

/**
 * A valid query of the wrong kind for where it was sent (a log query on the instant endpoint, a pipeline in a series
 * {@code match[]}); the message is Loki's, without the "parse error" prefix. Loki answers 400.
 */
public final class UnsupportedQueryTypeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnsupportedQueryTypeException(String message) {
        super(message);
    }
}
