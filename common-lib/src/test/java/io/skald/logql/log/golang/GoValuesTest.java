package io.skald.logql.log.golang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoValuesTest {

    @ParameterizedTest
    @CsvSource({
        "1000000, 1e+06", "123456, 123456", "1234567.8, 1.2345678e+06", "0.0001, 0.0001", "0.00001, 1e-05",
        "9.5, 9.5", "-2.25, -2.25", "100, 100", "0.1, 0.1", "3482963, 3.482963e+06"
    })
    void formatsFloatsLikePercentV(double value, String expected) {
        assertThat(GoFloat.format(value)).isEqualTo(expected);
    }

    @Test
    void parsesFloatsLikeStrconv() throws GoSyntaxException {
        assertThat(GoFloat.parse("850.5")).isEqualTo(850.5);
        assertThat(GoFloat.parse("+Inf")).isInfinite();
        assertThat(GoFloat.parse("1e3")).isEqualTo(1000);
        assertThat(GoFloat.parse("0x1p-2")).isEqualTo(0.25);
        assertThatThrownBy(() -> GoFloat.parse("1.5d"))
                .hasMessage("strconv.ParseFloat: parsing \"1.5d\": invalid syntax");
        assertThatThrownBy(() -> GoFloat.parse(" 1")).hasMessage("strconv.ParseFloat: parsing \" 1\": invalid syntax");
        assertThatThrownBy(() -> GoFloat.parse("1e400"))
                .hasMessage("strconv.ParseFloat: parsing \"1e400\": value out of range");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {
                "0",
                "-0",
                "+0",
                "007",
                "500",
                "-42",
                "+42",
                "999999999999999",
                "1234567890123456789",
                "12.5",
                "5.",
                ".5",
                "-.5",
                "+1.25",
                "0.1",
                "18446744073709551617",
                "3.14159265358979323846"
            })
    void plainDecimalsParseLikeJava(String text) throws GoSyntaxException {
        // The fast path for plain decimals must agree with the general path (Double.parseDouble), sign of zero too.
        assertThat(Double.doubleToRawLongBits(GoFloat.parse(text)))
                .as(text)
                .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"", "-", "+", ".", "1..2", "1_000", "--1", "1-", "1 "})
    void malformedDecimalsAreSyntaxErrors(String text) {
        assertThatThrownBy(() -> GoFloat.parse(text)).hasMessageContaining("invalid syntax");
    }

    @ParameterizedTest
    @CsvSource({
        "300ms, 300000000",
        "1h2m3.5s, 3723500000000",
        "0, 0",
        "-1.5h, -5400000000000",
        "16h7m40s, 58060000000000",
        "2us, 2000",
        "1µs, 1000"
    })
    void parsesDurations(String text, long nanos) throws GoSyntaxException {
        assertThat(GoDuration.parse(text)).isEqualTo(nanos);
    }

    @Test
    void durationErrorsAndPrinting() {
        assertThatThrownBy(() -> GoDuration.parse("1")).hasMessage("time: missing unit in duration \"1\"");
        assertThatThrownBy(() -> GoDuration.parse("1x")).hasMessage("time: unknown unit \"x\" in duration \"1x\"");
        assertThatThrownBy(() -> GoDuration.parse("fast")).hasMessage("time: invalid duration \"fast\"");
        assertThat(GoDuration.format(3_723_500_000_000L)).isEqualTo("1h2m3.5s");
        assertThat(GoDuration.format(300_000_000L)).isEqualTo("300ms");
        assertThat(GoDuration.format(0)).isEqualTo("0s");
        assertThat(GoDuration.seconds(203_900_000L)).isEqualTo(0.2039);
    }

    @ParameterizedTest
    @CsvSource({
        "42, 42",
        "1.5 KB, 1500",
        "8KiB, 8192",
        "2.3GiB, 2469606195",
        "'1,024 kib', 1048576",
        "426MiB, 446693376"
    })
    void parsesByteSizes(String text, long bytes) throws GoSyntaxException {
        assertThat(HumanBytes.parse(text)).isEqualTo(bytes);
    }

    @Test
    void byteSizeErrorsAndLokiRoundTrip() {
        assertThatThrownBy(() -> HumanBytes.parse("12 parsecs")).hasMessage("unhandled size name: parsecs");
        assertThat(HumanBytes.format(8192)).isEqualTo("8.2 kB");
        assertThat(HumanBytes.format(7)).isEqualTo("7 B");
        assertThat(HumanBytes.format(123_456_789)).isEqualTo("124 MB");
        assertThat(HumanBytes.format(122_500_000)).isEqualTo("122 MB");
        assertThat(HumanBytes.lokiQueryRoundTrip(8192)).isEqualTo(8200);
        assertThat(HumanBytes.lokiQueryRoundTrip(1L << 30)).isEqualTo(1_100_000_000L);
    }
}
