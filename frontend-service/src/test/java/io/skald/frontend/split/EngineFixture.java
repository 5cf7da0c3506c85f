package io.skald.frontend.split;

import io.skald.chunk.Direction;
import io.skald.frontend.shard.ShardFilteringEntrySource;
import io.skald.labels.Labels;
import io.skald.logql.engine.InMemoryEntrySource;
import io.skald.logql.engine.QueryEngine;
import io.skald.logql.engine.QueryLimits;
import io.skald.logql.result.QueryResult;
import io.skald.logql.syntax.Expr;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Random log streams (fixed seed) in the engine's in-memory source, and a {@link Downstream} that evaluates
 * sub-queries with the real engine, shard matcher applied, recording every sub-query it ran.
 */
public final class EngineFixture implements AutoCloseable {
    public static final String TENANT = "tenant-1";
    /** 2026-01-01T00:00:00Z. */
    public static final long START = 1_767_225_600L * 1_000_000_000L;

    public static final long HOUR = Duration.ofHours(1).toNanos();

    private static final QueryLimits LIMITS = new QueryLimits(1_000_000);

    private final InMemoryEntrySource source = new InMemoryEntrySource();
    private final QueryEngine engine = new QueryEngine(new ShardFilteringEntrySource(source));
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    /** Every sub-query the downstream ran, in arrival order. */
    public final List<SubQuery> calls = new CopyOnWriteArrayList<>();

    /** Streams of apps a, b, c with pods and levels; entries at random times over {@code hours} from START. */
    public EngineFixture(long seed, int streams, int entries, int hours) {
        Random random = new Random(seed);
        String[] levels = {"info", "warn", "error"};
        Labels[] labels = new Labels[streams];
        for (int i = 0; i < streams; i++) {
            labels[i] = Labels.of(
                    "app",
                    String.valueOf((char) ('a' + i % 3)),
                    "pod",
                    "pod-" + i,
                    "level",
                    levels[random.nextInt(levels.length)]);
        }
        for (int i = 0; i < entries; i++) {
            Labels stream = labels[random.nextInt(streams)];
            long ts = START + (long) (random.nextDouble() * hours * HOUR);
            String line = "msg=\"" + "x".repeat(random.nextInt(40)) + "\" latency=" + random.nextInt(1000) + " n=" + i;
            source.push(TENANT, stream, ts, line);
        }
    }

    /** The unsplit, unsharded answer. */
    public QueryResult direct(RangeQuery q) {
        return engine.rangeQuery(TENANT, q.expr(), q.startNanos(), q.endNanos(), q.step(), options(q));
    }

    /** A downstream running each sub-query on the engine, asynchronously. */
    public Downstream downstream() {
        Downstream engineDownstream = new EngineDownstream(engine, executor, LIMITS);
        return sub -> {
            calls.add(sub);
            return engineDownstream.run(sub);
        };
    }

    private static QueryEngine.Options options(RangeQuery q) {
        return new QueryEngine.Options(q.direction(), q.limit(), LIMITS);
    }

    public static RangeQuery query(Expr expr, long start, long end, Duration step, Direction direction, int limit) {
        return new RangeQuery(expr, start, end, step, direction, limit);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
