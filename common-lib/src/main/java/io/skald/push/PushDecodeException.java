package io.skald.push;

import io.skald.server.LokiHttpException;

/** A push body that cannot be decoded: 400 with Loki's wording, or 413 when it is too large. */
public final class PushDecodeException extends LokiHttpException {
    private static final long serialVersionUID = 1L;

    public PushDecodeException(int status, String message) {
        super(status, message);
    }

    /** A malformed body: status 400. */
    public static PushDecodeException badRequest(String message) {
        return new PushDecodeException(400, message);
    }

    /** Loki's 413 for a body (compressed or not) over the configured maximum. */
    public static PushDecodeException tooLarge(long size, long limit) {
        return new PushDecodeException(413, "request body too large: " + size + " bytes, limit: " + limit + " bytes");
    }
}
