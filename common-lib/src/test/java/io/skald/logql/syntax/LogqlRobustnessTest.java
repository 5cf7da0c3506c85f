package io.skald.logql.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Arbitrary input never escapes as anything but Loki's errors, and whatever parses also prints and re-parses. */
class LogqlRobustnessTest {
    private static final List<String> QUERY_PIECES = List.of(
            "{",
            "}",
            "(",
            ")",
            "[5m]",
            "[",
            "]",
            "app",
            "=",
            "!=",
            "=~",
            "!~",
            "\"a\"",
            "\".*\"",
            "`x`",
            ",",
            "|",
            "|=",
            "|~",
            "|>",
            "!>",
            "json",
            "logfmt",
            "--strict",
            "unwrap",
            "bytes(",
            "duration(",
            "x",
            "rate(",
            "sum",
            "by",
            "without",
            "(app)",
            "topk(",
            "5",
            "-",
            "+",
            "*",
            "/",
            "^",
            "and",
            "or",
            "unless",
            "bool",
            "on",
            "ignoring",
            "group_left",
            "offset",
            "1h",
            "20MB",
            "0.5",
            "ip(",
            "label_replace(",
            "vector(",
            "#",
            "\n",
            " ",
            "line_format",
            "label_format",
            "drop",
            "keep",
            "==",
            ">",
            ">=",
            "'c'",
            "quantile_over_time(",
            "count_over_time(",
            "sum_over_time(");

    @Test
    void randomQueriesParseOrFailWithLokisErrors() {
        Random random = new Random(42);
        int parsed = 0;
        for (int i = 0; i < 50_000; i++) {
            StringBuilder query = new StringBuilder();
            int pieces = 1 + random.nextInt(14);
            for (int p = 0; p < pieces; p++) {
                query.append(QUERY_PIECES.get(random.nextInt(QUERY_PIECES.size())));
                if (random.nextBoolean()) {
                    query.append(' ');
                }
            }
            Expr expr;
            try {
                expr = LogqlParser.parse(query.toString());
            } catch (LogqlParseException e) {
                assertThat(e.getMessage()).startsWith("parse error ");
                continue;
            }
            parsed++;
            String printed = LogqlPrinter.print(expr);
            if (!printed.contains("NaN") && !printed.contains("Inf")) {
                assertThat(LogqlParser.parse(printed))
                        .as(query + " -> " + printed)
                        .isEqualTo(expr);
            }
        }
        assertThat(parsed).isPositive();
    }

    @Test
    void randomRegexesValidateWithoutCrashing() {
        String alphabet = "ab()[]{}|*+?.^$\\-:,0123P<>=!dswpQEx_i";
        Random random = new Random(7);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder regex = new StringBuilder();
            int length = random.nextInt(10);
            for (int c = 0; c < length; c++) {
                regex.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String error = Re2.validate(regex.toString());
            if (error == null) {
                assertThat(Re2.compile(regex.toString())).isNotNull();
            } else {
                assertThat(error).startsWith("error parsing regexp: ");
            }
        }
    }
}
