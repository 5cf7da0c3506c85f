package io.skald.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsAndSizesTest {

    @ParameterizedTest
    @CsvSource({
        "30s, PT30S, 30s",
        "168h, PT168H, 168h0m0s",
        "1h30m, PT1H30M, 1h30m0s",
        "1.5h, PT1H30M, 1h30m0s",
        "500ms, PT0.5S, 500ms",
        "7d, PT168H, 168h0m0s",
        "1w, PT168H, 168h0m0s",
        "-1ns, PT-0.000000001S, -1ns",
        "0, PT0S, 0s",
        "2m30.5s, PT2M30.5S, 2m30.5s"
    })
    void parsesAndPrintsGoDurations(String text, Duration expected, String printed) {
        assertThat(Durations.parse(text)).isEqualTo(expected);
        assertThat(Durations.format(expected)).isEqualTo(printed);
    }

    @ParameterizedTest
    @CsvSource({"'', invalid duration", "10, missing unit", "5x, unknown unit", "h, invalid duration"})
    void rejectsBadDurations(String text, String message) {
        assertThatThrownBy(() -> Durations.parse(text)).hasMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource({
        "256kb, 256000",
        "256KB, 256000",
        "256KiB, 262144",
        "5MB, 5000000",
        "4GB, 4000000000",
        "1.5MiB, 1572864",
        "262144, 262144",
        "100 MB, 100000000"
    })
    void parsesByteSizesLikeHumanize(String text, long bytes) {
        assertThat(ByteSizes.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @CsvSource({"256000, 256kB", "262144, 256KiB", "4000000000, 4GB", "1, 1B", "0, 0B", "1500, 1500B"})
    void printsExactByteSizes(long bytes, String text) {
        assertThat(ByteSizes.format(bytes)).isEqualTo(text);
        assertThat(ByteSizes.parse(text)).isEqualTo(bytes);
    }
}
