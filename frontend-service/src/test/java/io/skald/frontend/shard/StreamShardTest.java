package io.skald.frontend.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skald.labels.Labels;
import io.skald.logql.shard.StreamShard;
import io.skald.logql.syntax.LabelMatcher;
import io.skald.logql.syntax.LogqlParser;
import io.skald.logql.syntax.LogqlPrinter;
import io.skald.logql.syntax.SampleExpr;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamShardTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 16, 100})
    void everyStreamIsInExactlyOneShardAndShardsAreBalanced(int count) {
        int[] sizes = new int[count];
        for (int i = 0; i < 10_000; i++) {
            Labels stream = Labels.of("app", "app-" + (i % 37), "pod", "pod-" + i);
            int owners = 0;
            for (int s = 0; s < count; s++) {
                if (new StreamShard(s, count).contains(stream)) {
                    owners++;
                    sizes[s]++;
                }
            }
            assertThat(owners).as("shards owning %s", stream).isEqualTo(1);
        }
        for (int size : sizes) {
            assertThat(size).isBetween(10_000 / count / 2, 10_000 / count * 2);
        }
    }

    @Test
    void matcherValueRoundTrips() {
        StreamShard shard = new StreamShard(3, 16);
        assertThat(shard.value()).isEqualTo("3_of_16");
        assertThat(StreamShard.parse("3_of_16")).isEqualTo(shard);
        assertThat(StreamShard.from(List.of(new LabelMatcher("app", LabelMatcher.Type.EQUAL, "a"), shard.matcher())))
                .isEqualTo(shard);
        assertThat(StreamShard.from(List.of(new LabelMatcher("app", LabelMatcher.Type.EQUAL, "a"))))
                .isNull();
        assertThatThrownBy(() -> StreamShard.parse("16_of_16")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StreamShard.parse("x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rewriterAddsTheShardMatcherToEverySelector() {
        SampleExpr expr = LogqlParser.parseSampleExpr(
                "sum(rate({app=\"a\"} |= \"x\" [5m])) / sum(count_over_time({app=\"b\"}[5m]))");
        String printed = LogqlPrinter.print(ShardRewriter.withShard(expr, new StreamShard(1, 4)));
        assertThat(printed)
                .isEqualTo("(sum(rate({app=\"a\", __stream_shard__=\"1_of_4\"} |= \"x\"[5m]))"
                        + " / sum(count_over_time({app=\"b\", __stream_shard__=\"1_of_4\"}[5m])))");
    }
}
