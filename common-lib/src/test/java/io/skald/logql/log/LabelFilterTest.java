package io.skald.logql.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.labels.Labels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelFilterTest {
    private static final LogfmtParser LOGFMT = new LogfmtParser(false, false);

    private static Labels filtered(String line, LabelFilter filter) {
        return StageRunner.labels(line, LOGFMT, filter);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "status=503           | NUMBER   | status | >=  | 500     | true",
                "status=200           | NUMBER   | status | >=  | 500     | false",
                "total=850.51         | NUMBER   | total  | >   | 850.5   | true",
                "status=200           | NUMBER   | missing| !=  | 1       | false",
                "duration=3.41s       | DURATION | duration | >= | 3s     | true",
                "duration=99ms        | DURATION | duration | >  | 100ms  | false",
                "uptime=0h32m0s       | DURATION | uptime | <   | 1h      | true",
                "mem_used=2.3GiB      | BYTES    | mem_used | >  | 2GB    | true",
                "mem_used=426MiB      | BYTES    | mem_used | >  | 1GiB   | false",
                "bytes=8626           | BYTES    | bytes  | >   | 8KiB    | true",
            })
    void typedComparisons(String line, String kind, String name, String op, String literal, boolean kept)
            throws Exception {
        Comparison comparison = switch (op) {
            case ">=" -> Comparison.GREATER_OR_EQUAL;
            case ">" -> Comparison.GREATER;
            case "<" -> Comparison.LESS;
            case "!=" -> Comparison.NOT_EQUAL;
            default -> Comparison.EQUAL;
        };
        LabelFilter filter = switch (kind) {
            case "NUMBER" -> LabelFilter.number(comparison, name, Double.parseDouble(literal));
            case "DURATION" ->
                LabelFilter.duration(comparison, name, io.skald.logql.log.golang.GoDuration.parse(literal));
            default -> LabelFilter.bytes(comparison, name, io.skald.logql.log.golang.HumanBytes.parse(literal));
        };
        assertThat(filtered(line, filter) != null).isEqualTo(kept);
    }

    @Test
    void conversionFailureKeepsTheEntryWithLabelFilterErr() {
        Labels number = filtered("status=abc", LabelFilter.number(Comparison.GREATER, "status", 1));
        assertThat(number.get(ErrorLabels.ERROR)).isEqualTo("LabelFilterErr");
        assertThat(number.get(ErrorLabels.ERROR_DETAILS))
                .isEqualTo("strconv.ParseFloat: parsing \"abc\": invalid syntax");

        Labels duration = filtered("d=fast", LabelFilter.duration(Comparison.GREATER, "d", 1));
        assertThat(duration.get(ErrorLabels.ERROR_DETAILS)).isEqualTo("time: invalid duration \"fast\"");

        Labels bytes = filtered("b=lots", LabelFilter.bytes(Comparison.GREATER, "b", 1));
        assertThat(bytes.get(ErrorLabels.ERROR_DETAILS)).isEqualTo("strconv.ParseFloat: parsing \"\": invalid syntax");
    }

    @Test
    void existingErrorIsNotOverwritten() {
        Labels labels =
                StageRunner.labels("not json", new JsonParser(), LabelFilter.number(Comparison.GREATER, "app", 1));
        assertThat(labels.get(ErrorLabels.ERROR)).isEqualTo("JSONParserErr");
    }

    @Test
    void stringFiltersTreatMissingAsEmptyAndReadErrorLabel() {
        assertThat(filtered("a=1", LabelFilter.string(MatchType.EQUAL, "coupon", "")))
                .isNotNull();
        assertThat(filtered("user=mary", LabelFilter.string(MatchType.REGEX, "user", ".*y")))
                .isNotNull();
        assertThat(filtered("user=mary", LabelFilter.string(MatchType.REGEX, "user", "ma")))
                .isNull();
        assertThat(filtered("user=mary", LabelFilter.string(MatchType.NOT_REGEX, "user", "(bob|carol)")))
                .isNotNull();
        assertThat(StageRunner.labels(
                        "oops", new JsonParser(), LabelFilter.string(MatchType.EQUAL, ErrorLabels.ERROR, "")))
                .isNull();
        assertThat(StageRunner.labels(
                        "{}", new JsonParser(), LabelFilter.string(MatchType.EQUAL, ErrorLabels.ERROR, "")))
                .isNotNull();
    }

    @Test
    void andEvaluatesBothSidesOrShortCircuits() {
        LabelFilter failingLeft = LabelFilter.string(MatchType.EQUAL, "level", "nope");
        LabelFilter erroring = LabelFilter.number(Comparison.GREATER, "level", 1);
        ProcessedEntry and = StageRunner.run("level=info", LOGFMT, LabelFilter.and(failingLeft, erroring));
        assertThat(and).isNull();

        Labels or =
                filtered("level=info", LabelFilter.or(LabelFilter.string(MatchType.EQUAL, "level", "info"), erroring));
        assertThat(or.has(ErrorLabels.ERROR)).isFalse();

        LabelFilter tree = LabelFilter.or(
                LabelFilter.and(
                        LabelFilter.number(Comparison.GREATER_OR_EQUAL, "status", 400),
                        LabelFilter.number(Comparison.LESS, "status", 500)),
                LabelFilter.string(MatchType.EQUAL, "level", "warn"));
        assertThat(filtered("status=404 level=info", tree)).isNotNull();
        assertThat(filtered("status=502 level=warn", tree)).isNotNull();
        assertThat(filtered("status=502 level=error", tree)).isNull();
    }

    @Test
    void ipLabelFilter() {
        assertThat(filtered("client_ip=10.0.27.78", LabelFilter.ip("client_ip", true, "10.0.0.0/8")))
                .isNotNull();
        assertThat(filtered("client_ip=192.168.1.1", LabelFilter.ip("client_ip", true, "10.0.0.0/8")))
                .isNull();
        assertThat(filtered("client_ip=192.168.1.1", LabelFilter.ip("client_ip", false, "10.0.0.0/8")))
                .isNotNull();
        assertThat(filtered("other=1", LabelFilter.ip("client_ip", false, "10.0.0.0/8")))
                .isNull();
    }
}
