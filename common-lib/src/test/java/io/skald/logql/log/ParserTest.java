package io.skald.logql.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skald.labels.Labels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parsers, with lines and expectations taken from Loki's recorded answers in the conformance corpus. */
class ParserTest {
    private static final Labels PAYMENTS = Labels.of("app", "payments", "job", "shop/payments");

    @Test
    void jsonFlattensNestedObjectsSkipsArraysAndNulls() {
        String line = "{\"ts\":\"2026-01-05T11:52:42.799Z\",\"level\":\"info\",\"latency_ms\":149.963,\"status\":200,"
                + "\"user\":{\"id\":1441,\"name\":\"oscar\",\"tier\":\"free\"},\"card\":{\"brand\":\"visa\"},"
                + "\"ok\":true,\"coupon\":null,\"tags\":[\"3ds\",\"android\"],\"request-id\":\"ab\",\"1st\":\"x\"}";
        ProcessedEntry entry = StageRunner.run(PAYMENTS, line, new JsonParser());
        assertThat(entry).isNotNull();
        assertThat(entry.labels().labels())
                .isEqualTo(Labels.of(
                        "app",
                        "payments",
                        "job",
                        "shop/payments",
                        "ts",
                        "2026-01-05T11:52:42.799Z",
                        "level",
                        "info",
                        "latency_ms",
                        "149.963",
                        "status",
                        "200",
                        "user_id",
                        "1441",
                        "user_name",
                        "oscar",
                        "user_tier",
                        "free",
                        "card_brand",
                        "visa",
                        "ok",
                        "true",
                        "request_id",
                        "ab",
                        "_1st",
                        "x"));
        assertThat(entry.labels().parsed().has("user_id")).isTrue();
        assertThat(entry.labels().stream()).isEqualTo(PAYMENTS);
    }

