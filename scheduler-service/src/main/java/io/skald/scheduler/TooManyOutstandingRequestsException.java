package io.skald.scheduler;

/** The tenant's queue is full ({@code query_scheduler.max_outstanding_requests_per_tenant}); the frontend answers 429. */
public final class TooManyOutstandingRequestsException extends Exception {
    /** Loki's message, which the frontend passes on as the 429 body. */
    public static final String MESSAGE = "too many outstanding requests";

    private static final long serialVersionUID = 1L;

    public TooManyOutstandingRequestsException() {
        super(MESSAGE);
    }
}
