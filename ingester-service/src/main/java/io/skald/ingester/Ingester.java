package io.skald.ingester;

import io.skald.chunk.ContentQuery;
import io.skald.chunk.Direction;
import io.skald.chunk.EntryIterator;
import io.skald.chunk.LogEntry;
import io.skald.labels.Labels;
import io.skald.limits.LimitErrors;
import io.skald.logql.shard.StreamShard;
import io.skald.push.StreamLabelCache;
import io.skald.push.StreamLabels;
import io.skald.wal.WalRecord;
import io.skald.wal.WalWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The ingester's data: per-tenant instances of streams, the push path (memory, then the WAL's group commit before the
 * acknowledgement, then live tails) and the read path over memory. Plain Java; {@link IngesterService} runs it.
 */
public final class Ingester {
    /** Loki's TSDB index period: label queries see streams at the granularity of one table of this length. */
    private static final long TABLE_NANOS = java.time.Duration.ofHours(24).toNanos();
    /** Stream texts whose parse is kept; an ingester's active streams usually fit. */
    private static final int LABEL_CACHE_SIZE = 16_384;

    private final ChunkSettings settings;
    private final StreamLimits limits;
    private final TailRegistry tails;
    private final IngesterMetrics metrics;
    private final Clock clock;
    private final ConcurrentHashMap<String, TenantInstance> instances = new ConcurrentHashMap<>();
    /**
     * Parsed stream texts: a distributor sends the same canonical text for a stream in every push, and a shared
     * {@link Labels} keeps its text and hash, which a fresh parse recomputed for every stream of every push.
     */
    private final StreamLabelCache labelCache = new StreamLabelCache(LABEL_CACHE_SIZE);

    private volatile @Nullable WalWriter wal;
    private volatile boolean acceptingPushes;

