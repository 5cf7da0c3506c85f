package io.skald.logql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.labels.Labels;
import io.skald.logql.log.Grouping;
import io.skald.logql.log.Pipeline;
import io.skald.logql.log.ProcessedEntry;
import io.skald.logql.log.SampleExtractor;
import io.skald.logql.log.StreamPipeline;
import io.skald.logql.syntax.Expr;
import io.skald.logql.syntax.LogSelectorExpr;
import io.skald.logql.syntax.RangeAggregationExpr;
import io.skald.logql.syntax.VectorAggregationExpr;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parser hints change how samples are computed, never which: for each query, every line of a mixed set (JSON, logfmt,
 * malformed, nested, duplicate keys, keys that collide with stream labels or sanitise oddly) gives the same sample
 * with hints as with parsers that extract everything.
 */
class ParserPushdownTest {
    /** Two streams: one whose {@code level} and {@code app} collide with parsed keys, one without. */
    private static final List<Labels> STREAMS =
            List.of(Labels.of("app", "api"), Labels.of("app", "api", "level", "from-stream"));

    private static final List<Labels> METADATA =
            List.of(Labels.EMPTY, Labels.of("trace", "t1"), Labels.of("level", "from-metadata"));

    private static final List<String> LINES = List.of(
            "{\"level\":\"info\",\"status\":200,\"msg\":\"ok\"}",
            "{\"level\":\"error\",\"status\":\"503\",\"request\":{\"status\":500,\"method\":\"GET\"}}",
            "{\"a\":{\"b\":{\"c\":\"deep\"}},\"a_b\":{\"c\":\"flat\"},\"a_b_c\":\"last\"}",
            "{\"level\":\"info\",\"level\":\"warn\",\"status\":301}",
            "{\"app\":\"from-line\",\"level\":\"debug\",\"app_extracted\":\"explicit\"}",
            "{\"level\":\"info\", \"status\": 20",
            "{\"level\":\"info\" \"x\":1}",
            "{\"level\":\"info\",\"bad\":\"\\x\"}",
            "{\"bad\\x\":1,\"level\":\"after-bad-key\"}",
            "{\"le\\u0076el\":\"escaped-key\",\"status\":500}",
            "{\" level \":\"spaced\",\"\\tstatus\":404}",
            "{\"\u001flevel\t\":\"raw-control\",\"\u000bstatus\":418}",
            "{\"1level\":\"digit\",\"_1level\":\"underscore\"}",
            "{\"lev.el\":\"dot\",\"lev-el\":\"dash\"}",
            "{\"  \":{\"level\":\"under-blank\",\"status\":502}}",
            "{\"h\u00e9llo\":\"x\",\"level\":\"unicode-key\",\"l\u00e9vel\":\"accent\"}",
            "{\"level\":\"\\ud83d\\ude00\",\"status\":\"\\u00e9\"}",
            "{\"level\":\"\\ud800\"}",
            "{\"level\":null,\"status\":[1,2],\"msg\":{}}",
            "{\"level\":true,\"status\":-1.5e3}",
            "{\"nested\":{\"level\":\"n\"},\"level\":\"top\",\"request\":{\"status\":\"x\"}}",
            "{\"a\":{\"b\" 1},\"level\":\"nested-malformed\"}",
            "{\"a\":{\"b\":tru},\"level\":\"bad-literal\"}",
            "{}",
            "[1,2]",
            "not json at all",
            "",
            "level=info status=200 msg=\"hello world\"",
            "level=error status=503 app=api",
            "level=\"quoted \\\"esc\\\"\" status=500",
            "level=warn level=error status=404",
            "status=abc level=info",
            "bad\"key=1 level=info status=500",
            "level= status=",
            "1level=x _1level=y level=z",
            "lev.el=dot level=dotted",
            "h\u00e9llo=x level=\u00fcn\u00ef status=500",
            "level=\"unterminated status=500",
            "=nokey level=debug",
            "level=\"\\u00e9\\ud83d\\ude00\" status=501",
            "level=\"bad \\x escape\" status=500",
            "level_extracted=direct status=200",
            "  level  =  spaced  ",
            "status=5e2 latency=1.5s size=2KB level=warn");

    private static Expr parse(String query) {
        return QueryEngine.parse(query);
    }

    private record Extractors(SampleExtractor hinted, SampleExtractor full) {}

