package io.skald.logql.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.logql.syntax.LabelFilter.And;
import io.skald.logql.syntax.LabelFilter.BytesFilter;
import io.skald.logql.syntax.LabelFilter.DurationFilter;
import io.skald.logql.syntax.LabelFilter.IpFilter;
import io.skald.logql.syntax.LabelFilter.NumericFilter;
import io.skald.logql.syntax.LabelFilter.Or;
import io.skald.logql.syntax.LabelFilter.StringFilter;
import io.skald.logql.syntax.PipelineStage.DropLabels;
import io.skald.logql.syntax.PipelineStage.JsonParser;
import io.skald.logql.syntax.PipelineStage.KeepLabels;
import io.skald.logql.syntax.PipelineStage.LabelExtraction;
import io.skald.logql.syntax.PipelineStage.LabelFilterStage;
import io.skald.logql.syntax.PipelineStage.LabelFormat;
import io.skald.logql.syntax.PipelineStage.LabelFormatRule;
import io.skald.logql.syntax.PipelineStage.LineFilter;
import io.skald.logql.syntax.PipelineStage.LineFilterTerm;
import io.skald.logql.syntax.PipelineStage.LineFormat;
import io.skald.logql.syntax.PipelineStage.LogfmtParser;
import io.skald.logql.syntax.PipelineStage.NamedLabel;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every LogQL construct parses to the tree Loki builds for it, and prints back to text that parses the same. */
class LogqlParserTest {
    private static final List<LabelMatcher> APP_A = List.of(eq("app", "a"));

