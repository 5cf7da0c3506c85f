package io.skald.logql.syntax;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Invalid queries fail with the message Loki gives for them (from Loki's parser tests and grammar). */
class LogqlParseErrorTest {

    static Stream<Arguments> invalidQueries() {
        return Stream.of(
                Arguments.of(
                        "unk({ foo = \"bar\" }[5m])",
                        "parse error at line 1, col 1: syntax error: unexpected IDENTIFIER"),
                Arguments.of(
                        "absent_over_time({ foo = \"bar\" }[5h]) by (foo)",
                        "parse error : grouping not allowed for absent_over_time aggregation"),
                Arguments.of(
                        "rate({ foo = \"bar\" }[m5])",
                        "parse error at line 0, col 21: not a valid duration string: \"m5\""),
                Arguments.of(
                        "rate({ foo = \"bar\" }[5)", "parse error at line 0, col 21: missing closing ']' in duration"),
                Arguments.of(
                        "label_replace(rate({ foo = \"bar\" }[5m]),\"\")",
                        "parse error at line 1, col 43: syntax error: unexpected ), expecting ,"),
                Arguments.of(
                        "label_replace(rate({ foo = \"bar\" }[5m]),\"foo\",\"$1\",\"bar\",\"^^^^x43\\\\q\")",
                        "parse error : invalid regex in label_replace: error parsing regexp: invalid escape sequence: `\\q`"),
                Arguments.of(
                        "min({ foo = \"bar\" }[5m])", "parse error at line 0, col 20: syntax error: unexpected RANGE"),
                Arguments.of(
                        "sum_over_time({app=\"foo\"} |= \"bar\" | json [5m])",
                        "parse error : invalid aggregation sum_over_time without unwrap"),
                Arguments.of(
                        "quantile_over_time({app=\"foo\"} | unwrap x [5m])",
                        "parse error : parameter required for operation quantile_over_time"),
                Arguments.of(
                        "rate(0.5, {app=\"foo\"}[5m])", "parse error : parameter 0.5 not supported for operation rate"),
                Arguments.of("topk(rate({app=\"foo\"}[5m]))", "parse error : parameter required for operation topk"),
                Arguments.of(
                        "topk(0, rate({app=\"foo\"}[5m]))",
                        "parse error : invalid parameter (must be greater than 0) topk(0"),
                Arguments.of("topk(1.5, rate({app=\"foo\"}[5m]))", "parse error : invalid parameter topk(1.5,"),
                Arguments.of(
                        "sum(2, rate({app=\"foo\"}[5m]))", "parse error : unsupported parameter for operation sum(2,"),
                Arguments.of(
                        "sort by (a) (rate({app=\"foo\"}[5m]))",
                        "parse error : sort and sort_desc doesn't allow grouping by "),
                Arguments.of(
                        "{app=\"foo\"} + 1",
                        "parse error : unexpected type for left leg of binary operation (+): *syntax.MatchersExpr"),
                Arguments.of(
                        "1 and rate({app=\"foo\"}[5m])",
                        "parse error : unexpected literal for left leg of logical/set binary operation (and): 1.000000"),
                Arguments.of(
                        "{app=\"foo\"",
                        "parse error at line 1, col 11: syntax error: unexpected $end, expecting } or ,"),
                Arguments.of(
                        "{app}",
                        "parse error at line 1, col 5: syntax error: unexpected }, expecting = or =~ or !~ or !="),
                Arguments.of(
                        "{,}", "parse error at line 1, col 2: syntax error: unexpected ,, expecting IDENTIFIER or }"),
                Arguments.of("{app=\"a}", "parse error at line 1, col 6: literal not terminated"),
                Arguments.of("{app=\"\\q\"}", "parse error at line 1, col 6: invalid char escape"),
                Arguments.of(
                        "{app=\"a\"} |= 5",
                        "parse error at line 1, col 14: syntax error: unexpected NUMBER, expecting STRING or ip"),
                Arguments.of(
                        "{app=\"a\"} | regexp \"x\"",
                        "parse error : invalid regexp parser: at least one named capture must be supplied"),
                Arguments.of(
                        "{app=\"a\"} | regexp \"(x)\"",
                        "parse error : invalid regexp parser: invalid extracted label name ''"),
                Arguments.of(
                        "{app=\"a\"} | pattern \"foo\"",
                        "parse error : invalid pattern parser: at least one capture is required"),
                Arguments.of(
                        "{app=\"a\"} | pattern \"<a><b>\"",
                        "parse error : invalid pattern parser: found consecutive capture: invalid expression"),
                Arguments.of(
                        "{app=\"a\"} | label_format a=\"x\", a=\"y\"",
                        "parse error : stage '| label_format a=\"x\",a=\"y\"' : multiple label name 'a' appears in formatting"),
                Arguments.of(
                        "{app=\"a\"} | label_format a=\"{{.x\" |= \"x\" | json |~ \"(\" | line_format \"{{\"",
                        "parse error : stage '|= \"x\" |~ \"(\"' : error parsing regexp: missing closing ): `(`"),
                Arguments.of(
                        "{app=\"a\"} | line_format \"a\\n{{.b\" |~ \"(\"",
                        "parse error : stage '| line_format \"a\\n{{.b\"' : invalid line template: template: line:2: unclosed action"),
                Arguments.of(
                        "{app=\"a\"} |= \"x\" |~ \"(\" | json",
                        "parse error : stage '|= \"x\" |~ \"(\"' : error parsing regexp: missing closing ): `(`"),
                Arguments.of(
                        "{app=\"a\"} | json | x=~\"[a\"",
                        "parse error : error parsing regexp: missing closing ]: `[a`"),
                Arguments.of(
                        "{app=~\"a**\"}",
                        "parse error : error parsing regexp: invalid nested repetition operator: `**`"),
                Arguments.of(
                        "{app=~\"*a\"}",
                        "parse error : error parsing regexp: missing argument to repetition operator: `*`"),
                Arguments.of(
                        "{app=~\"(?=a)\"}",
                        "parse error : error parsing regexp: invalid or unsupported Perl syntax: `(?=`"),
                Arguments.of("{app=~\"a)\"}", "parse error : error parsing regexp: unexpected ): `a)`"),
                Arguments.of("{app=~\"\\\\1\"}", "parse error : error parsing regexp: invalid escape sequence: `\\1`"),
                Arguments.of(
                        "{app=~\"a{1001}\"}", "parse error : error parsing regexp: invalid repeat count: `{1001}`"),
                Arguments.of(
                        "{app=~\"z-a\", b=~\"[z-a]\"}",
                        "parse error : error parsing regexp: invalid character class range: `z-a`"),
                Arguments.of(
                        "rate({app=\"a\"} | json | unwrap [5m])",
                        "parse error at line 0, col 32: syntax error: unexpected RANGE, expecting IDENTIFIER or BYTES_CONV or DURATION_CONV or DURATION_SECONDS_CONV"),
                Arguments.of("sum by app (x)", "parse error at line 1, col 1: syntax error: unexpected IDENTIFIER"),
                Arguments.of(
                        "sum(rate({app=\"a\"}[5m])) by app",
                        "parse error at line 1, col 29: syntax error: unexpected IDENTIFIER, expecting ("),
                Arguments.of(
                        "rate(x)",
                        "parse error at line 1, col 6: syntax error: unexpected IDENTIFIER, expecting NUMBER or { or ("),
                Arguments.of(
                        "quantile_over_time(0.5, x)",
                        "parse error at line 1, col 25: syntax error: unexpected IDENTIFIER, expecting { or ("),
                Arguments.of(
                        "{app=\"a\"} |= ip(\"x\")", "parse error : stage '|= ip(\"x\")' : ip: invalid pattern: \"x\""),
                Arguments.of(
                        "{app=\"a\"} |~ ip(\"1.2.3.4\")",
                        "parse error : stage '|~ ip(\"1.2.3.4\")' : ip: invalid operation"),
                Arguments.of(
                        "{app=\"a\"} | logfmt | addr = ip(\"1.2.3\")",
                        "parse error : stage '| addr=ip(\"1.2.3\")' : ip: invalid pattern: \"1.2.3\""),
                // Loki reports errors kept in nodes only after a successful parse, top-down and left to right.
                Arguments.of(
                        "sum_over_time({a=\"b\"}[5m]) +",
                        "parse error at line 1, col 29: syntax error: unexpected $end"),
                Arguments.of(
                        "rate({a=\"\"}[5m]) + sum_over_time({a=\"b\"}[5m])",
                        "parse error : queries require at least one regexp or equality matcher that does not have an"
                                + " empty-compatible value. For instance, app=~\".*\" does not meet this requirement,"
                                + " but app=~\".+\" will"),
                Arguments.of(
                        "sum_over_time({a=\"b\"}[5m]) + rate({a=\"\"}[5m])",
                        "parse error : invalid aggregation sum_over_time without unwrap"),
                Arguments.of(
                        "topk(0, sum_over_time({a=\"b\"}[5m]))",
                        "parse error : invalid parameter (must be greater than 0) topk(0"),
                Arguments.of(
                        "1 and 2",
                        "parse error : unexpected literal for left leg of logical/set binary operation (and): 1.000000"),
                Arguments.of(
                        "{app='x'}",
                        "parse error at line 1, col 6: syntax error: unexpected IDENTIFIER, expecting STRING"),
                Arguments.of("{app='xy'}", "parse error at line 1, col 6: invalid char literal"),
                Arguments.of(
                        "vector(x)",
                        "parse error at line 1, col 8: syntax error: unexpected IDENTIFIER, expecting NUMBER"),
                Arguments.of(
                        "{app=\"a\"} |= \"x\" or 3",
                        "parse error at line 1, col 21: syntax error: unexpected NUMBER, expecting STRING or ip"),
                Arguments.of(
                        "{app=\"a\"}\n| logfmt | x > \"3\"",
                        "parse error at line 2, col 16: syntax error: unexpected STRING"),
                Arguments.of(
                        "rate({app=\"a\"}[5m]) /", "parse error at line 1, col 22: syntax error: unexpected $end"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidQueries")
    void failsWithLokisMessage(String query, String message) {
        assertThatThrownBy(() -> LogqlParser.parse(query))
                .isInstanceOf(LogqlParseException.class)
                .hasMessage(message);
    }
}
