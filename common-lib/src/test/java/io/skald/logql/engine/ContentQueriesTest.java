package io.skald.logql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.chunk.Chunk;
import io.skald.chunk.Codec;
import io.skald.chunk.ContentFilterSpec;
import io.skald.chunk.ContentQuery;
import io.skald.chunk.Direction;
import io.skald.chunk.EntryIterator;
import io.skald.chunk.MemChunk;
import io.skald.labels.Labels;
import io.skald.logql.result.QueryResult;
import io.skald.logql.syntax.LogSelectorExpr;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which needles a query's leading line filters require, and that skipping blocks by them never changes a result. */
class ContentQueriesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiterString = "=>",
            quoteCharacter = '\'',
            value = {
                "{a=\"b\"} |= \"trace_id=abc123\"                  => [[trace_id=abc123]]",
                "{a=\"b\"} |= \"abcd\" or \"efgh\"                  => [[abcd, efgh]]",
                "{a=\"b\"} |= \"abcd\" or \"ef\"                    => []",
                "{a=\"b\"} |= \"abcd\" |= \"wxyz\"                  => [[abcd], [wxyz]]",
                "{a=\"b\"} != \"abcd\"                              => []",
                "{a=\"b\"} != \"abcd\" |= \"wxyz\"                  => [[wxyz]]",
                "{a=\"b\"} |~ \"(?i)timeout\"                       => [[timeout]]",
                "{a=\"b\"} |~ \"(?i)kafka\"                         => []",
                "{a=\"b\"} |~ \"status=5\\\\d\\\\d\"                => [[status=5]]",
                "{a=\"b\"} |~ \"error|warn\"                        => []",
                "{a=\"b\"} |~ \"upstream\"                          => [[upstream]]",
                "{a=\"b\"} !~ \"upstream\"                          => []",
                "{a=\"b\"} |> \"<_> abcd <_>\"                      => []",
                "{a=\"b\"} |= ip(\"10.0.0.1\")                      => []",
                "{a=\"b\"} | json |= \"abcd\"                       => []",
            })
    void needlesOfLeadingLineFilters(String query, String needles) {
        LogSelectorExpr expr = (LogSelectorExpr) QueryEngine.parse(query);
        ContentQuery content = ContentQueries.of(PipelineFactory.leadingLineFilters(expr.stages()));
        assertThat(content.toString()).isEqualTo("ContentQuery" + needles);
        assertThat(content.isAny()).isEqualTo(needles.equals("[]"));
    }

    private static final long START = 1_767_225_600_000_000_000L;

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "{app=\"api\"} |= \"trace_id=deadbeefcafebabe\"",
                "{app=\"api\"} |~ \"(?i)TRACE_ID=DEADBEEFCAFEBABE\"",
                "{app=\"api\"} |~ \"trace_id=deadbeef[a-f]+\"",
                "{app=\"api\"} |= \"deadbeefcafe\" or \"no such words\" != \"level=debug\"",
                "{app=\"api\"} |= \"level=error\"",
                "sum by (app) (count_over_time({app=\"api\"} |= \"trace_id=deadbeefcafebabe\" [1m]))",
            })
    void queriesReturnTheSameWithAndWithoutSkipping(String query) {
        List<byte[]> chunks = chunks();
        AtomicInteger skippedWith = new AtomicInteger();
        QueryResult with = run(new ChunkSource(chunks, true, skippedWith), query);
        QueryResult without = run(new ChunkSource(chunks, false, new AtomicInteger()), query);
        assertThat(comparable(with)).isEqualTo(comparable(without));
        if (with instanceof QueryResult.Streams streams) {
            // The needle line in range, or the error lines: the comparison is not between two empty results.
            assertThat(QueryEngine.entryCount(streams)).isPositive();
        } else {
            assertThat(((QueryResult.Matrix) with).series()).isNotEmpty();
        }
        if (query.contains("deadbeef")) {
            assertThat(skippedWith.get()).isPositive();
        }
    }

    /** Series hold arrays, which compare by identity: their text compares by content. */
    private static Object comparable(QueryResult result) {
        if (result instanceof QueryResult.Matrix matrix) {
            return matrix.series().stream()
                    .map(s -> s.metric()
                            + java.util.Arrays.toString(s.timestampsMillis())
                            + java.util.Arrays.toString(s.values()))
                    .toList();
        }
        return result;
    }

    private static QueryResult run(EntrySource source, String query) {
        return new QueryEngine(source)
                .rangeQuery(
                        "t",
                        query,
                        START,
                        START + 3_600_000_000_000L,
                        Duration.ofMinutes(1),
                        new QueryEngine.Options(Direction.FORWARD, 5_000, QueryLimits.DEFAULTS));
    }

    /** Three chunks of 2,000 lines in 2 KiB blocks; two lines carry the needle. */
    private static List<byte[]> chunks() {
        Random random = new Random(5);
        String[] levels = {"info", "debug", "warn", "error"};
        List<byte[]> out = new java.util.ArrayList<>();
        int n = 0;
        for (int c = 0; c < 3; c++) {
            MemChunk chunk = new MemChunk(Labels.of("app", "api"), Codec.SNAPPY, 2048, 0, ContentFilterSpec.DEFAULT);
            for (int i = 0; i < 2_000; i++, n++) {
                String trace = n == 1_111 || n == 4_444 ? "deadbeefcafebabe" : Long.toHexString(random.nextLong());
                String line = String.format(
                        Locale.ROOT,
                        "level=%s msg=\"request %d done\" trace_id=%s",
                        levels[random.nextInt(levels.length)],
                        n,
                        trace);
                chunk.append(START + n * 1_000_000_000L, line, Labels.EMPTY);
            }
            out.add(chunk.encode());
        }
        return out;
    }

    /** One stream over encoded chunks, skipping blocks by the request's line filters when asked. */
    private record ChunkSource(List<byte[]> chunks, boolean skip, AtomicInteger skipped) implements EntrySource {
        @Override
        public StreamIterator select(SelectRequest request) {
            ContentQuery content = skip ? ContentQueries.of(request.lineFilters()) : ContentQuery.ANY;
            List<EntryIterator> iterators = new java.util.ArrayList<>();
            List<Chunk> decoded = chunks.stream().map(Chunk::decode).toList();
            if (request.direction() == Direction.BACKWARD) {
                decoded = decoded.reversed();
            }
            for (Chunk chunk : decoded) {
                skipped.addAndGet((int) chunk.blocks().stream()
                        .filter(b -> !b.mayMatch(content))
                        .count());
                iterators.add(
                        chunk.iterator(request.fromNanos(), request.throughNanos(), request.direction(), content));
            }
            boolean[] given = {false};
            return new StreamIterator() {
                @Override
                public @Nullable SourceStream next() {
                    if (given[0]) {
                        return null;
                    }
                    given[0] = true;
                    return new SourceStream() {
                        @Override
                        public Labels labels() {
                            return Labels.of("app", "api");
                        }

                        @Override
                        public EntryCursor entries() {
                            return new Cursor(iterators);
                        }
                    };
                }

                @Override
                public void close() {}
            };
        }
    }

    /** The chunks' entries one after another (they do not overlap in time). */
    private static final class Cursor implements EntryCursor {
        private final List<EntryIterator> iterators;
        private int at;
        private long ts;
        private byte[] line = new byte[0];

        Cursor(List<EntryIterator> iterators) {
            this.iterators = iterators;
        }

        @Override
        public boolean next() {
            while (at < iterators.size()) {
                EntryIterator it = iterators.get(at);
                if (it.next()) {
                    ts = it.timestamp();
                    line = it.line().getBytes(StandardCharsets.UTF_8);
                    return true;
                }
                at++;
            }
            return false;
        }

        @Override
        public long timestampNanos() {
            return ts;
        }

        @Override
        public byte[] line() {
            return line;
        }

        @Override
        public Labels structuredMetadata() {
            return Labels.EMPTY;
        }
    }
}
