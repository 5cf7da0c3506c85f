package io.skald.ingester;

import io.skald.config.SchemaConfig;
import io.skald.index.ChunkRef;
import io.skald.index.IndexFile;
import io.skald.index.IndexKeys;
import io.skald.index.IndexWriter;
import io.skald.labels.Labels;
import io.skald.storage.ObjectStore;
import io.skald.storage.ObjectStores;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects the refs of flushed chunks per tenant and index table and uploads them as index files ({@code
 * io.skald.index}) under {@code index/<table>/<tenant>/<ingesterId>-<fromNanos>-<seq>.idx}, in the store of the
 * table's schema period. A chunk spanning several tables is listed in each. A failed upload keeps its refs for the
 * next {@link #sync()}.
 */
public final class IndexUploader implements ChunkRefSink {
    private static final Logger log = LoggerFactory.getLogger(IndexUploader.class);
    private static final String DEFAULT_PREFIX = "index_";
    private static final Duration DEFAULT_PERIOD = Duration.ofHours(24);

    /** The series and refs of one upload: one tenant, one table. */
    private record Table(String tenant, String table, long periodStartNanos) {}

    private record Entry(Labels labels, ChunkRef ref) {}

    private final SchemaConfig schema;
    private final ChunkStores stores;
    private final String ingesterId;
    private final Object lock = new Object();
    private Map<Table, List<Entry>> buffered = new HashMap<>();
    /** Starts from the clock so keys of a restarted ingester never repeat earlier ones. */
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() * 1_000);

    public IndexUploader(SchemaConfig schema, ChunkStores stores, String ingesterId) {
        this.schema = schema;
        this.stores = stores;
        this.ingesterId = ingesterId;
    }

    @Override
    public void accept(Labels labels, ChunkRef ref) {
        Period period = periodFor(ref.from());
        synchronized (lock) {
            for (String table : IndexKeys.tablesFor(ref.from(), ref.through(), period.length(), period.prefix())) {
                long start =
                        IndexKeys.periodStartNanos(IndexKeys.periodNumber(table, period.prefix()), period.length());
                buffered.computeIfAbsent(new Table(ref.tenant(), table, start), t -> new ArrayList<>())
                        .add(new Entry(labels, ref));
            }
        }
    }

    @Override
    public void sync() {
        Map<Table, List<Entry>> batch;
        synchronized (lock) {
            if (buffered.isEmpty()) {
                return;
            }
            batch = buffered;
            buffered = new HashMap<>();
        }
        for (Map.Entry<Table, List<Entry>> upload : batch.entrySet()) {
            Table table = upload.getKey();
            try {
                IndexWriter writer = new IndexWriter(table.tenant());
                for (Entry entry : upload.getValue()) {
                    writer.add(entry.labels(), entry.ref());
                }
                IndexFile file = writer.build();
                String key = IndexKeys.uploadKey(
                        table.table(), table.tenant(), ingesterId, file.minTime(), sequence.incrementAndGet());
                ObjectStore store = stores.storeFor(table.periodStartNanos());
                store.put(key, file.toByteArray());
            } catch (RuntimeException e) {
                log.warn(
                        "uploading index {} of {} failed; retrying on the next sync", table.table(), table.tenant(), e);
                synchronized (lock) {
                    buffered.computeIfAbsent(table, t -> new ArrayList<>()).addAll(upload.getValue());
                }
            }
        }
    }

    /** Refs waiting for upload. */
    public int pendingRefs() {
        synchronized (lock) {
            return buffered.values().stream().mapToInt(List::size).sum();
        }
    }

    private record Period(String prefix, Duration length) {}

    private Period periodFor(long nanos) {
        if (schema.configs().isEmpty()) {
            return new Period(DEFAULT_PREFIX, DEFAULT_PERIOD);
        }
        LocalDate day =
                LocalDate.ofInstant(Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L)), ZoneOffset.UTC);
        try {
            SchemaConfig.Period period = ObjectStores.periodFor(schema, day);
            return new Period(period.indexPrefix(), period.indexPeriod());
        } catch (IllegalArgumentException e) {
            // Before the first period: file it under the first one's naming.
            SchemaConfig.Period first = schema.configs().getFirst();
            return new Period(first.indexPrefix(), first.indexPeriod());
        }
    }
}
