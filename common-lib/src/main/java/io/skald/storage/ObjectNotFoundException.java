package io.skald.storage;

/** No object exists under the requested key. */
public final class ObjectNotFoundException extends ObjectStoreException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public ObjectNotFoundException(String key) {
        super("object not found: " + key);
        this.key = key;
    }

    /** The missing key. */
    public String key() {
        return key;
    }
}
