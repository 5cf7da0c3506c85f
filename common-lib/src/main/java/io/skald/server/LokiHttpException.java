package io.skald.server;

/**
 * An error a client sees exactly as Loki words it: a status code and a plain-text message, never a stack trace. The
 * one place that maps it to a response is {@code LokiErrorHandler}.
 */
public class LokiHttpException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public LokiHttpException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
