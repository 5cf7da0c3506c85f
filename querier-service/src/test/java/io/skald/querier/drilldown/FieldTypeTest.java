package io.skald.querier.drilldown;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldTypeTest {
    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "42|INT",
                "-7|INT",
                "+7|INT",
                "9223372036854775807|INT",
                "9223372036854775808|FLOAT", // beyond int64: ParseInt fails, ParseFloat takes it
                "3.14|FLOAT",
                "1e5|FLOAT",
                ".5|FLOAT",
                "Inf|FLOAT",
                "NaN|FLOAT",
                "0x1p-2|FLOAT",
                "1e400|STRING", // out of float64 range; go-humanize reads 1 and the unknown unit e400
                "true|BOOLEAN",
                "F|BOOLEAN",
                "TRUE|BOOLEAN",
                "yes|STRING",
                "300ms|DURATION",
                "1h2m3.5s|DURATION",
                "-1.5h|DURATION",
                "2µs|DURATION",
                "5m|DURATION", // minutes win over megabytes
                "5MB|BYTES",
                "5 MB|BYTES",
                "10KiB|BYTES",
                "1,024|BYTES",
                "1.5gb|BYTES",
                "MB|STRING",
                "5 apples|STRING",
                "GET|STRING",
                "''|STRING",
            })
    void detectsTypesAsLokiDoes(String value, FieldType expected) {
        assertThat(FieldType.detect(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} bytes print as {1}")
    @CsvSource(
            delimiter = '|',
            value = {"7|7 B", "10|10 B", "1000|1.0 kB", "1500|1.5 kB", "10240|10 kB", "20000000|20 MB", "12500|12 kB"})
    void formatsBytesLikeGoHumanize(long bytes, String expected) {
        assertThat(GoBytes.format(bytes)).isEqualTo(expected);
    }
}
