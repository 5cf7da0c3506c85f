package io.skald.ingester;

import io.skald.labels.Labels;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;

/** One tenant's streams, keyed by their label set, and the inverted index over them. */
final class TenantInstance {
    private final String tenant;
    private final ChunkSettings settings;
    private final ConcurrentHashMap<Labels, LogStream> streams = new ConcurrentHashMap<>();
    private final StreamIndex index = new StreamIndex();

    TenantInstance(String tenant, ChunkSettings settings) {
        this.tenant = tenant;
        this.settings = settings;
    }

    String tenant() {
        return tenant;
    }

    /** A stream and whether this call created it (the caller then logs its series record). */
    record StreamRef(LogStream stream, boolean created) {}

    StreamRef stream(Labels labels, long nowMillis) {
        return stream(labels, nowMillis, () -> 0);
    }

    /**
     * The stream of {@code labels}, created if missing unless the tenant already has {@code maxStreams} (when
     * positive); null when the limit refused it. The limit is asked for only when a stream would be created: it
     * counts the healthy ingesters of the ring, which cost more than the rest of a push to an existing stream.
     */
    @Nullable
    StreamRef stream(Labels labels, long nowMillis, IntSupplier maxStreams) {
        LogStream existing = streams.get(labels);
        if (existing != null) {
            return new StreamRef(existing, false);
        }
        int max = maxStreams.getAsInt();
        if (max > 0 && streams.size() >= max) {
            return null;
        }
        boolean[] created = new boolean[1];
        LogStream stream = streams.computeIfAbsent(labels, l -> {
            created[0] = true;
            LogStream fresh = new LogStream(tenant, l, settings, nowMillis);
            index.add(fresh);
            return fresh;
        });
        return new StreamRef(stream, created[0]);
    }

    List<LogStream> streams() {
        return List.copyOf(streams.values());
    }

    int streamCount() {
        return streams.size();
    }

    List<LogStream> lookup(StreamMatchers matchers) {
        return index.lookup(matchers);
    }

    List<String> labelNames() {
        return index.names();
    }

    List<String> labelValues(String name) {
        return index.values(name);
    }

    /** Drops a stream that {@link LogStream#sweep} found empty. */
    void remove(LogStream stream) {
        if (streams.remove(stream.labels(), stream)) {
            index.remove(stream);
        }
    }
}
