package io.skald.ring;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link RingStore} inside one JVM: for single-process deployments and tests. */
public final class InMemoryRingStore implements RingStore {
    private final String name;
    private final Map<String, InstanceDesc> entries = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();

    public InMemoryRingStore(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Map<String, InstanceDesc> getAll() {
        return Map.copyOf(entries);
    }

    @Override
    public Optional<InstanceDesc> get(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    @Override
    public void put(InstanceDesc desc) {
        entries.put(desc.id(), desc);
        listeners.forEach(l -> l.updated(desc));
    }

    @Override
    public void remove(String id) {
        if (entries.remove(id) != null) {
            listeners.forEach(l -> l.removed(id));
        }
    }

    @Override
    public AutoCloseable addListener(Listener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
