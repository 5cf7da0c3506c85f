package io.skald.ingester;

/**
 * A push that was stored only in part, or not at all, because of the client's data (gRPC InvalidArgument, HTTP 400):
 * entries too far behind, unparsable labels. The valid entries of the push are stored and acknowledged.
 */
public final class PushRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PushRejectedException(String message) {
        super(message, null, false, false);
    }
}
