package io.skald.chunk;

/** Encoded chunk bytes failed a structural or CRC check. */
public final class CorruptChunkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CorruptChunkException(String message) {
        super(message);
    }

    public CorruptChunkException(String message, Throwable cause) {
        super(message, cause);
    }
}
