package io.skald.store;

import io.skald.config.SchemaConfig;
import io.skald.config.SchemaConfig.Period;
import io.skald.index.IndexFile;
import io.skald.index.IndexKeys;
import io.skald.index.IndexReader;
import io.skald.storage.ObjectNotFoundException;
import io.skald.storage.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index files of each tenant and table, downloaded from the object store into a local cache directory
 * ({@code tsdb_shipper.cache_location}) and opened once. A table's listing is refreshed when it is older than the
 * refresh interval, so newly uploaded files (ingesters, compactor) are seen and deleted ones dropped; local copies
 * not used for {@code cache_ttl} are removed by {@link #evictExpired()}. Thread-safe.
 */
public final class IndexCache {
    private static final Logger log = LoggerFactory.getLogger(IndexCache.class);

    private final Function<LocalDate, ObjectStore> stores;
    private final SchemaConfig schema;
    private final @Nullable Path cacheDir;
    private final Duration refreshInterval;
    private final Duration cacheTtl;
    private final Clock clock;
    private final Map<String, TableFiles> tables = new ConcurrentHashMap<>();
    private final Map<String, Opened> opened = new ConcurrentHashMap<>();

    /**
     * @param stores the object store of the schema period in force on a day
     * @param cacheDir where downloaded files are kept; null keeps them only in memory
     */
    public IndexCache(
            Function<LocalDate, ObjectStore> stores,
            SchemaConfig schema,
            @Nullable Path cacheDir,
            Duration refreshInterval,
            Duration cacheTtl,
            Clock clock) {
        this.stores = stores;
        this.schema = schema;
        this.cacheDir = cacheDir;
        this.refreshInterval = refreshInterval;
        this.cacheTtl = cacheTtl;
        this.clock = clock;
    }

    /** A reader over every index file of the tenant in the tables overlapping {@code [from, through)}. */
    public IndexReader reader(String tenant, long fromNanos, long throughNanos) {
        List<IndexFile> files = new ArrayList<>();
        for (TableRef table : tables(fromNanos, Math.max(fromNanos, throughNanos - 1))) {
            files.addAll(files(tenant, table));
        }
        return new IndexReader(files);
    }

    /** Re-lists every table seen so far; newly uploaded files are downloaded on the next read. */
    public void refreshAll() {
        for (TableFiles table : tables.values()) {
            table.listedAtMillis = Long.MIN_VALUE;
        }
    }

    /** Removes local copies and open files not read for {@code cache_ttl}. */
    public void evictExpired() {
        long now = clock.millis();
        long ttl = cacheTtl.toMillis();
        if (ttl <= 0) {
            return;
        }
        opened.entrySet().removeIf(e -> {
            if (now - e.getValue().lastUsedMillis <= ttl) {
                return false;
            }
            deleteLocal(e.getKey());
            return true;
        });
    }

    private List<TableRef> tables(long fromNanos, long throughNanos) {
        List<TableRef> refs = new ArrayList<>();
        if (schema.configs().isEmpty()) {
            for (String t : IndexKeys.tablesFor(fromNanos, throughNanos, Duration.ofHours(24), "index_")) {
                refs.add(new TableRef(t, day(fromNanos)));
            }
            return refs;
        }
        Duration dayLength = Duration.ofHours(24);
        // Walk day by day so each day uses the prefix and period of the schema period in force then.
        Set<String> seen = new HashSet<>();
        long step = dayLength.toNanos();
        for (long t = fromNanos; ; t += step) {
            long at = Math.min(t, throughNanos);
            LocalDate day = day(at);
            SchemaConfig.Period period = periodFor(day);
            if (period != null) {
                String table = IndexKeys.tableFor(at, period.indexPeriod(), period.indexPrefix());
                if (seen.add(table)) {
                    refs.add(new TableRef(table, day));
                }
            }
            if (at >= throughNanos) {
                break;
            }
        }
        return refs;
    }

    private @Nullable Period periodFor(LocalDate day) {
        @Nullable Period best = null;
        for (SchemaConfig.Period p : schema.configs()) {
            if (!p.from().isAfter(day) && (best == null || p.from().isAfter(best.from()))) {
                best = p;
            }
        }
        return best;
    }

    private static LocalDate day(long nanos) {
        return LocalDate.ofInstant(Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L)), ZoneOffset.UTC);
    }

    private List<IndexFile> files(String tenant, TableRef table) {
        String prefix = IndexKeys.tenantPrefix(table.name(), tenant);
        TableFiles listing = tables.computeIfAbsent(prefix, p -> new TableFiles());
        ObjectStore store = stores.apply(table.day());
        long now = clock.millis();
        synchronized (listing) {
            if (now - listing.listedAtMillis >= refreshInterval.toMillis()
                    || listing.listedAtMillis == Long.MIN_VALUE) {
                listing.keys = store.list(prefix).stream()
                        .filter(k -> k.endsWith(IndexKeys.SUFFIX))
                        .toList();
                listing.listedAtMillis = now;
            }
        }
        List<IndexFile> files = new ArrayList<>();
        for (String key : listing.keys) {
            IndexFile file = open(store, key, now);
            if (file != null) {
                files.add(file);
            }
        }
        return files;
    }

    private @Nullable IndexFile open(ObjectStore store, String key, long now) {
        Opened existing = opened.get(key);
        if (existing != null) {
            existing.lastUsedMillis = now;
            return existing.file;
        }
        byte[] bytes = readLocal(key);
        if (bytes == null) {
            try {
                bytes = store.get(key);
            } catch (ObjectNotFoundException e) {
                return null; // deleted (compacted away) since the listing
            }
            writeLocal(key, bytes);
        }
        IndexFile file = IndexFile.open(bytes);
        opened.put(key, new Opened(file, now));
        return file;
    }

    private byte @Nullable [] readLocal(String key) {
        if (cacheDir == null) {
            return null;
        }
        Path path = cacheDir.resolve(key);
        try {
            return Files.exists(path) ? Files.readAllBytes(path) : null;
        } catch (IOException e) {
            log.warn("cannot read cached index file {}: {}", path, e.toString());
            return null;
        }
    }

    private void writeLocal(String key, byte[] bytes) {
        if (cacheDir == null) {
            return;
        }
        Path path = cacheDir.resolve(key);
        try {
            Files.createDirectories(path.getParent());
            Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot cache index file " + key, e);
        }
    }

    private void deleteLocal(String key) {
        if (cacheDir == null) {
            return;
        }
        try {
            Files.deleteIfExists(cacheDir.resolve(key));
        } catch (IOException e) {
            log.warn("cannot delete cached index file {}: {}", key, e.toString());
        }
    }

    private record TableRef(String name, LocalDate day) {}

    private static final class TableFiles {
        volatile long listedAtMillis = Long.MIN_VALUE;
        volatile List<String> keys = List.of();
    }

    private static final class Opened {
        final IndexFile file;
        volatile long lastUsedMillis;

        Opened(IndexFile file, long lastUsedMillis) {
            this.file = file;
            this.lastUsedMillis = lastUsedMillis;
        }
    }
}
