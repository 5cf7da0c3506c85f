package io.skald.ring;

import java.util.Map;
import java.util.Optional;

/**
 * Where one ring's entries live, keyed by instance id. Implementations must be thread-safe; listeners may be
 * called on any thread.
 */
public interface RingStore {

    /** The ring's name ({@code ingester}, {@code distributor}, ...). */
    String name();

    /** Every entry, read from the shared store. */
    Map<String, InstanceDesc> getAll();

    /** One entry. */
    Optional<InstanceDesc> get(String id);

    /** Creates or replaces the entry for {@code desc.id()}. */
    void put(InstanceDesc desc);

    /** Removes an entry; no-op when absent. */
    void remove(String id);

    /** Registers a change listener; closing the returned handle unregisters it. */
    AutoCloseable addListener(Listener listener);

    /** Told about every change to the ring's entries. */
    interface Listener {
        /** An entry was added or updated. */
        void updated(InstanceDesc desc);

        /** An entry was removed. */
        void removed(String id);
    }
}
