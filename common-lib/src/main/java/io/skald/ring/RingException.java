package io.skald.ring;

/** A lookup the ring cannot answer: empty ring, or too few healthy instances for a quorum. */
public final class RingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RingException(String message) {
        super(message);
    }
}
