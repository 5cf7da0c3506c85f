package io.skald.index;

/** Index file bytes failed a structural or CRC check. */
public final class CorruptIndexException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CorruptIndexException(String message) {
        super(message);
    }
}
