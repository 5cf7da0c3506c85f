package io.skald.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.labels.Labels;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StreamLabelParserTest {

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("{a=\"b\"}", Labels.of("a", "b")),
                Arguments.of("{b=\"2\", a=\"1\"}", Labels.of("a", "1", "b", "2")),
                Arguments.of("  { a = \"1\" ,b=\"2\", }  ", Labels.of("a", "1", "b", "2")),
                Arguments.of("{}", Labels.EMPTY),
                Arguments.of("{a=\"\", b=\"x\"}", Labels.of("b", "x")),
                Arguments.of("{a='single', b=`raw\\n`}", Labels.of("a", "single", "b", "raw\\n")),
                Arguments.of(
                        "{v=\"q\\\"b\\\\n\\n\\t\\x41\\101\\u00e9\\U0001F680\"}",
                        Labels.of("v", "q\"b\\n\n\tAAé\uD83D\uDE80")),
                Arguments.of("{_under=\"ü\", Camel9=\"x\"}", Labels.of("_under", "ü", "Camel9", "x")),
                Arguments.of("{by=\"k\", and=\"w\"}", Labels.of("by", "k", "and", "w")),
                Arguments.of("metric:name{a=\"b\"}", Labels.of("__name__", "metric:name", "a", "b")),
                Arguments.of("bare", Labels.of("__name__", "bare")));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void parsesValidLabelText(String text, Labels expected) {
        StreamLabels parsed = StreamLabelParser.parse(text);

        assertThat(parsed).isInstanceOfSatisfying(StreamLabels.Valid.class, valid -> {
            assertThat(valid.labels()).isEqualTo(expected);
            assertThat(valid.duplicateName()).isNull();
        });
    }

    @Test
    void canonicalTextParsesBackToTheSameLabels() {
        Labels labels = Labels.of("app", "a \"quoted\" \\ value\nwith newline", "env", "prod");

        assertThat(StreamLabelParser.parse(labels.toString())).isEqualTo(new StreamLabels.Valid(labels, 2, null));
    }

    @Test
    void reportsDuplicatesAndCountsThem() {
        StreamLabels parsed = StreamLabelParser.parse("{z=\"1\", b=\"1\", z=\"2\", b=\"2\", c=\"3\"}");

        assertThat(parsed).isInstanceOfSatisfying(StreamLabels.Valid.class, valid -> {
            assertThat(valid.duplicateName()).isEqualTo("b");
            assertThat(valid.pairCount()).isEqualTo(5);
        });
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("", "1:1: parse error: unexpected end of input"),
                Arguments.of("{a=\"b\"", "1:7: parse error: unexpected end of input inside braces"),
                Arguments.of("{a=b}", "1:4: parse error: unexpected character: 'b' in label set, expected string"),
                Arguments.of("{a!=\"b\"}", "1:3: parse error: unexpected character: '!' in label set, expected \"=\""),
                Arguments.of("{a=~\"b\"}", "1:3: parse error: unexpected character: '=' in label set, expected \"=\""),
                Arguments.of(
                        "{1a=\"b\"}",
                        "1:2: parse error: unexpected character: '1' in label set, expected identifier or \"}\""),
                Arguments.of("{a.b=\"c\"}", "1:3: parse error: unexpected character: '.' in label set, expected \"=\""),
                Arguments.of(
                        "{a=\"b\" c=\"d\"}",
                        "1:8: parse error: unexpected character: 'c' in label set, expected \",\" or \"}\""),
                Arguments.of("{a=\"b}", "1:4: parse error: unterminated quoted string"),
                Arguments.of("{a=\"b\\q\"}", "1:6: parse error: unknown escape sequence"),
                Arguments.of("{a=\"b\"} x", "1:9: parse error: unexpected character: 'x' expected end of input"),
                Arguments.of(
                        "{a=\"b\",\n 2=\"c\"}",
                        "2:2: parse error: unexpected character: '2' in label set," + " expected identifier or \"}\""));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void invalidTextGivesPrometheusStyleErrors(String text, String error) {
        assertThat(StreamLabelParser.parse(text)).isEqualTo(new StreamLabels.Invalid(error));
    }

    @Test
    void cacheReturnsTheSameParseAndStaysBounded() {
        StreamLabelCache cache = new StreamLabelCache(10);

        StreamLabels first = cache.parse("{a=\"b\"}");
        assertThat(cache.parse("{a=\"b\"}")).isSameAs(first);
        assertThat(cache.parse("{a=")).isInstanceOf(StreamLabels.Invalid.class);

        for (int i = 0; i < 1000; i++) {
            cache.parse("{n=\"" + i + "\"}");
        }
        assertThat(cache.size()).isLessThanOrEqualTo(10);
    }
}
