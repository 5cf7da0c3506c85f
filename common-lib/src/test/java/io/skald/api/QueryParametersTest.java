package io.skald.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skald.server.LokiHttpException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryParametersTest {

    @ParameterizedTest
    @CsvSource({
        "1767607200, 1767607200000000000",
        "1767607200.000, 1767607200000000000",
        "1767607200.5, 1767607200500000000",
        "1767607200.1234, 1767607200123000000",
        "1767607200000000000, 1767607200000000000",
        "2026-01-05T10:00:00Z, 1767607200000000000",
        "2026-01-05T10:00:00.25+00:00, 1767607200250000000"
    })
    void acceptsEveryTimeFormatLokiDoes(String text, long nanos) {
        assertThat(QueryParameters.parseTime(text, "start", 0)).isEqualTo(nanos);
    }

    @Test
    void aQueryThatDoesNotParseIsA400WithLokisText() {
        assertThat(QueryParameters.parseQuery("{app=\"a\"} |= \"x\"")).isNotNull();
        assertThatThrownBy(() -> QueryParameters.parseQuery("{app=}"))
                .isInstanceOfSatisfying(
                        LokiHttpException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageStartingWith("parse error at line 1, col ");
        assertThatThrownBy(() -> QueryParameters.parseQuery(null))
                .isInstanceOfSatisfying(
                        LokiHttpException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void badTimeUsesGoWording() {
        assertThatThrownBy(() -> QueryParameters.parseTime("yesterday", "start", 0))
                .isInstanceOfSatisfying(
                        LokiHttpException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessage(
                        "could not parse 'start' parameter: strconv.ParseInt: parsing \"yesterday\": invalid syntax");
    }

    @Test
    void stepsAreSecondsOrDurations() {
        assertThat(QueryParameters.parseStep("60", "step")).isEqualTo(Duration.ofSeconds(60));
        assertThat(QueryParameters.parseStep("0.5", "step")).isEqualTo(Duration.ofMillis(500));
        assertThat(QueryParameters.parseStep("2m30s", "step")).isEqualTo(Duration.ofSeconds(150));
        assertThat(QueryParameters.parseStep(null, "step")).isNull();
        assertThat(QueryParameters.defaultStep(0, 7200L * 1_000_000_000L)).isEqualTo(Duration.ofSeconds(28));
        assertThat(QueryParameters.defaultStep(0, 60L * 1_000_000_000L)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void stepAndRangeErrorsMatchLoki() {
        long start = 1767607200L * 1_000_000_000L;
        long end = 1767614400L * 1_000_000_000L;
        assertThatThrownBy(() -> QueryParameters.checkStep(Duration.ZERO, start, end))
                .hasMessage("zero or negative query resolution step widths are not accepted. Try a positive integer");
        assertThatThrownBy(() -> QueryParameters.checkStep(Duration.ofMillis(100), start, end))
                .hasMessage("exceeded maximum resolution of 11,000 points per time series."
                        + " Try increasing the value of the step parameter");
        assertThatThrownBy(() -> QueryParameters.checkRange(end, start))
                .hasMessage("end timestamp must not be before or equal to start time");
        assertThatThrownBy(() -> QueryParameters.checkQueryLength(
                        1764151200000000000L, 1767614400000000000L, Duration.ofHours(721)))
                .hasMessage("the query time range exceeds the limit (query length: 962h0m0s, limit: 30d1h)");
    }

    @Test
    void limitAndDirection() {
        assertThat(QueryParameters.parseLimit(null)).isEqualTo(100);
        assertThatThrownBy(() -> QueryParameters.parseLimit("-5")).hasMessage("limit must be a positive value");
        assertThat(QueryParameters.parseDirection("FORWARD")).isEqualTo(QueryParameters.Direction.FORWARD);
        assertThat(QueryParameters.parseDirection(null)).isEqualTo(QueryParameters.Direction.BACKWARD);
        assertThatThrownBy(() -> QueryParameters.parseDirection("sideways")).hasMessage("invalid direction 'sideways'");
        assertThatThrownBy(() -> QueryParameters.checkEntriesLimit(6000, 5000))
                .hasMessage("max entries limit per query exceeded, limit > max_entries_limit_per_query (6000 > 5000)");
    }

    @ParameterizedTest
    @CsvSource({"720h, 30d", "168h, 1w", "8760h, 1y", "90m, 1h30m", "1500ms, 1s500ms"})
    void prometheusDurations(String go, String prometheus) {
        assertThat(PrometheusDurations.format(io.skald.config.Durations.parse(go)))
                .isEqualTo(prometheus);
    }
}