    public Ingester(
            ChunkSettings settings, StreamLimits limits, TailRegistry tails, IngesterMetrics metrics, Clock clock) {
        this.settings = settings;
        this.limits = limits;
        this.tails = tails;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Starts taking pushes, logging them to {@code wal} when not null. */
    void open(@Nullable WalWriter writer) {
        this.wal = writer;
        this.acceptingPushes = true;
    }

    /** Stops taking pushes; returns the WAL writer so the caller closes it. */
    @Nullable
    WalWriter closeForPushes() {
        acceptingPushes = false;
        WalWriter writer = wal;
        wal = null;
        return writer;
    }

    @Nullable
    WalWriter walWriter() {
        return wal;
    }

    public boolean acceptingPushes() {
        return acceptingPushes;
    }

    /**
     * Stores a push for a tenant; returns once it is in memory and, with the WAL on, fsynced.
     *
     * @throws PushRejectedException when some entries were rejected (the others are stored)
     * @throws IllegalStateException when the ingester is not taking pushes or the WAL failed
     */
    public void push(String tenant, List<IncomingStream> request) {
        if (!acceptingPushes) {
            throw new IllegalStateException("ingester is not ready to take pushes");
        }
        TenantInstance instance = instance(tenant);
        long now = clock.millis();
        WalWriter writer = wal;
        List<CompletableFuture<Void>> logged = new ArrayList<>();
        long[] loggedBytes = new long[1];
        List<Runnable> afterCommit = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        boolean limited = false;
        IntSupplier maxStreams = () -> limits.maxStreams(tenant);
        for (IncomingStream incoming : request) {
            Labels labels;
            switch (labelCache.parse(incoming.labels())) {
                case StreamLabels.Valid valid -> labels = valid.labels();
                case StreamLabels.Invalid invalid -> {
                    errors.add("error parsing labels '" + incoming.labels() + "' with error: " + invalid.error());
                    continue;
                }
            }
            if (labels.isEmpty()) {
                errors.add("error at least one label pair is required per stream");
                continue;
            }
            List<LogEntry> entries = incoming.entries();
            while (true) {
                TenantInstance.StreamRef ref = instance.stream(labels, now, maxStreams);
                if (ref == null) {
                    errors.add(LimitErrors.streamLimit(labels.toString(), tenant));
                    limited = true;
                    break;
                }
                LogStream stream = ref.stream();
                if (ref.created()) {
                    metrics.streamCreated();
                }
                LogStream.Appended appended = stream.append(entries, now, true, stored -> {
                    if (writer != null) {
                        // A series record per push keeps every entries record resolvable on replay, even right
                        // after a checkpoint dropped the segment holding the stream's first series record.
                        List<WalRecord> records = List.of(
                                new WalRecord.Series(tenant, stream.fingerprint(), labels),
                                new WalRecord.Entries(tenant, stream.fingerprint(), stored));
                        logged.add(writer.append(records));
                        loggedBytes[0] += estimatedBytes(records);
                    }
                });
                if (appended == null) {
                    instance.remove(stream);
                    continue;
                }
                if (!appended.error().isEmpty()) {
                    errors.add(appended.error());
                }
                if (!appended.stored().isEmpty()) {
                    List<LogEntry> stored = appended.stored();
                    afterCommit.add(() -> tails.publish(stream, stored));
                }
                break;
            }
        }
        awaitLogged(logged, loggedBytes[0]);
        afterCommit.forEach(Runnable::run);
        if (!errors.isEmpty()) {
            throw new PushRejectedException(String.join("\n", errors), limited);
        }
    }

    /** Waits for the group commits holding this push's records: only then may it be acknowledged. */
    private void awaitLogged(List<CompletableFuture<Void>> logged, long bytes) {
        if (logged.isEmpty()) {
            return;
        }
        try {
            CompletableFuture.allOf(logged.toArray(CompletableFuture[]::new)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the WAL", e);
        } catch (ExecutionException | CompletionException e) {
            throw new IllegalStateException(
                    "writing the WAL failed: " + e.getCause().getMessage(), e);
        }
        metrics.walLogged(bytes);
    }

    /** Applies one replayed WAL record; entries of a series not declared yet are skipped. */
    void replay(WalRecord record, Map<String, Map<Long, Labels>> series) {
        switch (record) {
            case WalRecord.Series s ->
                series.computeIfAbsent(s.tenant(), t -> new HashMap<>()).put(s.fingerprint(), s.labels());
            case WalRecord.Entries e -> {
                Labels labels = series.getOrDefault(e.tenant(), Map.of()).get(e.fingerprint());
                if (labels == null) {
                    return;
                }
                TenantInstance instance = instance(e.tenant());
                long now = clock.millis();
                while (true) {
                    TenantInstance.StreamRef ref = instance.stream(labels, now);
                    if (ref.created()) {
                        metrics.streamCreated();
                    }
                    if (ref.stream().append(e.entries(), now, false) != null) {
                        break;
                    }
                    instance.remove(ref.stream());
                }
            }
        }
    }

    /** The state a WAL checkpoint must hold: each stream's series record and its unflushed entries. */
    Iterable<WalRecord> checkpointState() {
        return () -> instances.values().stream()
                .flatMap(instance -> instance.streams().stream())
                .flatMap(stream -> {
                    List<LogEntry> entries = stream.unflushedEntries();
                    if (entries.isEmpty()) {
                        return Stream.<WalRecord>empty();
                    }
                    return Stream.of(
                            new WalRecord.Series(stream.tenant(), stream.fingerprint(), stream.labels()),
                            new WalRecord.Entries(stream.tenant(), stream.fingerprint(), entries));
                })
                .iterator();
    }

    /**
     * One stream a query reads: its labels and, on {@link #entries()}, an iterator over a snapshot of its chunks taken
     * then (so streams read one after another are not all copied at once).
     */
    public static final class QueryStream {
        private final LogStream stream;
        private final long from;
        private final long through;
        private final Direction direction;
        private final ContentQuery content;

        QueryStream(LogStream stream, long from, long through, Direction direction, ContentQuery content) {
            this.stream = stream;
            this.from = from;
            this.through = through;
            this.direction = direction;
            this.content = content;
        }

        public Labels labels() {
            return stream.labels();
        }

        public String labelsText() {
            return stream.labelsText();
        }

        /** The stream's entries in the query's range and direction, blocks ruled out by the content query skipped. */
        public EntryIterator entries() {
            return stream.iterator(from, through, direction, content);
        }
    }

    /**
     * The tenant's streams matching {@code matchers} (and in {@code shard} when given) that hold entries in {@code
     * [start, end)}, in label order.
     */
    public List<QueryStream> select(
            String tenant,
            StreamMatchers matchers,
            @Nullable StreamShard shard,
            long start,
            long end,
            Direction direction,
            ContentQuery content) {
        TenantInstance instance = instances.get(tenant);
        if (instance == null || start >= end) {
            return List.of();
        }
        List<LogStream> matching = new ArrayList<>();
        for (LogStream stream : instance.lookup(matchers)) {
            if ((shard == null || shard.contains(stream.labels())) && stream.overlaps(start, end)) {
                matching.add(stream);
            }
        }
        matching.sort(Comparator.comparing(LogStream::labels));
        List<QueryStream> out = new ArrayList<>(matching.size());
        for (LogStream stream : matching) {
            out.add(new QueryStream(stream, start, end, direction, content));
        }
        return out;
    }

    /**
     * Label names of the tenant's streams (scoped by matchers when given) in {@code [start, end)}, at the granularity
     * of an index file (see {@link #inIndexScope}).
     */
    public List<String> labelNames(String tenant, StreamMatchers matchers, long start, long end) {
        TenantInstance instance = instances.get(tenant);
        if (instance == null) {
            return List.of();
        }
        if (matchers.matchers().isEmpty() && start >= end) {
            return instance.labelNames();
        }
        return StreamIndex.names(inIndexScope(instance, instance.lookup(matchers), start, end));
    }

    /** Label values, at the granularity of an index file as {@link #labelNames}. */
    public List<String> labelValues(String tenant, String name, StreamMatchers matchers, long start, long end) {
        TenantInstance instance = instances.get(tenant);
        if (instance == null) {
            return List.of();
        }
        if (matchers.matchers().isEmpty() && start >= end) {
            return instance.labelValues(name);
        }
        return StreamIndex.values(inIndexScope(instance, instance.lookup(matchers), start, end), name);
    }

    /**
     * The streams a label query over {@code [start, end)} sees, as the store will answer it once they are flushed:
     * the store answers label queries from whole index files (as Loki's TSDB does), one per 24h table, whose span is
     * that of all their chunks. So the tenant's streams with data in a table the range touches count together when
     * their joint span overlaps the range, even those with no entry in the range itself; an answer does not change
     * when the ingester flushes. An empty range means no time filter.
     */
    private static List<LogStream> inIndexScope(
            TenantInstance instance, List<LogStream> matching, long start, long end) {
        if (start >= end || matching.isEmpty()) {
            return matching;
        }
        long firstTable = Math.floorDiv(start, TABLE_NANOS);
        long lastTable = Math.floorDiv(end - 1, TABLE_NANOS);
        Map<LogStream, long[]> spans = new HashMap<>();
        for (LogStream stream : instance.streams()) {
            long[] span = stream.timeSpan();
            if (span != null
                    && Math.floorDiv(span[0], TABLE_NANOS) <= lastTable
                    && Math.floorDiv(span[1], TABLE_NANOS) >= firstTable) {
                spans.put(stream, span);
            }
        }
        java.util.Set<LogStream> scope = new java.util.HashSet<>();
        for (long table = firstTable; table <= lastTable; table++) {
            long tableStart = table * TABLE_NANOS;
            long tableEnd = tableStart + TABLE_NANOS;
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            List<LogStream> inTable = new ArrayList<>();
            for (Map.Entry<LogStream, long[]> e : spans.entrySet()) {
                long[] span = e.getValue();
                if (span[0] < tableEnd && span[1] >= tableStart) {
                    inTable.add(e.getKey());
                    min = Math.min(min, span[0]);
                    max = Math.max(max, span[1]);
                }
            }
            if (!inTable.isEmpty() && min < end && max >= start) {
                scope.addAll(inTable);
            }
        }
        return matching.stream().filter(scope::contains).toList();
    }

    /** Label texts of streams matching any group, with data in {@code [start, end)}, sorted and distinct. */
    public List<String> series(String tenant, List<StreamMatchers> groups, long start, long end) {
        TenantInstance instance = instances.get(tenant);
        if (instance == null) {
            return List.of();
        }
        TreeSet<Labels> found = new TreeSet<>();
        for (StreamMatchers group : groups) {
            for (LogStream stream : inRange(instance.lookup(group), start, end)) {
                found.add(stream.labels());
            }
        }
        return found.stream().map(Labels::toString).toList();
    }

    /** One stream's figures for index stats and volume: its unflushed chunks overlapping the asked range. */
    public record StreamStat(String labelsText, long fingerprint, long chunks, long entries, long bytes) {}

    /**
     * Per matching stream, the unflushed chunks overlapping {@code [start, end)} with their prorated entries and
     * bytes (Loki's ingester {@code GetStats}/{@code GetVolume} over memory; flushed chunks are the index's).
     */
    public List<StreamStat> streamStats(String tenant, StreamMatchers matchers, long start, long end) {
        TenantInstance instance = instances.get(tenant);
        if (instance == null || start >= end) {
            return List.of();
        }
        List<StreamStat> out = new ArrayList<>();
        for (LogStream stream : instance.lookup(matchers)) {
            LogStream.UnflushedStats stats = stream.unflushedStats(start, end);
            if (stats != null) {
                out.add(new StreamStat(
                        stream.labelsText(), stream.fingerprint(), stats.chunks(), stats.entries(), stats.bytes()));
            }
        }
        return out;
    }

    private static List<LogStream> inRange(List<LogStream> streams, long start, long end) {
        return streams.stream().filter(s -> s.overlaps(start, end)).toList();
    }

    /** Every stream of every tenant, for the flusher. */
    Iterator<LogStream> allStreams() {
        return instances.values().stream()
                .flatMap(instance -> instance.streams().stream())
                .iterator();
    }

    /** Drops a swept stream from its tenant. */
    void remove(LogStream stream) {
        TenantInstance instance = instances.get(stream.tenant());
        if (instance != null) {
            instance.remove(stream);
        }
    }

    public int streamCount() {
        int count = 0;
        for (TenantInstance instance : instances.values()) {
            count += instance.streamCount();
        }
        return count;
    }

    public int chunkCount() {
        int count = 0;
        Iterator<LogStream> streams = allStreams();
        while (streams.hasNext()) {
            count += streams.next().chunkCount();
        }
        return count;
    }

    private TenantInstance instance(String tenant) {
        return instances.computeIfAbsent(tenant, t -> new TenantInstance(t, settings));
    }

    /**
     * Roughly the records' WAL bytes, counting a line's chars rather than its UTF-8 bytes (exact for ASCII): encoding
     * every line once more only for this metric cost more CPU than the WAL write itself.
     */
    private static long estimatedBytes(List<WalRecord> records) {
        long bytes = 0;
        for (WalRecord record : records) {
            bytes += 9 + record.tenant().length() + 8;
            if (record instanceof WalRecord.Entries entries) {
                for (LogEntry entry : entries.entries()) {
                    bytes += 10 + entry.line().length();
                }
            }
        }
        return bytes;
    }
}