    @Test
    void jsonKeyClashingWithStreamLabelGetsExtractedSuffix() {
        Labels auth = Labels.of("app", "auth", "level", "warn");
        Labels labels = StageRunner.run(auth, "{\"level\": \"warning\", \"msg\": \"login failed\"}", new JsonParser())
                .labels()
                .labels();
        assertThat(labels.get("level")).isEqualTo("warn");
        assertThat(labels.get("level_extracted")).isEqualTo("warning");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "panic: runtime error                        | Value looks like object, but can't find closing '}' symbol",
                "'{\"ts\":\"x\",\"user'                        | Malformed JSON error",
                "'{\"ts\":\"x\",\"user\":'                     | Malformed JSON error",
                "'{\"ts\":\"x\",\"user\":{'                    | Value looks like object, but can't find closing '}' symbol",
                "'{\"ts\":\"x\",\"n\":12'                      | Value is array, but can't find closing ']' symbol",
                "'{\"ts\":\"x\",\"n\":tru}'                    | Unknown value type",
                "'{\"ts\":\"x\" \"n\":1}'                      | Value looks like object, but can't find closing '}' symbol",
            })
    void jsonErrorsKeepLabelsFoundBeforeTheError(String line, String details) {
        Labels labels = StageRunner.labels(line, new JsonParser());
        assertThat(labels.get(ErrorLabels.ERROR)).isEqualTo("JSONParserErr");
        assertThat(labels.get(ErrorLabels.ERROR_DETAILS)).isEqualTo(details);
        if (line.startsWith("{")) {
            assertThat(labels.get("ts")).isEqualTo("x");
        }
    }

    @Test
    void jsonUnescapesStrings() {
        Labels labels =
                StageRunner.labels("{\"m\":\"Blocked: \\\"risk\\\" > 0.9 \\u00fc\\ud83d\\ude00\"}", new JsonParser());
        assertThat(labels.get("m")).isEqualTo("Blocked: \"risk\" > 0.9 ü😀");
    }

    @Test
    void jsonExpressionsExtractPathsAndKeepJsonOfObjects() {
        String line = "{\"user\":{\"id\":14,\"name\":\"bob\"},\"tags\":[\"a\",\"b\"],\"request-id\":\"r1\",\"n\":null}";
        JsonExpressionParser parser = new JsonExpressionParser(List.of(
                JsonExpressionParser.Extraction.of("user", "user"),
                JsonExpressionParser.Extraction.of("name", "user.name"),
                JsonExpressionParser.Extraction.of("second", "tags[1]"),
                JsonExpressionParser.Extraction.of("rid", "[\"request-id\"]"),
                JsonExpressionParser.Extraction.of("rid2", "['request-id']"),
                JsonExpressionParser.Extraction.of("missing", "nope.deeper"),
                JsonExpressionParser.Extraction.of("nothing", "n")));
        Labels labels = StageRunner.labels(line, parser);
        assertThat(labels.get("user")).isEqualTo("{\"id\":14,\"name\":\"bob\"}");
        assertThat(labels.get("name")).isEqualTo("bob");
        assertThat(labels.get("second")).isEqualTo("b");
        assertThat(labels.get("rid")).isEqualTo("r1");
        assertThat(labels.get("rid2")).isEqualTo("r1");
        assertThat(labels.get("missing")).isEmpty();
        assertThat(labels.get("nothing")).isEmpty();
        assertThat(StageRunner.labels("plain text", parser).get(ErrorLabels.ERROR))
                .isEqualTo("JSONParserErr");
    }

    @Test
    void logfmtSkipsMalformedPairsUnlessStrict() {
        String line = "ts=2026 level=info msg=\"coupon applied\" bad\"key=1 empty= bare note=\"unterminated";
        Labels lenient = StageRunner.labels(line, new LogfmtParser(false, false));
        assertThat(lenient.get("level")).isEqualTo("info");
        assertThat(lenient.get("msg")).isEqualTo("coupon applied");
        assertThat(lenient.has("empty")).isFalse();
        assertThat(lenient.has("bare")).isFalse();
        assertThat(lenient.has(ErrorLabels.ERROR)).isFalse();

        Labels keepEmpty = StageRunner.labels(line, new LogfmtParser(false, true));
        assertThat(keepEmpty.get("empty")).isEmpty();
        assertThat(keepEmpty.get("bare")).isEmpty();

        Labels strict = StageRunner.labels(line, new LogfmtParser(true, false));
        assertThat(strict.get(ErrorLabels.ERROR)).isEqualTo("LogfmtParserErr");
        assertThat(strict.get(ErrorLabels.ERROR_DETAILS)).isEqualTo("logfmt syntax error at pos 44 : unexpected '\"'");
        assertThat(strict.get("msg")).isEqualTo("coupon applied");
        assertThat(strict.has("bare")).isFalse();

        Labels unterminated = StageRunner.labels("a=1 b=\"open", new LogfmtParser(true, false));
        assertThat(unterminated.get(ErrorLabels.ERROR_DETAILS))
                .isEqualTo("logfmt syntax error at pos 12 : unterminated quoted value");
    }

    @Test
    void logfmtSanitisesKeysAndSuffixesClashes() {
        Labels cron = Labels.of("app", "cron", "job", "cron/jobs");
        Labels labels = StageRunner.run(
                        cron, "job=backup-db event=finished http.user_agent=x 9lives=1", new LogfmtParser(false, false))
                .labels()
                .labels();
        assertThat(labels.get("job")).isEqualTo("cron/jobs");
        assertThat(labels.get("job_extracted")).isEqualTo("backup-db");
        assertThat(labels.get("http_user_agent")).isEqualTo("x");
        assertThat(labels.get("_9lives")).isEqualTo("1");
    }

    @Test
    void logfmtExpressionsRenameAndAlwaysSetRequestedLabels() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("order_id", "order_id");
        params.put("d", "duration");
        params.put("lvl", "level");
        Labels labels = StageRunner.labels(
                "ts=1 level=info msg=\"cart loaded\" duration=4.9ms", new LogfmtExpressionParser(params, false, false));
        assertThat(labels.get("d")).isEqualTo("4.9ms");
        assertThat(labels.get("lvl")).isEqualTo("info");
        assertThat(labels.get("order_id")).isEmpty();
        assertThat(labels.has("msg")).isFalse();
    }

    @Test
    void regexpSetsNamedGroupsAndKeepsUnmatchedLines() {
        RegexpParser parser = new RegexpParser("\\] (?P<severity>\\w+)\\s+(?P<service_name>\\w+): (?P<opt>x)?");
        Labels labels = StageRunner.labels("[2026-01-05T10:36:50.530Z] ERROR LedgerService: failed", parser);
        assertThat(labels.get("severity")).isEqualTo("ERROR");
        assertThat(labels.get("service_name")).isEqualTo("LedgerService");
        assertThat(labels.get("opt")).isEmpty();
        assertThat(StageRunner.labels("no match here", parser)).isEqualTo(Labels.of("app", "test"));
        assertThatThrownBy(() -> new RegexpParser("(a)(b)")).hasMessage("at least one named capture must be supplied");
    }

    @Test
    void patternCapturesAndPartialMatches() {
        PatternParser parser = new PatternParser("<ip> - <user> [<_>] \"<method> <path> <proto>\" <status> <_>");
        Labels labels = StageRunner.labels(
                "10.2.0.68 - erin [05/Jan/2026:10:45:00 +0000] \"GET /api/v1/products?page=4 HTTP/1.1\" 404 41677 \"-\"",
                parser);
        assertThat(labels.get("ip")).isEqualTo("10.2.0.68");
        assertThat(labels.get("user")).isEqualTo("erin");
        assertThat(labels.get("path")).isEqualTo("/api/v1/products?page=4");
        assertThat(labels.get("status")).isEqualTo("404");

        Labels partial = StageRunner.labels("10.0.0.1 - bob no brackets", parser);
        assertThat(partial.get("ip")).isEqualTo("10.0.0.1");
        assertThat(partial.get("user")).isEqualTo("bob no brackets");
        assertThat(partial.has("method")).isFalse();

        assertThat(StageRunner.labels("x10.0.0.1 - bob", new PatternParser("1<a>")))
                .isEqualTo(Labels.of("app", "test"));
        assertThatThrownBy(() -> new PatternParser("<a><b>")).hasMessageContaining("consecutive capture");
        assertThatThrownBy(() -> new PatternParser("<_> x")).hasMessage("at least one capture is required");
    }

    @Test
    void unpackReplacesLineWithPackedEntry() {
        ProcessedEntry entry = StageRunner.run(
                Labels.of("app", "edge-proxy"),
                "{\"_entry\":\"GET /api 200 896ms\",\"upstream\":\"payments\",\"app\":\"x\",\"n\":1}",
                new UnpackParser());
        assertThat(entry.lineString()).isEqualTo("GET /api 200 896ms");
        assertThat(entry.labels().labels())
                .isEqualTo(Labels.of("app", "edge-proxy", "app_extracted", "x", "upstream", "payments"));

        ProcessedEntry notPacked = StageRunner.run("{\"upstream\":\"payments\"}", new UnpackParser());
        assertThat(notPacked.lineString()).isEqualTo("{\"upstream\":\"payments\"}");
        assertThat(notPacked.labels().labels()).isEqualTo(Labels.of("app", "test"));

        Labels error = StageRunner.labels("GET /static/js/app.js 200 69ms", new UnpackParser());
        assertThat(error.get(ErrorLabels.ERROR)).isEqualTo("JSONParserErr");
        assertThat(error.get(ErrorLabels.ERROR_DETAILS)).isEqualTo("expecting json object(6), but it is not");
    }
}
