package io.skald.ingester;

import io.skald.config.LokiConfig;
import io.skald.storage.ObjectStore;
import io.skald.storage.ObjectStores;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The object store a chunk goes to: the one of the {@code schema_config} period in force on the chunk's first day,
 * opened once per period. Chunk keys are {@code <tenant>/chunks/<sha256 of the encoded chunk>}.
 */
public final class ChunkStores implements AutoCloseable {
    private final Function<LocalDate, Object> periodOf;
    private final Function<LocalDate, ObjectStore> opener;
    private final Map<Object, ObjectStore> stores = new ConcurrentHashMap<>();

    ChunkStores(Function<LocalDate, Object> periodOf, Function<LocalDate, ObjectStore> opener) {
        this.periodOf = periodOf;
        this.opener = opener;
    }

    /** Stores as {@code schema_config} and {@code storage_config} say. */
    public static ChunkStores from(LokiConfig config) {
        return new ChunkStores(
                day -> config.schema().configs().isEmpty()
                        ? "default"
                        : ObjectStores.periodFor(config.schema(), day).from(),
                day -> ObjectStores.create(config, day));
    }

    /** The object key of an encoded chunk: content-addressed, so replicas flushing the same chunk dedupe. */
    public static String chunkKey(String tenant, String contentHash) {
        return tenant + "/chunks/" + contentHash;
    }

    /** The store for a chunk whose first entry is at {@code fromNanos}. */
    public ObjectStore storeFor(long fromNanos) {
        LocalDate day =
                LocalDate.ofInstant(Instant.ofEpochSecond(Math.floorDiv(fromNanos, 1_000_000_000L)), ZoneOffset.UTC);
        Object period = periodOf.apply(day);
        return stores.computeIfAbsent(period, p -> opener.apply(day));
    }

    @Override
    public void close() {
        stores.values().forEach(ObjectStore::close);
        stores.clear();
    }
}
