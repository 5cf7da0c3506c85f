package io.skald.querier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skald.chunk.Direction;
import io.skald.index.Matcher;
import io.skald.logql.engine.PushedFilter;
import io.skald.logql.shard.StreamShard;
import io.skald.server.LokiHttpException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shard matcher never reaches the real source: it becomes the selection's shard, and nothing else changes. */
class ShardSelectingLogSourceTest {
    private static final Matcher APP = new Matcher("app", Matcher.Type.EQ, "a");

    private final List<LogSource.Selection> asked = new ArrayList<>();
    private final LogSource recording = selection -> {
        asked.add(selection);
        return LogSource.Selected.of(List.of());
    };

    private static LogSource.Selection selection(List<Matcher> matchers) {
        return new LogSource.Selection(
                "t", matchers, 0, 1, Direction.BACKWARD, PushedFilter.parse("|= \"needle\""), 10, true, null);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 16, 37})
    void theShardMatcherBecomesTheSelectionsShard(int count) {
        LogSource source = new ShardSelectingLogSource(recording);
        for (int i = 0; i < count; i++) {
            source.select(selection(List.of(APP, new Matcher(StreamShard.LABEL, Matcher.Type.EQ, i + "_of_" + count))));
        }
        assertThat(asked).hasSize(count);
        for (int i = 0; i < count; i++) {
            LogSource.Selection s = asked.get(i);
            assertThat(s.matchers()).containsExactly(APP);
            assertThat(s.shard()).isEqualTo(new StreamShard(i, count));
            assertThat(s.filter().text()).isEqualTo("|= \"needle\"");
            assertThat(s.limit()).isEqualTo(10);
            assertThat(s.streamByStream()).isTrue();
            assertThat(s.direction()).isEqualTo(Direction.BACKWARD);
        }
    }

    @Test
    void withoutAShardMatcherTheSelectionPassesUnchanged() {
        LogSource.Selection selection = selection(List.of(APP));
        new ShardSelectingLogSource(recording).select(selection);
        assertThat(asked).containsExactly(selection);
    }

    @Test
    void aMalformedShardIsABadRequest() {
        for (String value : List.of("3", "3_of_2", "x_of_4", "-1_of_4")) {
            List<Matcher> matchers = List.of(new Matcher(StreamShard.LABEL, Matcher.Type.EQ, value));
            assertThatThrownBy(() -> new ShardSelectingLogSource(recording).select(selection(matchers)))
                    .isInstanceOf(LokiHttpException.class)
                    .hasMessageContaining(value);
        }
        assertThat(asked).isEmpty();
    }
}
