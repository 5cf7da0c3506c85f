package io.skald.querier.drilldown;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PatternsTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void similarLinesShareOnePatternWithVariablesAndCountsPerStep() {
        Patterns patterns = new Patterns(10 * SECOND);
        patterns.add(100 * SECOND, "GET /api/users 200 12ms", "info");
        patterns.add(105 * SECOND, "GET /api/orders 200 7ms", "info");
        patterns.add(112 * SECOND, "GET /api/users 500 3ms", "error");
        patterns.add(113 * SECOND, "connection reset by peer", "error");
        patterns.add(114 * SECOND, "   ", "info");

        List<Patterns.Result> results = patterns.results();

        assertThat(results)
                .extracting(Patterns.Result::pattern)
                .containsExactly("GET <_> <_> <_>", "connection reset by peer");
        Patterns.Result get = results.getFirst();
        assertThat(get.level()).isEqualTo("info");
        assertThat(get.samples()).containsExactly(new long[] {100, 2}, new long[] {110, 1});
        assertThat(results.get(1).samples()).containsExactly(new long[] {110, 1});
    }

    @Test
    void dissimilarLinesOfTheSameLengthStayApart() {
        Patterns patterns = new Patterns(SECOND);
        patterns.add(0, "user alice logged in", "info");
        patterns.add(0, "user bob logged in", "info");
        patterns.add(0, "disk almost full now", "warn");

        assertThat(patterns.results())
                .extracting(Patterns.Result::pattern)
                .containsExactly("user <_> logged in", "disk almost full now");
    }
}
