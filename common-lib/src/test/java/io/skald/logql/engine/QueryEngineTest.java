package io.skald.logql.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skald.chunk.Direction;
import io.skald.labels.Labels;
import io.skald.logql.result.LogEntry;
import io.skald.logql.result.LogStream;
import io.skald.logql.result.QueryResult;
import io.skald.logql.result.Sample;
import io.skald.logql.result.Series;
import io.skald.logql.syntax.LabelMatcher;
import io.skald.server.LokiHttpException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryEngineTest {
    private static final String T = "t";
    private static final long S = 1_000_000_000L;
    private static final long BASE = 1_700_000_000L * S;

    private final InMemoryEntrySource source = new InMemoryEntrySource();
    private final QueryEngine engine = new QueryEngine(source);

    private static Labels a = Labels.of("app", "a", "pod", "a-1");
    private static Labels b = Labels.of("app", "b", "pod", "b-1");

    private void seed() {
        // app a: one line per 10 s from BASE+10 s to BASE+60 s, logfmt with a latency.
        for (int i = 1; i <= 6; i++) {
            source.push(
                    T, a, BASE + (long) i * 10 * S, "level=info latency=" + i + " status=" + (i % 2 == 0 ? 500 : 200));
        }
        // app b: two lines sharing a timestamp with app a, one with a broken number.
        source.push(T, b, BASE + 20 * S, "level=error latency=7 status=500");
        source.push(T, b, BASE + 40 * S, "level=error latency=oops status=500");
    }

    private Map<String, Double> instant(String query, long timeNanos) {
        QueryResult result = engine.instantQuery(T, query, timeNanos, QueryEngine.Options.DEFAULTS);
        Map<String, Double> out = new TreeMap<>();
        for (Sample s : ((QueryResult.Vector) result).samples()) {
            out.put(s.metric().toString(), s.value());
        }
        return out;
    }

    @Test
    void inMemorySourceDeduplicatesAndKeepsPushOrderOfEqualTimestamps() {
        Labels s = Labels.of("app", "x");
        assertThat(source.push(T, s, 5, "first")).isTrue();
        assertThat(source.push(T, s, 5, "second")).isTrue();
        assertThat(source.push(T, s, 5, "first")).isFalse();
        source.push(T, s, 3, "earlier");
        source.push(T, s, 9, "outside");
        List<LabelMatcher> m = List.of(new LabelMatcher("app", LabelMatcher.Type.EQUAL, "x"));
        assertThat(lines(new SelectRequest(T, m, 3, 9, Direction.FORWARD, List.of())))
                .containsExactly("earlier", "first", "second");
        assertThat(lines(new SelectRequest(T, m, 3, 9, Direction.BACKWARD, List.of())))
                .containsExactly("second", "first", "earlier");
        assertThat(lines(new SelectRequest("other", m, 0, 100, Direction.FORWARD, List.of())))
                .isEmpty();
    }

    private List<String> lines(SelectRequest request) {
        List<String> out = new ArrayList<>();
        try (StreamIterator it = source.select(request)) {
            for (SourceStream s = it.next(); s != null; s = it.next()) {
                EntryCursor c = s.entries();
                while (c.next()) {
                    out.add(new String(c.line(), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    @Test
    void logQueryLimitsAcrossStreamsAndBreaksTiesByStreamLabels() {
        seed();
        QueryResult.Streams streams = (QueryResult.Streams) engine.rangeQuery(
                T,
                "{app=~\"a|b\"}",
                BASE,
                BASE + 61 * S,
                Duration.ofSeconds(1),
                new QueryEngine.Options(Direction.FORWARD, 3, QueryLimits.DEFAULTS));
        // 10 s (a), then 20 s from a (labels sort first) and b.
        assertThat(streams.streams()).extracting(LogStream::labels).containsExactly(a, b);
        assertThat(streams.streams().get(0).entries())
                .extracting(LogEntry::timestampNanos)
                .containsExactly(BASE + 10 * S, BASE + 20 * S);
        assertThat(streams.streams().get(1).entries()).hasSize(1);
    }

    @Test
    void logQueryEndIsExclusiveAndIntervalThinsEntries() {
        seed();
        QueryResult.Streams streams = (QueryResult.Streams) engine.rangeQuery(
                T,
                "{app=\"a\"}",
                BASE + 10 * S,
                BASE + 60 * S,
                Duration.ofSeconds(1),
                new QueryEngine.Options(Direction.BACKWARD, 100, Duration.ofSeconds(20), QueryLimits.DEFAULTS, false));
        assertThat(streams.streams().get(0).entries())
                .extracting(LogEntry::timestampNanos)
                .containsExactly(BASE + 50 * S, BASE + 30 * S, BASE + 10 * S);
    }

    @Test
    void parsedLabelsSplitStreamsUnlessCategorized() {
        seed();
        String query = "{app=\"a\"} | logfmt | keep level, status, app";
        QueryResult.Streams plain = (QueryResult.Streams)
                engine.rangeQuery(T, query, BASE, BASE + 61 * S, Duration.ofSeconds(1), QueryEngine.Options.DEFAULTS);
        assertThat(plain.streams()).hasSize(2);
        QueryResult.Streams categorized = (QueryResult.Streams) engine.rangeQuery(
                T,
                query,
                BASE,
                BASE + 61 * S,
                Duration.ofSeconds(1),
                new QueryEngine.Options(Direction.BACKWARD, 100, Duration.ZERO, QueryLimits.DEFAULTS, true));
        assertThat(categorized.streams()).hasSize(1);
        assertThat(categorized.streams().get(0).labels()).isEqualTo(Labels.of("app", "a"));
        assertThat(categorized.streams().get(0).entries().get(0).parsed())
                .isEqualTo(Labels.of("level", "info", "status", "500"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " ## ", textBlock = """
            count_over_time({app="a"}[30s]) ## 40 ## {app="a", pod="a-1"}=3.0
            count_over_time({app="a"}[30s] offset 10s) ## 40 ## {app="a", pod="a-1"}=3.0
            count_over_time({app="a"}[30s] offset 40s) ## 40 ## {}
            rate({app="a"}[30s]) ## 30 ## {app="a", pod="a-1"}=0.1
            bytes_over_time({app="b"}[1m]) ## 60 ## {app="b", pod="b-1"}=67.0
            sum by (app) (sum_over_time({app="a"} | logfmt | unwrap latency [1m])) ## 60 ## {app="a"}=21.0
            avg_over_time({app="a"} | logfmt | unwrap latency [1m]) by (app) ## 60 ## {app="a"}=3.5
            max_over_time({app="a"} | logfmt | unwrap latency [1m]) by (app) ## 60 ## {app="a"}=6.0
            first_over_time({app="a"} | logfmt | unwrap latency [1m]) by (app) ## 60 ## {app="a"}=1.0
            last_over_time({app="a"} | logfmt | unwrap latency [1m]) by (app) ## 60 ## {app="a"}=6.0
            quantile_over_time(0.5, {app="a"} | logfmt | unwrap latency [1m]) by (app) ## 60 ## {app="a"}=3.5
            stdvar_over_time({app="a"} | logfmt | unwrap latency [1m]) by (app) ## 60 ## {app="a"}=2.9166666666666665
            sum by (status) (count_over_time({app=~"a|b"} | logfmt [1m])) ## 60 ## {status="200"}=3.0;{status="500"}=5.0
            count(count_over_time({app=~"a|b"}[1m])) ## 60 ## {}=2.0
            topk(1, count_over_time({app=~"a|b"}[1m])) ## 60 ## {app="a", pod="a-1"}=6.0
            bottomk(1, count_over_time({app=~"a|b"}[1m])) ## 60 ## {app="b", pod="b-1"}=2.0
            sum(count_over_time({app="a"}[1m])) / 2 ## 60 ## {}=3.0
            2 - sum(count_over_time({app="a"}[1m])) ## 60 ## {}=-4.0
            count_over_time({app=~"a|b"}[1m]) > 2 ## 60 ## {app="a", pod="a-1"}=6.0
            count_over_time({app=~"a|b"}[1m]) > bool 2 ## 60 ## {app="a", pod="a-1"}=1.0;{app="b", pod="b-1"}=0.0
            sum by (app) (count_over_time({app=~"a|b"}[1m])) / on () group_left sum(count_over_time({app=~"a|b"}[1m])) ## 60 ## {app="a"}=0.75;{app="b"}=0.25
            count_over_time({app="a"}[1m]) and on (app) count_over_time({app="b"}[1m]) ## 60 ## {}
            count_over_time({app="a"}[1m]) or count_over_time({app="b"}[1m]) ## 60 ## {app="a", pod="a-1"}=6.0;{app="b", pod="b-1"}=2.0
            count_over_time({app=~"a|b"}[1m]) unless on (app) count_over_time({app="b"}[1m]) ## 60 ## {app="a", pod="a-1"}=6.0
            label_replace(count_over_time({app="a"}[1m]), "short", "$1-${2}x", "pod", "(a)-(.*)") ## 60 ## {app="a", pod="a-1", short="a-1x"}=6.0
            label_replace(count_over_time({app="a"}[1m]), "pod", "", "app", "a") ## 60 ## {app="a"}=6.0
            label_replace(count_over_time({app="a"}[1m]), "short", "${n_1}", "pod", "(?P<n_1>a)-.*") ## 60 ## {app="a", pod="a-1", short="a"}=6.0
            absent_over_time({app="zzz", env=~"x"}[1m]) ## 60 ## {app="zzz"}=1.0
            sum by (__error__) (sum_over_time({app="b"} | logfmt | unwrap latency [1m])) ## 60 ## {}=7.0;{__error__="SampleExtractionErr"}=0.0
            vector(2) * 3 ## 60 ## {}=6.0
            """)
    void metricQueriesAtAnInstant(String query, long atSeconds, String expected) {
        seed();
        Map<String, Double> want = new TreeMap<>();
        for (String pair : expected.split(";", -1)) {
            int eq = pair.lastIndexOf('=');
            if (pair.equals("{}")) {
                continue;
            }
            want.put(pair.substring(0, eq), Double.parseDouble(pair.substring(eq + 1)));
        }
        assertThat(instant(query, BASE + atSeconds * S)).isEqualTo(want);
    }

    @Test
    void windowsAreLeftOpenRightClosedAtEveryStep() {
        seed();
        QueryResult.Matrix m = (QueryResult.Matrix) engine.rangeQuery(
                T,
                "count_over_time({app=\"a\"}[10s])",
                BASE + 10 * S,
                BASE + 70 * S,
                Duration.ofSeconds(10),
                QueryEngine.Options.DEFAULTS);
        Series s = m.series().get(0);
        // Each step sees exactly the entry at its own time; the step at 70 s sees none.
        assertThat(s.timestampsMillis()).hasSize(6);
        assertThat(s.values()).containsOnly(1.0);
    }

    @Test
    void errorsFailMetricQueriesWithLokisTexts() {
        seed();
        assertThatThrownBy(() -> instant("sum_over_time({app=\"b\"} | logfmt | unwrap latency [1m])", BASE + 60 * S))
                .isInstanceOfSatisfying(
                        LokiHttpException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageStartingWith("pipeline error: 'SampleExtractionErr' for series: '{__error__=");
        assertThatThrownBy(() -> instant(
                        "count_over_time({app=~\"a|b\"}[1m]) / on () count_over_time({app=~\"a|b\"}[1m])",
                        BASE + 60 * S))
                .isInstanceOfSatisfying(
                        LokiHttpException.class, e -> assertThat(e.status()).isEqualTo(500))
                .hasMessageContaining("many-to-many matching not allowed");
        assertThatThrownBy(() -> engine.instantQuery(
                        T,
                        "count_over_time({app=~\"a|b\"}[1m])",
                        BASE + 60 * S,
                        new QueryEngine.Options(Direction.BACKWARD, 100, new QueryLimits(1))))
                .isInstanceOfSatisfying(
                        LokiHttpException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageStartingWith("maximum number of series (1) reached for a single query");
        assertThatThrownBy(() -> instant("{app=\"a\"}", BASE))
                .isInstanceOf(LokiHttpException.class)
                .hasMessageContaining("log queries are not supported as an instant query type");
    }

    @Test
    void literalInstantQueryIsAScalar() {
        QueryResult r = engine.instantQuery(T, "1 + 2", BASE, QueryEngine.Options.DEFAULTS);
        assertThat(r).isEqualTo(new QueryResult.Scalar(BASE / 1_000_000, 3));
    }
}
