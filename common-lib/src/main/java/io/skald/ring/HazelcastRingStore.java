package io.skald.ring;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RingStore} on a Hazelcast {@code IMap<String, byte[]>} named {@code ring-<name>}; values are
 * {@link InstanceDescCodec} bytes, so no Hazelcast serializer configuration is needed.
 */
public final class HazelcastRingStore implements RingStore {
    private static final Logger log = LoggerFactory.getLogger(HazelcastRingStore.class);

    private final String name;
    private final IMap<String, byte[]> map;

    public HazelcastRingStore(HazelcastInstance hazelcast, String name) {
        this.name = name;
        this.map = hazelcast.getMap(mapName(name));
    }

    /** The Hazelcast map holding ring {@code name}. */
    public static String mapName(String name) {
        return "ring-" + name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Map<String, InstanceDesc> getAll() {
        Map<String, InstanceDesc> all = new HashMap<>();
        for (Map.Entry<String, byte[]> entry : map.entrySet()) {
            decodeQuietly(entry.getKey(), entry.getValue()).ifPresent(d -> all.put(entry.getKey(), d));
        }
        return all;
    }

    @Override
    public Optional<InstanceDesc> get(String id) {
        byte[] value = map.get(id);
        return value == null ? Optional.empty() : decodeQuietly(id, value);
    }

    @Override
    public void put(InstanceDesc desc) {
        map.set(desc.id(), InstanceDescCodec.encode(desc));
    }

    @Override
    public void remove(String id) {
        map.delete(id);
    }

    @Override
    public AutoCloseable addListener(Listener listener) {
        UUID registration = map.addEntryListener(new Forwarder(listener), true);
        return () -> map.removeEntryListener(registration);
    }

    private Optional<InstanceDesc> decodeQuietly(String id, byte[] value) {
        try {
            return Optional.of(InstanceDescCodec.decode(value));
        } catch (IllegalArgumentException e) {
            // An entry written by an incompatible version must not break every lookup.
            log.warn("ring {}: ignoring undecodable entry {}: {}", name, id, e.getMessage());
            return Optional.empty();
        }
    }

    /** Turns Hazelcast entry events into {@link Listener} calls. */
    private final class Forwarder
            implements EntryAddedListener<String, byte[]>,
                    EntryUpdatedListener<String, byte[]>,
                    EntryRemovedListener<String, byte[]>,
                    EntryEvictedListener<String, byte[]>,
                    EntryExpiredListener<String, byte[]> {
        private final Listener listener;

        Forwarder(Listener listener) {
            this.listener = listener;
        }

        @Override
        public void entryAdded(EntryEvent<String, byte[]> event) {
            forwardUpdate(event);
        }

        @Override
        public void entryUpdated(EntryEvent<String, byte[]> event) {
            forwardUpdate(event);
        }

        @Override
        public void entryRemoved(EntryEvent<String, byte[]> event) {
            listener.removed(event.getKey());
        }

        @Override
        public void entryEvicted(EntryEvent<String, byte[]> event) {
            listener.removed(event.getKey());
        }

        @Override
        public void entryExpired(EntryEvent<String, byte[]> event) {
            listener.removed(event.getKey());
        }

        private void forwardUpdate(EntryEvent<String, byte[]> event) {
            byte[] value = event.getValue();
            if (value != null) {
                decodeQuietly(event.getKey(), value).ifPresent(listener::updated);
            }
        }
    }
}
