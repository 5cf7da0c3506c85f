package io.skald.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.config.LimitsConfig;
import io.skald.labels.Labels;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PushValidatorTest {
    private static final long NOW = Instant.parse("2024-05-01T12:00:00Z").getEpochSecond() * 1_000_000_000L;
    private static final long SECOND = 1_000_000_000L;

    /** Loki defaults, but no service-name or level discovery so labels and metadata stay as sent. */
    private static final LimitsConfig LIMITS =
            limits(Map.of("discover_service_name", List.of(), "discover_log_levels", false));

    private final PushValidator validator = new PushValidator(new StreamLabelCache(1000));

    private static LimitsConfig limits(Map<String, Object> keys) {
        return LimitsConfig.fromYaml(keys, LimitsConfig.defaults());
    }

    private static PushRequest request(String labels, PushEntry... entries) {
        return new PushRequest(List.of(new PushStream(labels, List.of(entries))));
    }

    private static PushEntry entry(String line) {
        return new PushEntry(NOW, line);
    }

    @Test
    void validPushIsKeptWithTokensAndBytes() {
        PushRequest push = new PushRequest(List.of(
                new PushStream("{env=\"prod\", app=\"api\"}", List.of(entry("one"), entry("twö"))),
                new PushStream(
                        "{app=\"web\"}", List.of(new PushEntry(NOW, "x", List.of(new MetadataPair("trace", "abc")))))));

        ValidationResult result = validator.validate("tenant", push, LIMITS, NOW);

        assertThat(result.hasErrors()).isFalse();
        assertThat(result.errorMessage()).isEmpty();
        assertThat(result.streams()).hasSize(2);
        ValidatedStream first = result.streams().get(0);
        assertThat(first.labels()).isEqualTo(Labels.of("app", "api", "env", "prod"));
        assertThat(first.labelText()).isEqualTo("{app=\"api\", env=\"prod\"}");
        assertThat(first.token()).isEqualTo(PushTokens.tokenFor("tenant", "{app=\"api\", env=\"prod\"}"));
        assertThat(first.bytes()).isEqualTo(3 + 4);
        assertThat(result.streams().get(1).bytes()).isEqualTo(1 + 5 + 3);
        assertThat(result.validatedLines()).isEqualTo(3);
        assertThat(result.validatedBytes()).isEqualTo(16);
        assertThat(result.discardedSamples()).isEmpty();
    }

    static Stream<Arguments> streamRules() {
        String longName = "n".repeat(1025);
        String longValue = "v".repeat(2049);
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 16; i++) {
            many.append(i == 0 ? "" : ", ").append("l").append(i).append("=\"v\"");
        }
        String manyLabels = many.append('}').toString();
        return Stream.of(
                Arguments.of(
                        "{a=b}",
                        DiscardReason.INVALID_LABELS,
                        "Error parsing labels '{a=b}' with error: 1:4: parse error: unexpected character: 'b' in label"
                                + " set, expected string"),
                Arguments.of(
                        "{}", DiscardReason.MISSING_LABELS, "error at least one label pair is required per stream"),
                Arguments.of(
                        "{a=\"\"}",
                        DiscardReason.MISSING_LABELS,
                        "error at least one label pair is required per stream"),
                Arguments.of(
                        manyLabels,
                        DiscardReason.MAX_LABEL_NAMES_PER_SERIES,
                        "entry for stream '" + manyLabels + "' has 16 label names; limit 15"),
                Arguments.of(
                        "{" + longName + "=\"v\"}",
                        DiscardReason.LABEL_NAME_TOO_LONG,
                        "stream '{" + longName + "=\"v\"}' has label name too long: '" + longName + "'"),
                Arguments.of(
                        "{a=\"" + longValue + "\"}",
                        DiscardReason.LABEL_VALUE_TOO_LONG,
                        "stream '{a=\"" + longValue + "\"}' has label value too long: '" + longValue + "'"),
                Arguments.of(
                        "{a=\"1\", b=\"2\", a=\"3\"}",
                        DiscardReason.DUPLICATE_LABEL_NAMES,
                        "stream '{a=\"1\", b=\"2\", a=\"3\"}' has duplicate label name: 'a'"));
    }

    @ParameterizedTest
    @MethodSource("streamRules")
    void invalidStreamLabelsDropTheWholeStream(String labels, DiscardReason reason, String message) {
        PushRequest push = new PushRequest(List.of(
                new PushStream(labels, List.of(entry("12345"), entry("678"))),
                new PushStream("{ok=\"yes\"}", List.of(entry("kept")))));

        ValidationResult result = validator.validate("t", push, LIMITS, NOW);

        assertThat(result.errors()).containsExactly(Map.entry(message, 1));
        assertThat(result.errorMessage()).isEqualTo(message);
        assertThat(result.discardedSamples()).isEqualTo(Map.of(reason, 2L));
        assertThat(result.discardedBytes()).isEqualTo(Map.of(reason, 8L));
        assertThat(result.streams())
                .singleElement()
                .satisfies(s -> assertThat(s.labelText()).isEqualTo("{ok=\"yes\"}"));
        assertThat(reason.label()).isEqualTo(reason.name().toLowerCase(java.util.Locale.ROOT));
    }

    @Test
    void tooOldAndTooNewEntriesAreDroppedWithLokisTimestamps() {
        long tooOld = NOW - 8L * 24 * 3600 * SECOND;
        long tooNew = NOW + 11 * 60 * SECOND;
        PushRequest push = request(
                "{app=\"a\"}",
                new PushEntry(tooOld, "old"),
                new PushEntry(NOW - 6L * 24 * 3600 * SECOND, "ok-old"),
                new PushEntry(NOW + 9 * 60 * SECOND, "ok-new"),
                new PushEntry(tooNew, "new!"));

        ValidationResult result = validator.validate("t", push, LIMITS, NOW);

        String oldMessage = "entry for stream '{app=\"a\"}' has timestamp too old: 2024-04-23T12:00:00Z, oldest"
                + " acceptable timestamp is: 2024-04-24T12:00:00Z";
        String newMessage = "entry for stream '{app=\"a\"}' has timestamp too new: 2024-05-01T12:11:00Z";
        assertThat(result.errors().keySet()).containsExactly(oldMessage, newMessage);
        assertThat(result.errorMessage()).isEqualTo("1 errors like: " + oldMessage + "; 1 errors like: " + newMessage);
        assertThat(result.discardedSamples(DiscardReason.GREATER_THAN_MAX_SAMPLE_AGE))
                .isEqualTo(1);
        assertThat(result.discardedBytes(DiscardReason.GREATER_THAN_MAX_SAMPLE_AGE))
                .isEqualTo(3);
        assertThat(result.discardedSamples(DiscardReason.TOO_FAR_IN_FUTURE)).isEqualTo(1);
        assertThat(result.discardedBytes(DiscardReason.TOO_FAR_IN_FUTURE)).isEqualTo(4);
        assertThat(result.streams().get(0).entries())
                .extracting(PushEntry::line)
                .containsExactly("ok-old", "ok-new");
    }

    @Test
    void oldSamplesAreAcceptedWhenNotRejected() {
        LimitsConfig accepting = limits(Map.of("reject_old_samples", false, "discover_service_name", List.of()));
        PushRequest push = request("{app=\"a\"}", new PushEntry(0, "epoch"));

        assertThat(validator.validate("t", push, accepting, NOW).hasErrors()).isFalse();
        assertThat(validator.validate("t", push, LIMITS, NOW).hasErrors()).isTrue();
    }

    @Test
    void lineTooLongIsDroppedOrTruncated() {
        LimitsConfig small = limits(Map.of("max_line_size", 5, "discover_service_name", List.of()));
        PushRequest push = request("{app=\"a\"}", entry("12345"), entry("123456"), entry("ééé"));

        ValidationResult dropped = validator.validate("t", push, small, NOW);

        String tooLong = "Max entry size '5' bytes exceeded for stream '{app=\"a\"}' while adding an entry with"
                + " length '6' bytes";
        assertThat(dropped.errors()).containsExactly(Map.entry(tooLong, 2));
        assertThat(dropped.errorMessage()).isEqualTo("2 errors like: " + tooLong);
        assertThat(dropped.discardedSamples(DiscardReason.LINE_TOO_LONG)).isEqualTo(2);
        assertThat(dropped.discardedBytes(DiscardReason.LINE_TOO_LONG)).isEqualTo(12);

        LimitsConfig truncating =
                limits(Map.of("max_line_size", 5, "max_line_size_truncate", true, "discover_service_name", List.of()));
        ValidationResult truncated = validator.validate("t", push, truncating, NOW);

        assertThat(truncated.hasErrors()).isFalse();
        assertThat(truncated.streams().get(0).entries())
                .extracting(PushEntry::line)
                .containsExactly("12345", "12345", "éé");
        assertThat(truncated.truncatedLines()).isEqualTo(2);
        assertThat(truncated.truncatedBytes()).isEqualTo(1 + 2);
    }

    @Test
    void structuredMetadataLimits() {
        PushEntry withMeta = new PushEntry(
                NOW,
                "l",
                List.of(new MetadataPair("a", "12345"), new MetadataPair("b", "1"), new MetadataPair("c", "")));
        PushRequest push = request("{app=\"a\"}", withMeta, entry("plain"));

        LimitsConfig disallowed =
                limits(Map.of("allow_structured_metadata", false, "discover_service_name", List.of()));
        ValidationResult r1 = validator.validate("t", push, disallowed, NOW);
        assertThat(r1.errors().keySet())
                .containsExactly("stream '{app=\"a\"}' includes structured metadata, but this feature is disallowed."
                        + " Please see `limits_config.allow_structured_metadata` or contact your Loki administrator"
                        + " to enable it.");
        assertThat(r1.discardedBytes(DiscardReason.DISALLOWED_STRUCTURED_METADATA))
                .isEqualTo(1); // the line only, as Loki counts discarded bytes

        LimitsConfig tooLarge = limits(Map.of("max_structured_metadata_size", 8, "discover_service_name", List.of()));
        ValidationResult r2 = validator.validate("t", push, tooLarge, NOW);
        assertThat(r2.errors().keySet())
                .containsExactly("stream '{app=\"a\"}' has structured metadata too large: '9' bytes, limit: '8'"
                        + " bytes. Please see `limits_config.max_structured_metadata_size` or contact your Loki"
                        + " administrator to increase it.");
        assertThat(r2.discardedSamples(DiscardReason.STRUCTURED_METADATA_TOO_LARGE))
                .isEqualTo(1);

        LimitsConfig tooMany =
                limits(Map.of("max_structured_metadata_entries_count", 2, "discover_service_name", List.of()));
        ValidationResult r3 = validator.validate("t", push, tooMany, NOW);
        assertThat(r3.errors().keySet())
                .containsExactly("stream '{app=\"a\"}' has too many structured metadata labels: '3', limit: '2'."
                        + " Please see `limits_config.max_structured_metadata_entries_count` or contact your Loki"
                        + " administrator to increase it.");
        assertThat(r3.streams().get(0).entries()).extracting(PushEntry::line).containsExactly("plain");

        assertThat(validator.validate("t", push, LIMITS, NOW).hasErrors()).isFalse();
    }

    @Test
    void partialSuccessKeepsValidEntriesAndCountsEveryReason() {
        LimitsConfig small = limits(Map.of("max_line_size", 4, "discover_service_name", List.of()));
        PushRequest push = new PushRequest(List.of(
                new PushStream("{a=\"1\"}", List.of(entry("ok"), entry("too long"), new PushEntry(0, "old"))),
                new PushStream("{}", List.of(entry("orphan"))),
                new PushStream("{b=\"2\"}", List.of(entry("fine")))));

        ValidationResult result = validator.validate("t", push, small, NOW);

        assertThat(result.streams()).extracting(ValidatedStream::labelText).containsExactly("{a=\"1\"}", "{b=\"2\"}");
        assertThat(result.validatedLines()).isEqualTo(2);
        assertThat(result.totalErrors()).isEqualTo(3);
        assertThat(result.discardedSamples())
                .isEqualTo(Map.of(
                        DiscardReason.LINE_TOO_LONG, 1L,
                        DiscardReason.GREATER_THAN_MAX_SAMPLE_AGE, 1L,
                        DiscardReason.MISSING_LABELS, 1L));
        assertThat(result.errorMessage().split("; ")).hasSize(3).allMatch(part -> part.startsWith("1 errors like: "));
    }

    @Test
    void reportedMessagesAreCappedButCountsAreNot() {
        LimitsConfig small = limits(Map.of("max_line_size", 1, "discover_service_name", List.of()));
        PushEntry[] entries = new PushEntry[150];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = entry("long line " + "x".repeat(i));
        }

        ValidationResult result = validator.validate("t", request("{a=\"1\"}", entries), small, NOW);

        assertThat(result.totalErrors()).isEqualTo(150);
        assertThat(result.errors()).hasSize(100); // distinct messages (each names its line length) are capped
        assertThat(result.errors().values()).allMatch(count -> count == 1);
        assertThat(result.discardedSamples(DiscardReason.LINE_TOO_LONG)).isEqualTo(150);
        assertThat(result.streams()).isEmpty();
    }

    @Test
    void discoversServiceNameLikeLoki() {
        LimitsConfig defaults = LimitsConfig.defaults();
        PushRequest push = new PushRequest(List.of(
                new PushStream("{app=\"shop\", job=\"j\"}", List.of(entry("a"))),
                new PushStream("{container=\"c\"}", List.of(entry("b"))),
                new PushStream("{host=\"h\"}", List.of(entry("c"))),
                new PushStream("{service_name=\"mine\", app=\"x\"}", List.of(entry("d")))));

        ValidationResult result = validator.validate("t", push, defaults, NOW);

        assertThat(result.streams())
                .extracting(s -> s.labels().get(PushValidator.SERVICE_NAME))
                .containsExactly("shop", "c", "unknown_service", "mine");
        assertThat(result.streams().get(0).token())
                .isEqualTo(PushTokens.tokenFor("t", "{app=\"shop\", job=\"j\", service_name=\"shop\"}"));
    }

    @Test
    void serviceNameDoesNotCountTowardsTheLabelLimitButShowsInMessages() {
        LimitsConfig one = limits(Map.of("max_label_names_per_series", 1));
        assertThat(validator
                        .validate("t", request("{app=\"a\"}", entry("x")), one, NOW)
                        .hasErrors())
                .isFalse();

        ValidationResult result = validator.validate("t", request("{app=\"a\", env=\"e\"}", entry("x")), one, NOW);
        assertThat(result.errorMessage())
                .isEqualTo("entry for stream '{app=\"a\", env=\"e\", service_name=\"a\"}' has 2 label names; limit 1");
    }

    @Test
    void entryMessagesNameTheParsedLabelsNotTheTextAsSent() {
        LimitsConfig small = limits(Map.of("max_line_size", 1, "discover_service_name", List.of()));
        ValidationResult result = validator.validate("t", request("{ z = \"1\" , a=\"2\" }", entry("xx")), small, NOW);

        assertThat(result.errorMessage())
                .isEqualTo("Max entry size '1' bytes exceeded for stream '{a=\"2\", z=\"1\"}' while adding an entry"
                        + " with length '2' bytes");
    }

    @Test
    void discoveryMeansAnEmptyLabelSetIsNotMissingLikeLoki() {
        ValidationResult result = validator.validate("t", request("{}", entry("x")), LimitsConfig.defaults(), NOW);

        assertThat(result.hasErrors()).isFalse();
        assertThat(result.streams().get(0).labelText()).isEqualTo("{service_name=\"unknown_service\"}");
    }

    @Test
    void streamsWithoutEntriesAreSkippedEvenWithBadLabels() {
        PushRequest push = new PushRequest(List.of(new PushStream("{bad", List.of()), new PushStream("{}", List.of())));

        ValidationResult result = validator.validate("t", push, LIMITS, NOW);

        assertThat(result.hasErrors()).isFalse();
        assertThat(result.streams()).isEmpty();
    }

    @Test
    void unparsableLabelsDiscardLineAndMetadataBytes() {
        PushRequest push = request("{bad", new PushEntry(NOW, "line", List.of(new MetadataPair("k", "vv"))));

        ValidationResult result = validator.validate("t", push, LIMITS, NOW);

        assertThat(result.discardedBytes(DiscardReason.INVALID_LABELS)).isEqualTo(4 + 3);
    }

    @Test
    void structuredMetadataNamesAreNormalisedAndInvalidUtf8Dropped() {
        PushEntry entry = new PushEntry(
                NOW,
                "l",
                List.of(
                        new MetadataPair("ok_name", "v"),
                        new MetadataPair("trace.id", "abc"),
                        new MetadataPair("1st", "x\uFFFDy")));

        ValidationResult result = validator.validate("t", request("{a=\"b\"}", entry), LIMITS, NOW);

        assertThat(result.streams().get(0).entries().get(0).structuredMetadata())
                .containsExactly(
                        new MetadataPair("ok_name", "v"),
                        new MetadataPair("trace_id", "abc"),
                        new MetadataPair("key_1st", "xy"));
        PushEntry clean = new PushEntry(NOW, "l", List.of(new MetadataPair("fine", "v")));
        assertThat(PushValidator.sanitizeMetadata(clean)).isSameAs(clean);
    }

    @Test
    void detectedLevelIsAddedWhenLevelDiscoveryIsOn() {
        LimitsConfig levels = limits(Map.of("discover_service_name", List.of()));
        PushRequest push = new PushRequest(List.of(
                new PushStream(
                        "{app=\"a\"}",
                        List.of(
                                entry("{\"msg\":\"x\",\"level\":\"WARNING\"}"),
                                entry("ts=1 lvl=dbg msg=\"hello world\""),
                                new PushEntry(NOW, "plain", List.of(new MetadataPair("severity_number", "17"))),
                                new PushEntry(NOW, "l", List.of(new MetadataPair("detected_level", "mine"))),
                                entry("nothing to see"))),
                new PushStream("{app=\"b\", level=\"Crit\"}", List.of(entry("an error line")))));

        ValidationResult result = validator.validate("t", push, levels, NOW);

        assertThat(result.streams().get(0).entries())
                .extracting(
                        e -> e.structuredMetadata().get(e.structuredMetadata().size() - 1))
                .containsExactly(
                        new MetadataPair("detected_level", "warn"),
                        new MetadataPair("detected_level", "debug"),
                        new MetadataPair("detected_level", "error"),
                        new MetadataPair("detected_level", "mine"),
                        new MetadataPair("detected_level", "unknown"));
        assertThat(result.streams().get(1).entries().get(0).structuredMetadata())
                .containsExactly(new MetadataPair("detected_level", "Crit"));
        // the added metadata counts towards the bytes the rate limiter charges
        assertThat(result.streams().get(1).bytes()).isEqualTo("an error line".length() + "detected_level".length() + 4);
    }

    @Test
    void entriesWithOnlyADetectedLevelShareOneMetadataListPerLevel() {
        LimitsConfig levels = limits(Map.of("discover_service_name", List.of()));
        PushRequest push = new PushRequest(List.of(new PushStream(
                "{app=\"a\"}",
                List.of(
                        entry("level=info msg=one"),
                        entry("level=warn msg=two"),
                        entry("level=INFO msg=three"),
                        new PushEntry(NOW, "level=info msg=four", List.of(new MetadataPair("trace_id", "abc")))))));

        List<PushEntry> entries =
                validator.validate("t", push, levels, NOW).streams().get(0).entries();

        assertThat(entries.get(0).structuredMetadata())
                .containsExactly(new MetadataPair("detected_level", "info"))
                .isSameAs(entries.get(2).structuredMetadata());
        assertThat(entries.get(1).structuredMetadata()).containsExactly(new MetadataPair("detected_level", "warn"));
        assertThat(entries.get(3).structuredMetadata())
                .containsExactly(new MetadataPair("trace_id", "abc"), new MetadataPair("detected_level", "info"));
    }

    @Test
    void noDetectedLevelWhenStructuredMetadataIsDisallowed() {
        LimitsConfig noMetadata =
                limits(Map.of("discover_service_name", List.of(), "allow_structured_metadata", false));

        ValidationResult result = validator.validate("t", request("{a=\"b\"}", entry("error!")), noMetadata, NOW);

        assertThat(result.streams().get(0).entries().get(0).structuredMetadata())
                .isEmpty();
    }
}
