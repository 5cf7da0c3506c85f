package io.skald.ingester;

/**
 * A push that was stored only in part, or not at all: entries too far behind or unparsable labels (gRPC
 * InvalidArgument, HTTP 400), or new streams over the tenant's stream limit (ResourceExhausted, 429). The accepted
 * entries of the push are stored and acknowledged.
 */
public final class PushRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean limited;

    /**
     * @param limited whether a limit refused data (Loki answers 429, gRPC ResourceExhausted) rather than the data
     *     being invalid (400, InvalidArgument)
     */
    public PushRejectedException(String message, boolean limited) {
        super(message, null, false, false);
        this.limited = limited;
    }

    public boolean limited() {
        return limited;
    }
}