    static Stream<Arguments> queries() {
        return Stream.of(
                // stream selectors
                Arguments.of("{app=\"a\"}", selector()),
                Arguments.of(
                        "{ a = \"x\" , b != \"y\", c =~ \"r.*\", d !~ `r\\d` }",
                        new LogSelectorExpr(
                                List.of(
                                        eq("a", "x"),
                                        new LabelMatcher("b", LabelMatcher.Type.NOT_EQUAL, "y"),
                                        new LabelMatcher("c", LabelMatcher.Type.REGEX, "r.*"),
                                        new LabelMatcher("d", LabelMatcher.Type.NOT_REGEX, "r\\d")),
                                List.of())),
                Arguments.of(
                        "{app=\"a\\tb\\u00e9\\x41\"} # comment",
                        new LogSelectorExpr(List.of(eq("app", "a\tbéA")), List.of())),
                // line filters
                Arguments.of(
                        "{app=\"a\"} |= \"x\" != \"y\" |~ \"z.*\" !~ \"w\" |> \"<_> e\" !> \"f <_>\"",
                        selector(
                                line(LineFilterOp.CONTAINS, "x"),
                                line(LineFilterOp.NOT_CONTAINS, "y"),
                                line(LineFilterOp.MATCHES_REGEX, "z.*"),
                                line(LineFilterOp.NOT_MATCHES_REGEX, "w"),
                                line(LineFilterOp.MATCHES_PATTERN, "<_> e"),
                                line(LineFilterOp.NOT_MATCHES_PATTERN, "f <_>"))),
                Arguments.of(
                        "{app=\"a\"} |= \"x\" or \"y\" or ip(\"10.0.0.0/8\")",
                        selector(new LineFilter(
                                LineFilterOp.CONTAINS,
                                List.of(term("x"), term("y"), new LineFilterTerm("10.0.0.0/8", true))))),
                Arguments.of(
                        "{app=\"a\"} != \"x\" or \"y\"",
                        selector(line(LineFilterOp.NOT_CONTAINS, "x"), line(LineFilterOp.NOT_CONTAINS, "y"))),
                Arguments.of(
                        "{app=\"a\"} != ip(\"1.2.3.4\")",
                        selector(new LineFilter(
                                LineFilterOp.NOT_CONTAINS, List.of(new LineFilterTerm("1.2.3.4", true))))),
                // parsers
                Arguments.of(
                        "{app=\"a\"} | json | json a=\"b.c\", d | logfmt --strict --keep-empty x, y=\"z\" | logfmt",
                        selector(
                                new JsonParser(List.of()),
                                new JsonParser(List.of(new LabelExtraction("a", "b.c"), new LabelExtraction("d", "d"))),
                                new LogfmtParser(
                                        true,
                                        true,
                                        List.of(new LabelExtraction("x", "x"), new LabelExtraction("y", "z"))),
                                new LogfmtParser(false, false, List.of()))),
                Arguments.of(
                        "{app=\"a\"} | regexp \"(?P<x>\\\\d+)\" | pattern \"<ip> - <_>\" | unpack | decolorize",
                        selector(
                                new PipelineStage.RegexpParser("(?P<x>\\d+)"),
                                new PipelineStage.PatternParser("<ip> - <_>"),
                                new PipelineStage.UnpackParser(),
                                new PipelineStage.Decolorize())),
                // label filters
                Arguments.of(
                        "{app=\"a\"} | a=\"x\" | b!=\"y\" | c=~\"z\" | d!~\"w\"",
                        selector(
                                filter(new StringFilter(eq("a", "x"))),
                                filter(new StringFilter(new LabelMatcher("b", LabelMatcher.Type.NOT_EQUAL, "y"))),
                                filter(new StringFilter(new LabelMatcher("c", LabelMatcher.Type.REGEX, "z"))),
                                filter(new StringFilter(new LabelMatcher("d", LabelMatcher.Type.NOT_REGEX, "w"))))),
                Arguments.of(
                        "{app=\"a\"} | s == 200 | s = -1.5 | s != 3 | s > 4 | s >= 5 | s < 6 | s <= +7",
                        selector(
                                filter(new NumericFilter("s", ComparisonOp.EQUAL, 200)),
                                filter(new NumericFilter("s", ComparisonOp.EQUAL, -1.5)),
                                filter(new NumericFilter("s", ComparisonOp.NOT_EQUAL, 3)),
                                filter(new NumericFilter("s", ComparisonOp.GREATER, 4)),
                                filter(new NumericFilter("s", ComparisonOp.GREATER_OR_EQUAL, 5)),
                                filter(new NumericFilter("s", ComparisonOp.LESS, 6)),
                                filter(new NumericFilter("s", ComparisonOp.LESS_OR_EQUAL, 7)))),
                Arguments.of(
                        "{app=\"a\"} | d > 300ms | d <= 1h30m | d == 1.5s | b > 20MB | b < 1KiB | b = 5B",
                        selector(
                                filter(new DurationFilter("d", ComparisonOp.GREATER, Duration.ofMillis(300))),
                                filter(new DurationFilter("d", ComparisonOp.LESS_OR_EQUAL, Duration.ofMinutes(90))),
                                filter(new DurationFilter("d", ComparisonOp.EQUAL, Duration.ofMillis(1500))),
                                filter(new BytesFilter("b", ComparisonOp.GREATER, 20_000_000)),
                                filter(new BytesFilter("b", ComparisonOp.LESS, 1024)),
                                filter(new BytesFilter("b", ComparisonOp.EQUAL, 5)))),
                Arguments.of(
                        "{app=\"a\"} | ip = ip(\"10.0.0.0/8\") | addr != ip(\"::1\")",
                        selector(
                                filter(new IpFilter("ip", false, "10.0.0.0/8")),
                                filter(new IpFilter("addr", true, "::1")))),
                Arguments.of(
                        "{app=\"a\"} | a=\"1\" or b=\"2\" and c=\"3\"",
                        selector(filter(new Or(str("a", "1"), new And(str("b", "2"), str("c", "3")))))),
                Arguments.of(
                        "{app=\"a\"} | a=\"1\" and b=\"2\" or c=\"3\"",
                        selector(filter(new Or(new And(str("a", "1"), str("b", "2")), str("c", "3"))))),
                Arguments.of(
                        "{app=\"a\"} | a=\"1\", b=\"2\" or c=\"3\"",
                        selector(filter(new And(str("a", "1"), new Or(str("b", "2"), str("c", "3")))))),
                Arguments.of("{app=\"a\"} | a=\"1\" b=\"2\"", selector(filter(new And(str("a", "1"), str("b", "2"))))),
                Arguments.of(
                        "{app=\"a\"} | (a=\"1\" or b=\"2\") and c=\"3\"",
                        selector(filter(new And(new Or(str("a", "1"), str("b", "2")), str("c", "3"))))),
                Arguments.of("{app=\"a\"} | __error__=\"\"", selector(filter(new StringFilter(eq("__error__", ""))))),
                // formatting and label stages
                Arguments.of(
                        "{app=\"a\"} | line_format \"{{.x}}\" | label_format a=\"{{.b}}\", c=d",
                        selector(
                                new LineFormat("{{.x}}"),
                                new LabelFormat(List.of(
                                        new LabelFormatRule("a", "{{.b}}", false),
                                        new LabelFormatRule("c", "d", true))))),
                Arguments.of(
                        "{app=\"a\"} | drop a, b=\"v\" | keep c, d=~\"w.*\"",
                        selector(
                                new DropLabels(List.of(new NamedLabel("a", null), new NamedLabel("b", eq("b", "v")))),
                                new KeepLabels(List.of(
                                        new NamedLabel("c", null),
                                        new NamedLabel("d", new LabelMatcher("d", LabelMatcher.Type.REGEX, "w.*")))))),
                // identifiers that are also function names
                Arguments.of("{app=\"a\"} | rate=\"x\"", selector(filter(str("rate", "x")))),
                // range aggregations
                Arguments.of(
                        "rate({app=\"a\"}[5m])",
                        range(RangeOp.RATE, new LogRange(selector(), Duration.ofMinutes(5), Duration.ZERO, null))),
                Arguments.of(
                        "count_over_time({app=\"a\"}[1h] |= \"x\")",
                        range(
                                RangeOp.COUNT_OVER_TIME,
                                new LogRange(
                                        selector(line(LineFilterOp.CONTAINS, "x")),
                                        Duration.ofHours(1),
                                        Duration.ZERO,
                                        null))),
                Arguments.of(
                        "bytes_over_time(({app=\"a\"} |= \"x\")[90s] offset 1h)",
                        range(
                                RangeOp.BYTES_OVER_TIME,
                                new LogRange(
                                        selector(line(LineFilterOp.CONTAINS, "x")),
                                        Duration.ofSeconds(90),
                                        Duration.ofHours(1),
                                        null))),
                Arguments.of(
                        "sum_over_time({app=\"a\"} | logfmt | unwrap bytes(size) | __error__=\"\" [5m] offset -5m)",
                        range(
                                RangeOp.SUM_OVER_TIME,
                                new LogRange(
                                        selector(new LogfmtParser(false, false, List.of())),
                                        Duration.ofMinutes(5),
                                        Duration.ofMinutes(-5),
                                        new Unwrap(
                                                "size",
                                                Unwrap.Conversion.BYTES,
                                                List.of(new StringFilter(eq("__error__", ""))))))),
                Arguments.of(
                        "quantile_over_time(0.99, {app=\"a\"} | unwrap duration_seconds(d) [1m]) by (pod)",
                        new RangeAggregationExpr(
                                RangeOp.QUANTILE_OVER_TIME,
                                new LogRange(
                                        selector(),
                                        Duration.ofMinutes(1),
                                        Duration.ZERO,
                                        new Unwrap("d", Unwrap.Conversion.DURATION_SECONDS, List.of())),
                                0.99,
                                new Grouping(false, List.of("pod")))),
                Arguments.of(
                        "max_over_time({app=\"a\"}[5m] | json | unwrap latency) without (x)",
                        new RangeAggregationExpr(
                                RangeOp.MAX_OVER_TIME,
                                new LogRange(
                                        selector(new JsonParser(List.of())),
                                        Duration.ofMinutes(5),
                                        Duration.ZERO,
                                        new Unwrap("latency", Unwrap.Conversion.NONE, List.of())),
                                null,
                                new Grouping(true, List.of("x")))),
                Arguments.of(
                        "rate({app=\"a\"} | unwrap duration(d) [5m])",
                        range(
                                RangeOp.RATE,
                                new LogRange(
                                        selector(),
                                        Duration.ofMinutes(5),
                                        Duration.ZERO,
                                        new Unwrap("d", Unwrap.Conversion.DURATION, List.of())))),
                // vector aggregations
                Arguments.of(
                        "sum by (app) (rate({app=\"a\"}[5m]))",
                        new VectorAggregationExpr(VectorOp.SUM, rate(), new Grouping(false, List.of("app")), 0)),
                Arguments.of(
                        "SUM(rate({app=\"a\"}[5m])) WITHOUT (pod, x)",
                        new VectorAggregationExpr(VectorOp.SUM, rate(), new Grouping(true, List.of("pod", "x")), 0)),
                Arguments.of(
                        "sum by () (rate({app=\"a\"}[5m]))",
                        new VectorAggregationExpr(VectorOp.SUM, rate(), Grouping.NONE, 0)),
                Arguments.of(
                        "topk(5, rate({app=\"a\"}[5m]))",
                        new VectorAggregationExpr(VectorOp.TOPK, rate(), Grouping.NONE, 5)),
                Arguments.of(
                        "bottomk by (x) (2, rate({app=\"a\"}[5m]))",
                        new VectorAggregationExpr(VectorOp.BOTTOMK, rate(), new Grouping(false, List.of("x")), 2)),
                Arguments.of(
                        "sort_desc(rate({app=\"a\"}[5m]))",
                        new VectorAggregationExpr(VectorOp.SORT_DESC, rate(), Grouping.NONE, 0)),
                // binary operations
                Arguments.of("1 + 2 * 3 ^ 2", new LiteralExpr(19)),
                Arguments.of("2 ^ 3 ^ 2", new LiteralExpr(512)),
                Arguments.of("(1 + 2) * 3", new LiteralExpr(9)),
                Arguments.of("10 - -3", new LiteralExpr(13)),
                Arguments.of("3 > 2", new LiteralExpr(1)),
                Arguments.of(
                        "rate({app=\"a\"}[5m]) * 2 + 1",
                        binOp(BinaryOp.ADD, binOp(BinaryOp.MULTIPLY, rate(), new LiteralExpr(2)), new LiteralExpr(1))),
                Arguments.of(
                        "rate({app=\"a\"}[5m]) or rate({app=\"a\"}[5m]) and rate({app=\"a\"}[5m]) > 1",
                        binOp(
                                BinaryOp.OR,
                                rate(),
                                binOp(BinaryOp.AND, rate(), binOp(BinaryOp.GREATER, rate(), new LiteralExpr(1))))),
                Arguments.of(
                        "rate({app=\"a\"}[5m]) >= bool 3",
                        new BinOpExpr(
                                BinaryOp.GREATER_OR_EQUAL, rate(), new LiteralExpr(3), true, VectorMatching.DEFAULT)),
                Arguments.of(
                        "rate({app=\"a\"}[5m]) / on (a, b) group_left (c) rate({app=\"a\"}[5m])",
                        new BinOpExpr(
                                BinaryOp.DIVIDE,
                                rate(),
                                rate(),
                                false,
                                new VectorMatching(
                                        VectorMatching.Cardinality.MANY_TO_ONE,
                                        true,
                                        List.of("a", "b"),
                                        List.of("c")))),
                Arguments.of(
                        "rate({app=\"a\"}[5m]) - ignoring (a) group_right rate({app=\"a\"}[5m])",
                        new BinOpExpr(
                                BinaryOp.SUBTRACT,
                                rate(),
                                rate(),
                                false,
                                new VectorMatching(
                                        VectorMatching.Cardinality.ONE_TO_MANY, false, List.of("a"), List.of()))),
                Arguments.of(
                        "rate({app=\"a\"}[5m]) unless ignoring () rate({app=\"a\"}[5m])",
                        binOp(BinaryOp.UNLESS, rate(), rate())),
                // functions and literals
                Arguments.of(
                        "label_replace(rate({app=\"a\"}[5m]), \"dst\", \"$1\", \"src\", \"(.*)\")",
                        new LabelReplaceExpr(rate(), "dst", "$1", "src", "(.*)")),
                Arguments.of("vector(1)", new VectorExpr(1)),
                Arguments.of("-3.5", new LiteralExpr(-3.5)),
                Arguments.of("1e3", new LiteralExpr(1000)),
                Arguments.of("vector(1) + vector(2)", binOp(BinaryOp.ADD, new VectorExpr(1), new VectorExpr(2))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    void parsesToLokisTree(String query, Expr expected) {
        Expr parsed = LogqlParser.parse(query);

        assertThat(parsed).isEqualTo(expected);
        assertThat(LogqlParser.parse(LogqlPrinter.print(parsed))).isEqualTo(expected);
    }

    @Test
    void divisionOfLiteralsByZeroFoldsToNaNAsInLoki() {
        assertThat(LogqlParser.parse("1 / 0")).isEqualTo(new LiteralExpr(Double.NaN));
        assertThat(LogqlParser.parse("5 % 0")).isEqualTo(new LiteralExpr(Double.NaN));
    }

    @Test
    void classifiesLogAndMetricQueries() {
        assertThat(LogqlParser.parse("{app=\"a\"} |= \"x\"")).isInstanceOf(LogSelectorExpr.class);
        assertThat(LogqlParser.parse("rate({app=\"a\"}[1m])")).isInstanceOf(SampleExpr.class);
        assertThat(LogqlParser.parseMatchers("{app=\"a\", b!=\"c\"}"))
                .containsExactly(eq("app", "a"), new LabelMatcher("b", LabelMatcher.Type.NOT_EQUAL, "c"));
    }

    private static LabelMatcher eq(String name, String value) {
        return new LabelMatcher(name, LabelMatcher.Type.EQUAL, value);
    }

    private static StringFilter str(String name, String value) {
        return new StringFilter(eq(name, value));
    }

    private static LogSelectorExpr selector(PipelineStage... stages) {
        return new LogSelectorExpr(APP_A, List.of(stages));
    }

    private static LineFilter line(LineFilterOp op, String value) {
        return new LineFilter(op, List.of(term(value)));
    }

    private static LineFilterTerm term(String value) {
        return new LineFilterTerm(value, false);
    }

    private static LabelFilterStage filter(LabelFilter filter) {
        return new LabelFilterStage(filter);
    }

    private static RangeAggregationExpr range(RangeOp op, LogRange range) {
        return new RangeAggregationExpr(op, range, null, null);
    }

    private static RangeAggregationExpr rate() {
        return range(RangeOp.RATE, new LogRange(selector(), Duration.ofMinutes(5), Duration.ZERO, null));
    }

    private static BinOpExpr binOp(BinaryOp op, SampleExpr left, SampleExpr right) {
        return new BinOpExpr(op, left, right, false, VectorMatching.DEFAULT);
    }
}
