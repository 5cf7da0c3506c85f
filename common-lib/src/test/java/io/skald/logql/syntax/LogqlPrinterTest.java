package io.skald.logql.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The printer writes Loki's canonical form (what format_query answers), and that form parses to the same tree. */
class LogqlPrinterTest {

    static Stream<Arguments> canonicalForms() {
        return Stream.of(
                Arguments.of("{ app = \"a\" ,b=~\"x|y\" }", "{app=\"a\", b=~\"x|y\"}"),
                Arguments.of(
                        "{app=\"a\"} |= `\"quoted\"` |~ \"\\\\d+\"", "{app=\"a\"} |= \"\\\"quoted\\\"\" |~ \"\\\\d+\""),
                Arguments.of("{app=\"a\"} |= \"tab\\there ❌\"", "{app=\"a\"} |= \"tab\\there ❌\""),
                Arguments.of("{app=\"a\"} != \"x\" or \"y\"", "{app=\"a\"} != \"x\" != \"y\""),
                Arguments.of(
                        "{app=\"a\"} | json | status >= 400 and level=\"error\"",
                        "{app=\"a\"} | json | ( status>=400 , level=\"error\" )"),
                Arguments.of(
                        "{app=\"a\"} | logfmt | a=\"1\" or b=\"2\" c=\"3\"",
                        "{app=\"a\"} | logfmt | ( a=\"1\" or ( b=\"2\" , c=\"3\" ) )"),
                Arguments.of(
                        "{app=\"a\"} | d > 1h | d < 250ms | s == 1.50 | b > 20MB | b < 1KiB | ip = ip(\"10.0.0.0/8\")",
                        "{app=\"a\"} | d>1h0m0s | d<250ms | s==1.5 | b>20MB | b<1024B | ip=ip(\"10.0.0.0/8\")"),
                Arguments.of(
                        "{app=\"a\"} | logfmt --strict a, b=\"c\" | json x | drop a, b=\"v\" | keep c",
                        "{app=\"a\"} | logfmt --strict a=\"a\",b=\"c\" | json x=\"x\" | drop a,b=\"v\" | keep c"),
                Arguments.of(
                        "{app=\"a\"} | line_format \"{{.a}}\" | label_format x=y, z=\"{{.w}}\" | regexp \"(?P<a>.)\"",
                        "{app=\"a\"} | line_format \"{{.a}}\" | label_format x=y,z=\"{{.w}}\" | regexp \"(?P<a>.)\""),
                Arguments.of(
                        "count_over_time({app=\"a\"}[90s] offset 90s)",
                        "count_over_time({app=\"a\"}[1m30s] offset 1m30s)"),
                Arguments.of(
                        "avg_over_time({app=\"a\"} | unwrap duration(d) | __error__=\"\" [5m]) by (pod)",
                        "avg_over_time({app=\"a\"} | unwrap duration(d) | __error__=\"\"[5m]) by (pod)"),
                Arguments.of(
                        "quantile_over_time(0.99, {app=\"a\"} | unwrap x [1h])",
                        "quantile_over_time(0.99,{app=\"a\"} | unwrap x[1h])"),
                Arguments.of(
                        "topk(3, sum by (pod) (rate({app=\"a\"}[5m])))", "topk(3,sum by (pod)(rate({app=\"a\"}[5m])))"),
                Arguments.of("sum without () (rate({app=\"a\"}[5m]))", "sum without ()(rate({app=\"a\"}[5m]))"),
                Arguments.of(
                        "rate({app=\"a\"}[5m]) / on (app) rate({app=\"b\"}[5m])",
                        "(rate({app=\"a\"}[5m]) / on (app)  rate({app=\"b\"}[5m]))"),
                Arguments.of(
                        "rate({app=\"a\"}[5m]) / ignoring (env) group_left (x) rate({app=\"b\"}[5m])",
                        "(rate({app=\"a\"}[5m]) / ignoring (env) group_left (x) rate({app=\"b\"}[5m]))"),
                Arguments.of("rate({app=\"a\"}[5m]) > bool 2 * 3", "(rate({app=\"a\"}[5m]) > bool 6)"),
                Arguments.of(
                        "label_replace(rate({app=\"a\"}[5m]), \"dst\", \"$1\", \"src\", \"(.*)\")",
                        "label_replace(rate({app=\"a\"}[5m]),\"dst\",\"$1\",\"src\",\"(.*)\")"),
                Arguments.of("1000000", "1e+06"),
                Arguments.of("0.00001", "1e-05"),
                Arguments.of("-2.5", "-2.5"),
                Arguments.of("vector(0.5)", "vector(0.500000)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("canonicalForms")
    void printsLokisCanonicalForm(String query, String expected) {
        Expr parsed = LogqlParser.parse(query);
        String printed = LogqlPrinter.print(parsed);

        assertThat(printed).isEqualTo(expected);
        assertThat(LogqlParser.parse(printed)).isEqualTo(parsed);
    }
}
