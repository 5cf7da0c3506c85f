package io.skald.logql.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Parser and printer against the queries and answers recorded from Loki in the conformance corpus. */
class LogqlConformanceTest {

    static Stream<String> parsableQueries() {
        List<String> failing = ConformanceCorpus.cases().stream()
                .filter(c -> c.expectedStatus() == 400 && c.expectedError().startsWith("parse error"))
                .map(ConformanceCorpus.Case::query)
                .toList();
        return ConformanceCorpus.queries().stream().filter(q -> !failing.contains(q));
    }

    @ParameterizedTest
    @MethodSource("parsableQueries")
    void printedQueryParsesToTheSameTree(String query) {
        Expr parsed = LogqlParser.parse(query);
        String printed = LogqlPrinter.print(parsed);

        assertThat(LogqlParser.parse(printed)).as(printed).isEqualTo(parsed);
        assertThat(LogqlPrinter.print(LogqlParser.parse(printed))).isEqualTo(printed);
    }

    static Stream<Arguments> parseErrorCases() {
        return ConformanceCorpus.cases().stream()
                .filter(c -> c.expectedStatus() == 400 && c.expectedError().startsWith("parse error"))
                .map(c -> Arguments.of(c.id(), c.query(), c.expectedError()));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("parseErrorCases")
    void parseErrorsAreWordedAsLoki(String id, String query, String expectedError) {
        assertThatThrownBy(() -> LogqlParser.parse(query))
                .isInstanceOf(LogqlParseException.class)
                .hasMessage(expectedError);
    }

    static Stream<Arguments> formatQueryCases() {
        return ConformanceCorpus.cases().stream()
                .filter(c -> c.endpoint().equals("/loki/api/v1/format_query") && c.expectedStatus() == 200)
                .map(c -> Arguments.of(c.query(), c.expectedBody().path("data").asString()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formatQueryCases")
    void formatQueryPrintsAsLoki(String query, String expected) {
        assertThat(LogqlPrinter.print(LogqlParser.parse(query))).isEqualTo(expected);
    }

    @Test
    void corpusHasTheExpectedCases() {
        assertThat(ConformanceCorpus.cases()).hasSize(353);
        assertThat(formatQueryCases()).hasSize(6);
        assertThat(parseErrorCases()).hasSizeGreaterThanOrEqualTo(13);
    }

    @Test
    void instantLogQueryIsRefusedWithLokisMessage() {
        ConformanceCorpus.Case instantLog = onlyCase("/loki/api/v1/query", "log queries are not supported");

        assertThat(LogqlParser.parse(instantLog.query())).isInstanceOf(LogSelectorExpr.class);
        assertThatThrownBy(() -> LogqlParser.parseInstantQuery(instantLog.query()))
                .isInstanceOf(UnsupportedQueryTypeException.class)
                .hasMessage(instantLog.expectedError());
    }

    @Test
    void seriesMatchWithAPipelineIsRefusedWithLokisMessage() {
        ConformanceCorpus.Case series = onlyCase("/loki/api/v1/series", "only label matchers");

        assertThatThrownBy(() -> LogqlParser.parseMatchers(
                        series.params().path("match[]").asString()))
                .isInstanceOf(UnsupportedQueryTypeException.class)
                .hasMessage(series.expectedError());
    }

    private static ConformanceCorpus.Case onlyCase(String endpoint, String errorPrefix) {
        List<ConformanceCorpus.Case> matching = ConformanceCorpus.cases().stream()
                .filter(c -> c.endpoint().equals(endpoint) && c.expectedError().startsWith(errorPrefix))
                .toList();
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }
}