    private static Extractors extractors(String query) {
        Expr expr = parse(query);
        RangeAggregationExpr range;
        io.skald.logql.syntax.@Nullable Grouping grouping;
        if (expr instanceof VectorAggregationExpr v) {
            range = (RangeAggregationExpr) v.inner();
            grouping = v.grouping();
        } else {
            range = (RangeAggregationExpr) expr;
            grouping = range.grouping();
        }
        Grouping runtime = grouping == null ? null : PipelineFactory.grouping(grouping);
        return new Extractors(
                PipelineFactory.extractor(range.range(), range.op(), runtime),
                PipelineFactory.fullExtractor(range.range(), range.op(), runtime));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "sum by (level) (count_over_time({app=\"api\"} | json [1m]))",
                "sum by (level) (count_over_time({app=\"api\"} | logfmt [1m]))",
                "sum by (level) (rate({app=\"api\"} | logfmt --strict [1m]))",
                "sum by (level) (bytes_over_time({app=\"api\"} | logfmt --keep-empty [1m]))",
                "sum by (level) (count_over_time({app=\"api\"} | logfmt --strict --keep-empty [1m]))",
                "sum by (app_extracted, level) (count_over_time({app=\"api\"} | json [1m]))",
                "sum by (app, level_extracted) (count_over_time({app=\"api\"} | json [1m]))",
                "sum by (request_status, request_method) (count_over_time({app=\"api\"} | json [1m]))",
                "sum by (a_b_c, a_b) (count_over_time({app=\"api\"} | json [1m]))",
                "sum by (lev_el, _1level, level, h_llo) (count_over_time({app=\"api\"} | json [1m]))",
                "sum by (lev_el, _1level, level, h_llo) (count_over_time({app=\"api\"} | logfmt [1m]))",
                "sum by (nested_level, status) (count_over_time({app=\"api\"} | json [1m]))",
                "sum by (trace, level) (count_over_time({app=\"api\"} | json [1m]))",
                "sum(count_over_time({app=\"api\"} | logfmt | status >= 500 [1m]))",
                "sum(count_over_time({app=\"api\"} | json [1m]))",
                "sum by (level) (count_over_time({app=\"api\"} | json | status >= 500 [1m]))",
                "sum by (level) (count_over_time({app=\"api\"} | json | __error__=\"\" [1m]))",
                "sum by (level, __error__) (count_over_time({app=\"api\"} | json [1m]))",
                "sum by (level) (count_over_time({app=\"api\"} | json | drop level [1m]))",
                "sum by (status) (count_over_time({app=\"api\"} | json | keep status [1m]))",
                "sum by (level) (count_over_time({app=\"api\"} | json | drop __error__, __error_details__ [1m]))",
                "sum by (level) (count_over_time({app=\"api\"} | json | logfmt [1m]))",
                "sum by (level) (count_over_time({app=\"api\"} | logfmt | json [1m]))",
                "sum by (level) (count_over_time({app=\"api\"} | logfmt | level=~\"e.*\" or status > 400 [1m]))",
                "sum by (level) (count_over_time({app=\"api\"} |= \"level\" | json | msg=\"ok\" [1m]))",
                "sum by (level) (count_over_time({app=\"api\"} | json level=\"status\" | logfmt [1m]))",
                "sum by (level) (count_over_time({app=\"api\"} | logfmt | json msg=\"msg\" [1m]))",
                "sum by (level) (count_over_time({app=\"api\"} | logfmt | regexp \"status=(?P<code>\\\\d+)\" [1m]))",
                "sum by (level) (sum_over_time({app=\"api\"} | logfmt | unwrap status [1m]))",
                "sum by (level) (sum_over_time({app=\"api\"} | logfmt | unwrap status | __error__=\"\" [1m]))",
                "sum by (level) (avg_over_time({app=\"api\"} | json | unwrap request_status [1m]))",
                "sum by (level) (max_over_time({app=\"api\"} | logfmt | unwrap duration(latency) [1m]))",
                "sum by (level) (sum_over_time({app=\"api\"} | logfmt | unwrap bytes(size) [1m]))",
                "max_over_time({app=\"api\"} | logfmt | unwrap status [1m]) by (level)",
            })
    void hintedExtractionGivesTheSameSamples(String query) {
        Extractors extractors = extractors(query);
        assertThat(extractors.hinted().narrowed()).as("hints apply").isTrue();
        assertThat(extractors.full().narrowed()).isFalse();
        int samples = 0;
        for (Labels stream : STREAMS) {
            SampleExtractor.StreamSampleExtractor hinted = extractors.hinted().forStream(stream);
            SampleExtractor.StreamSampleExtractor full = extractors.full().forStream(stream);
            for (Labels metadata : METADATA) {
                for (String line : LINES) {
                    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                    SampleExtractor.Sample expected = full.process(1, bytes, metadata);
                    SampleExtractor.Sample actual = hinted.process(1, bytes, metadata);
                    assertThat(actual)
                            .as("%s on %s %s: %s", query, stream, metadata, line)
                            .isEqualTo(expected);
                    if (expected != null) {
                        assertThat(describe(actual)).isEqualTo(describe(expected));
                        samples++;
                    }
                }
            }
        }
        assertThat(samples).isPositive();
    }

    /** The sample's labels by category, which {@code equals} covers but a failure message should show. */
    private static @Nullable String describe(SampleExtractor.@Nullable Sample sample) {
        if (sample == null) {
            return null;
        }
        return sample.value() + " " + sample.labels().stream() + " "
                + sample.labels().structuredMetadata() + " " + sample.labels().parsed();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '#',
            value = {
                "count_over_time({app=\"api\"} | json [1m])#no grouping keeps every label",
                "sum without (level) (count_over_time({app=\"api\"} | json [1m]))#without keeps unnamed labels",
                "sum by (level) (count_over_time({app=\"api\"} | json | line_format \"{{.msg}}\" [1m]))#templates",
                "sum by (level) (count_over_time({app=\"api\"} | logfmt | label_format x=msg [1m]))#label_format",
                "sum by (level) (count_over_time({app=\"api\"} | json msg=\"msg\" [1m]))#expressions extract by name",
                "sum by (level) (count_over_time({app=\"api\"} | regexp \"level=(?P<level>\\\\w+)\" [1m]))#no json",
                "sum_over_time({app=\"api\"} | logfmt | unwrap status [1m])#unwrap without grouping",
            })
    void hintsDoNotApplyWhenEveryLabelMayBeNeeded(String query, String why) {
        assertThat(extractors(query).hinted().narrowed()).as(why).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "sum by (level) (count_over_time({app=\"api\"} | line_format \"{{.app}}\" | json [1m]))",
                "sum by (level) (count_over_time({app=\"api\"} | label_format x=app | logfmt [1m]))",
            })
    void templatesBeforeTheParserReadOnlyCompleteLabels(String query) {
        Extractors extractors = extractors(query);
        assertThat(extractors.hinted().narrowed()).isTrue();
        List<Object> hinted = new ArrayList<>();
        List<Object> full = new ArrayList<>();
        for (String line : LINES) {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            hinted.add(Objects.toString(
                    extractors.hinted().forStream(STREAMS.get(0)).process(1, bytes, Labels.EMPTY)));
            full.add(
                    Objects.toString(extractors.full().forStream(STREAMS.get(0)).process(1, bytes, Labels.EMPTY)));
        }
        assertThat(hinted).isEqualTo(full);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{app=\"api\"} | json | level=\"error\"",
                "{app=\"api\"} | logfmt | level=\"error\"",
                "{app=\"api\"} | logfmt --strict | status >= 500",
                "{app=\"api\"} | json | __error__=\"\"",
                "{app=\"api\"} | json | status >= 500 or level=~\"w.*\"",
                "{app=\"api\"} | json | request_status > 400 | drop request_method",
                "{app=\"api\"} | json | keep level, status | level!=\"info\"",
                "{app=\"api\"} | json | app_extracted=\"explicit\"",
                "{app=\"api\"} | json | level_extracted=\"info\"",
                "{app=\"api\"} | logfmt | json | level=\"top\"",
                "{app=\"api\"} | json |= \"status\"",
                "{app=\"api\"} | line_format \"{{.app}} {{__line__}}\" | logfmt | level=\"info\"",
                "{app=\"api\"} | json | drop __error__ | level=\"info\"",
                "{app=\"api\"} | logfmt --keep-empty | level=\"\"",
            })
    void logQueryPrefilterKeepsTheSameEntries(String query) {
        LogSelectorExpr selector = (LogSelectorExpr) parse(query);
        Pipeline prefiltered = PipelineFactory.pipeline(selector.stages());
        Pipeline full = PipelineFactory.fullPipeline(selector.stages());
        assertThat(prefiltered.prefilter()).as("prefilter applies").isNotNull();
        assertThat(full.prefilter()).isNull();
        int kept = 0;
        for (Labels stream : STREAMS) {
            StreamPipeline withPrefilter = prefiltered.forStream(stream);
            StreamPipeline without = full.forStream(stream);
            // Enough entries for several windows, so both prefiltering and not are exercised.
            for (int round = 0; round < 12; round++) {
                for (Labels metadata : METADATA) {
                    for (String line : LINES) {
                        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                        String expected = describe(without.process(round, bytes, metadata));
                        assertThat(describe(withPrefilter.process(round, bytes, metadata)))
                                .as("%s on %s %s: %s", query, stream, metadata, line)
                                .isEqualTo(expected);
                        if (expected != null) {
                            kept++;
                        }
                    }
                }
            }
        }
        assertThat(kept).isPositive();
    }

    private static @Nullable String describe(@Nullable ProcessedEntry entry) {
        if (entry == null) {
            return null;
        }
        return entry.timestamp() + " " + entry.lineString() + " " + entry.labels().stream() + " "
                + entry.labels().structuredMetadata() + " " + entry.labels().parsed();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{app=\"api\"} | json",
                "{app=\"api\"} | json | line_format \"{{.msg}}\" | level=\"error\"",
                "{app=\"api\"} | json | label_format x=level | level=\"error\"",
                "{app=\"api\"} | regexp \"level=(?P<level>\\\\w+)\" | level=\"error\"",
                "{app=\"api\"} | json level=\"level\" | level=\"error\"",
                "{app=\"api\"} |= \"error\" | json",
            })
    void logQueriesWithoutDroppingFiltersAfterTheParserHaveNoPrefilter(String query) {
        LogSelectorExpr selector = (LogSelectorExpr) parse(query);
        assertThat(PipelineFactory.pipeline(selector.stages()).prefilter()).isNull();
    }

    /**
     * A {@code sum} pushed into the range aggregation merges the samples of many streams into one series (hinted
     * parsers, samples sorted by time across streams); the same sum over per-stream series ({@code >= 0} stops the
     * push-down) must give the same points.
     */
    @Test
    void pushedDownSumOverInterleavedStreamsEqualsTheSumOfPerStreamSeries() {
        InMemoryEntrySource source = new InMemoryEntrySource();
        java.util.Random random = new java.util.Random(42);
        long start = 1_767_225_600_000_000_000L;
        String[] levels = {"info", "warn", "error"};
        for (int stream = 0; stream < 7; stream++) {
            Labels labels = Labels.of("app", "mix", "pod", "p" + stream);
            long t = start + random.nextInt(5_000) * 1_000_000L;
            for (int i = 0; i < 300; i++) {
                t += random.nextInt(3_000) * 1_000_000L;
                String level = levels[random.nextInt(levels.length)];
                String line = random.nextInt(10) == 0
                        ? "{\"level\":\"" + level + "\",\"v\":" + random.nextInt(100) + "}"
                        : "level=" + level + " v=" + random.nextInt(100) + " i=" + i;
                source.push("t", labels, t, line);
            }
        }
        QueryEngine engine = new QueryEngine(source);
        long end = start + 20 * 60_000_000_000L;
        for (String inner : List.of(
                "count_over_time({app=\"mix\"} | logfmt [1m])",
                "sum_over_time({app=\"mix\"} | logfmt | unwrap v [1m])",
                "bytes_over_time({app=\"mix\"} |= \"level\" | logfmt | v > 20 [2m])")) {
            io.skald.logql.result.QueryResult pushed = engine.rangeQuery(
                    "t",
                    "sum by (level) (" + inner + ")",
                    start,
                    end,
                    java.time.Duration.ofSeconds(30),
                    QueryEngine.Options.DEFAULTS);
            io.skald.logql.result.QueryResult perStream = engine.rangeQuery(
                    "t",
                    "sum by (level) (" + inner + " >= 0)",
                    start,
                    end,
                    java.time.Duration.ofSeconds(30),
                    QueryEngine.Options.DEFAULTS);
            assertThat(render(pushed)).as(inner).isEqualTo(render(perStream));
            assertThat(render(pushed)).contains("error");
        }
    }

    private static String render(io.skald.logql.result.QueryResult result) {
        StringBuilder out = new StringBuilder();
        for (io.skald.logql.result.Series series : ((io.skald.logql.result.QueryResult.Matrix) result).series()) {
            out.append(series.metric())
                    .append(java.util.Arrays.toString(series.timestampsMillis()))
                    .append(java.util.Arrays.toString(series.values()))
                    .append('\n');
        }
        return out.toString();
    }
}
