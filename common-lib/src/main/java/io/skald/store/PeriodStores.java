package io.skald.store;

import io.skald.config.LokiConfig;
import io.skald.storage.ObjectStore;
import io.skald.storage.ObjectStores;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The object store of each {@code schema_config} period, opened on first use: chunks and index files live in the
 * store of the period in force on their first day, as the ingesters write them.
 */
public final class PeriodStores implements AutoCloseable {
    private final LokiConfig config;
    private final Map<Object, ObjectStore> stores = new ConcurrentHashMap<>();

    public PeriodStores(LokiConfig config) {
        this.config = config;
    }

    /** The store of the period in force on {@code day}. */
    public ObjectStore forDay(LocalDate day) {
        Object period = config.schema().configs().isEmpty()
                ? "default"
                : ObjectStores.periodFor(config.schema(), day).from();
        return stores.computeIfAbsent(period, p -> ObjectStores.create(config, day));
    }

    /** The store of the period in force at {@code nanos} (a chunk's first entry). */
    public ObjectStore forTime(long nanos) {
        return forDay(LocalDate.ofInstant(Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L)), ZoneOffset.UTC));
    }

    @Override
    public void close() {
        stores.values().forEach(ObjectStore::close);
        stores.clear();
    }
}
