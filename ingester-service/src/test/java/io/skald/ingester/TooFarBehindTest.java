package io.skald.ingester;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TooFarBehindTest {

    @ParameterizedTest
    @CsvSource({
        "1754066618854444845, 2025-08-01 16:43:38.854444845 +0000 UTC, 2025-08-01T16:43:38Z",
        "1754066618000000000, 2025-08-01 16:43:38 +0000 UTC, 2025-08-01T16:43:38Z",
        "1754066618405000000, 2025-08-01 16:43:38.405 +0000 UTC, 2025-08-01T16:43:38Z",
        "0, 1970-01-01 00:00:00 +0000 UTC, 1970-01-01T00:00:00Z",
    })
    void formatsTimestampsAsGoDoes(long nanos, String goString, String rfc3339) {
        assertThat(TooFarBehind.goTime(nanos)).isEqualTo(goString);
        assertThat(TooFarBehind.rfc3339(nanos)).isEqualTo(rfc3339);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "1754066618854444845|1754205483000000000|entry with timestamp 2025-08-01 16:43:38.854444845 +0000 UTC"
                        + " ignored, reason: 'entry too far behind, entry timestamp is: 2025-08-01T16:43:38Z, oldest"
                        + " acceptable timestamp is: 2025-08-03T07:18:03Z',"
            })
    void entryLineMatchesLokisText(long entry, long cutoff, String expected) {
        assertThat(TooFarBehind.entryLine(entry, cutoff)).isEqualTo(expected);
        assertThat(TooFarBehind.summaryLine("fake", 1, 3, "{foo=\"bar\"}"))
                .isEqualTo("user 'fake', total ignored: 1 out of 3 for stream: {foo=\"bar\"}");
    }
}
