package io.skald.storage;

import java.util.List;

/**
 * A flat key-value store of immutable objects (chunks, index files). Keys are {@code /}-separated relative paths such
 * as {@code tenant/chunks/abc}; see {@link ObjectKeys}. Implementations must be thread-safe.
 */
public interface ObjectStore extends AutoCloseable {

    /** Stores {@code data} under {@code key}, replacing any previous object; readers see all of it or none. */
    void put(String key, byte[] data);

    /**
     * The object's bytes.
     *
     * @throws ObjectNotFoundException when there is no such object
     */
    byte[] get(String key);

    /**
     * Up to {@code length} bytes from {@code offset}: fewer at the end of the object, none when {@code offset} is at
     * or past the end.
     *
     * @throws ObjectNotFoundException when there is no such object
     */
    byte[] getRange(String key, long offset, int length);

    /** Whether an object exists under {@code key}. */
    boolean exists(String key);

    /** Every key starting with {@code prefix} (a plain string prefix, at any depth), sorted. */
    List<String> list(String prefix);

    /** Deletes the object; deleting a missing object is not an error. */
    void delete(String key);

    /** Releases connections and threads; the default has none. */
    @Override
    default void close() {}
}
