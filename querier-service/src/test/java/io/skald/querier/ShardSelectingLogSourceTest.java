package io.skald.querier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skald.chunk.Direction;
import io.skald.index.Matcher;
import io.skald.labels.Labels;
import io.skald.logql.shard.StreamShard;
import io.skald.server.LokiHttpException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every stream lands in exactly one shard of a count, and the shard matcher never reaches the real source. */
class ShardSelectingLogSourceTest {
    private final List<List<Matcher>> asked = new ArrayList<>();
    private final List<Labels> streams = new ArrayList<>();
    private final LogSource all = (tenant, matchers, from, through, direction, limit) -> {
        asked.add(matchers);
        return streams.stream()
                .map(labels -> new StreamEntries(labels, Collections.emptyIterator()))
                .toList();
    };

    ShardSelectingLogSourceTest() {
        for (int i = 0; i < 200; i++) {
            streams.add(Labels.of("app", "a", "pod", "p" + i));
        }
    }

    @org.junit.jupiter.api.Test
    void theContentQueryReachesTheRealSourceWithOrWithoutAShard() {
        List<io.skald.chunk.ContentQuery> contents = new ArrayList<>();
        LogSource recording = new LogSource() {
            @Override
            public List<StreamEntries> select(
                    String tenant, List<Matcher> matchers, long from, long through, Direction direction, int limit) {
                throw new AssertionError("the content query was dropped");
            }

            @Override
            public List<StreamEntries> select(
                    String tenant,
                    List<Matcher> matchers,
                    long from,
                    long through,
                    Direction direction,
                    int limit,
                    io.skald.chunk.ContentQuery content) {
                contents.add(content);
                return List.of();
            }
        };
        io.skald.chunk.ContentQuery needle = io.skald.chunk.ContentQuery.of(List.of(List.of("deadbeefcafebabe")));
        LogSource source = new ShardSelectingLogSource(recording);
        source.select("t", List.of(new Matcher("app", Matcher.Type.EQ, "a")), 0, 1, Direction.FORWARD, 10, needle);
        source.select(
                "t",
                List.of(
                        new Matcher("app", Matcher.Type.EQ, "a"),
                        new Matcher(StreamShard.LABEL, Matcher.Type.EQ, "1_of_4")),
                0,
                1,
                Direction.FORWARD,
                10,
                needle);
        assertThat(contents).containsExactly(needle, needle);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 16, 37})
    void shardsPartitionTheStreams(int count) {
        LogSource source = new ShardSelectingLogSource(all);
        Set<Labels> seen = new HashSet<>();
        int total = 0;
        for (int i = 0; i < count; i++) {
            List<Matcher> matchers = List.of(
                    new Matcher("app", Matcher.Type.EQ, "a"),
                    new Matcher(StreamShard.LABEL, Matcher.Type.EQ, i + "_of_" + count));
            for (StreamEntries s : source.select("t", matchers, 0, 1, Direction.FORWARD, 0)) {
                seen.add(s.labels());
                total++;
            }
        }
        assertThat(total).isEqualTo(streams.size());
        assertThat(seen).containsExactlyInAnyOrderElementsOf(streams);
        assertThat(asked).allSatisfy(m -> assertThat(m).containsExactly(new Matcher("app", Matcher.Type.EQ, "a")));
    }

    @Test
    void withoutAShardMatcherEverythingPasses() {
        List<Matcher> matchers = List.of(new Matcher("app", Matcher.Type.EQ, "a"));
        assertThat(new ShardSelectingLogSource(all).select("t", matchers, 0, 1, Direction.BACKWARD, 10))
                .hasSize(streams.size());
    }

    @Test
    void aMalformedShardIsABadRequest() {
        for (String value : List.of("3", "3_of_2", "x_of_4", "-1_of_4")) {
            List<Matcher> matchers = List.of(new Matcher(StreamShard.LABEL, Matcher.Type.EQ, value));
            assertThatThrownBy(() -> new ShardSelectingLogSource(all).select("t", matchers, 0, 1, Direction.FORWARD, 0))
                    .isInstanceOf(LokiHttpException.class)
                    .hasMessageContaining(value);
        }
    }
}
