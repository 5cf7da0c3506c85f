package io.skald.frontend.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.logql.syntax.LogqlParser;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ShardMapperTest {

    static Stream<Arguments> plans() {
        return Stream.of(
                Arguments.of("rate({a=\"b\"}[1m])", "PerShard(SUM)"),
                Arguments.of("max_over_time({a=\"b\"} | unwrap x [1m]) by (a)", "PerShard(MAX)"),
                Arguments.of("sum by (x) (rate({a=\"b\"}[1m]))", "PerShard(SUM)"),
                Arguments.of("count(rate({a=\"b\"}[1m]))", "PerShard(SUM)"),
                Arguments.of("min(count_over_time({a=\"b\"}[1m]))", "PerShard(MIN)"),
                Arguments.of("avg(count_over_time({a=\"b\"}[1m]))", "Ratio(PerShard(SUM), PerShard(SUM))"),
                Arguments.of("topk(3, count_over_time({a=\"b\"}[1m]))", "Select(top 3, PerShard(SUM))"),
                Arguments.of("bottomk(3, sum by (x) (rate({a=\"b\"}[1m])))", "Select(bottom 3, PerShard(SUM))"),
                Arguments.of("sum(rate({a=\"b\"}[1m])) * 2", "Arithmetic(MULTIPLY, PerShard(SUM), 2.0)"),
                Arguments.of(
                        "sum(rate({a=\"b\"}[1m])) / stddev(rate({a=\"b\"}[1m]))",
                        "Arithmetic(DIVIDE, PerShard(SUM), Whole)"),
                Arguments.of("stddev(rate({a=\"b\"}[1m]))", "Whole"),
                Arguments.of("sum(sum by (x) (rate({a=\"b\"}[1m])))", "Whole"),
                Arguments.of("quantile_over_time(0.5, {a=\"b\"} | unwrap x [1m])", "Whole"),
                Arguments.of("sum(rate({a=\"b\"}[1m])) > 2", "Whole"),
                Arguments.of("sum(rate({a=\"b\"}[1m])) + on (x) sum(rate({a=\"b\"}[1m]))", "Whole"),
                Arguments.of("vector(1) + 1", "Whole"));
    }

    @ParameterizedTest
    @MethodSource("plans")
    void mapsLikeLoki(String query, String expected) {
        assertThat(describe(ShardMapper.map(LogqlParser.parseSampleExpr(query))))
                .isEqualTo(expected);
    }

    private static String describe(ShardPlan plan) {
        return switch (plan) {
            case ShardPlan.Whole w -> "Whole";
            case ShardPlan.PerShard p -> "PerShard(" + p.combiner() + ")";
            case ShardPlan.Ratio r -> "Ratio(" + describe(r.numerator()) + ", " + describe(r.denominator()) + ")";
            case ShardPlan.Select s ->
                "Select(" + (s.top() ? "top " : "bottom ") + s.k() + ", " + describe(s.inner()) + ")";
            case ShardPlan.Arithmetic a ->
                "Arithmetic(" + a.op() + ", " + describe(a.left()) + ", " + describe(a.right()) + ")";
            case ShardPlan.Constant c -> String.valueOf(c.value());
        };
    }
}
