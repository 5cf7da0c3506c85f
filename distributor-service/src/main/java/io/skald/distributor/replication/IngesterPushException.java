package io.skald.distributor.replication;

import io.grpc.Status;
import io.skald.server.LokiHttpException;
import java.util.Locale;

/**
 * A push that failed on too many replicas, carrying the error of the ingester that decided it: an ingester's
 * {@code INVALID_ARGUMENT} (an entry it refuses, e.g. too far behind) is the client's fault, 400 with its message;
 * {@code RESOURCE_EXHAUSTED} (a per-stream or stream-count limit) is 429; anything else is 500 with Go gRPC's
 * rendering of the status ({@code rpc error: code = Unavailable desc = ...}), as Loki prints it.
 */
public final class IngesterPushException extends LokiHttpException {
    private static final long serialVersionUID = 1L;

    private final String ingester;

    private IngesterPushException(int status, String message, String ingester) {
        super(status, message);
        this.ingester = ingester;
    }

    /** The error {@code ingester} answered with. */
    public static IngesterPushException from(String ingester, Throwable error) {
        Status status = Status.fromThrowable(error);
        String description = status.getDescription();
        return switch (status.getCode()) {
            case INVALID_ARGUMENT ->
                new IngesterPushException(400, description == null ? "invalid argument" : description, ingester);
            case RESOURCE_EXHAUSTED ->
                new IngesterPushException(429, description == null ? "resource exhausted" : description, ingester);
            default ->
                new IngesterPushException(
                        500,
                        "rpc error: code = " + goCodeName(status.getCode()) + " desc = "
                                + (description == null ? describe(status) : description),
                        ingester);
        };
    }

    /** The address of the ingester whose answer this is. */
    public String ingester() {
        return ingester;
    }

    private static String describe(Status status) {
        Throwable cause = status.getCause();
        return cause == null || cause.getMessage() == null ? status.getCode().name() : cause.getMessage();
    }

    /** Go's camel-case code names: {@code DEADLINE_EXCEEDED} prints as {@code DeadlineExceeded}. */
    static String goCodeName(Status.Code code) {
        StringBuilder out = new StringBuilder();
        for (String part : code.name().split("_", -1)) {
            if (!part.isEmpty()) {
                out.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
            }
        }
        return out.toString();
    }
}
