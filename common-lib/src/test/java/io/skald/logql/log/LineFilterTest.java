package io.skald.logql.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LineFilterTest {

    private static boolean passes(LineFilter filter, String line) {
        return StageRunner.run(line, filter) != null;
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "contains   | München        | Zahlung in München ok | true",
                "contains   | Munchen        | Zahlung in München ok | false",
                "contains   | ''             | anything              | true",
                "notContains| refund         | refund issued         | false",
                "regex      | 'status=(4|5)\\d\\d' | a status=503 b     | true",
                "regex      | 'status=(4|5)\\d\\d' | a status=200 b     | false",
                "regex      | (?i)timeout    | upstream TIMEOUT      | true",
                "regex      | (?i)TimeOut    | no such thing         | false",
                "regex      | (?i)^panic:    | PANIC: boom           | true",
                "regex      | (?s)failed.*Caused | 'failed\nCaused by' | true",
                "regex      | x$             | 'x\n'                 | false",
                "notRegex   | '.*(healthz|metrics).*' | GET /healthz   | false",
                "pattern    | <_> level=error <_> | ts=1 level=error msg=x | true",
                "pattern    | <_> level=error <_> | ts=1 level=info msg=x  | false",
                "pattern    | <_> bar        | foo bar baz           | false",
                "pattern    | <_> baz        | foo bar baz           | true",
                "pattern    | <_> bar <_>    | ' bar '               | false",
                "notPattern | <_> NOERROR <_> | a NOERROR b          | false",
            })
    void filtersLines(String kind, String argument, String line, boolean expected) {
        LineFilter filter = switch (kind.strip()) {
            case "contains" -> LineFilter.contains(argument);
            case "notContains" -> LineFilter.notContains(argument);
            case "regex" -> LineFilter.regex(argument);
            case "notRegex" -> LineFilter.notRegex(argument);
            case "pattern" -> LineFilter.pattern(argument);
            default -> LineFilter.notPattern(argument);
        };
        assertThat(passes(filter, line)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "10.1.0.0/16          | [INFO] 10.1.2.3:53 - query    | true",
                "10.1.0.0/16          | [INFO] 10.2.2.3:53 - query    | false",
                "203.0.113.0/25       | from 203.0.113.127 ok         | true",
                "203.0.113.0/25       | from 203.0.113.128 ok         | false",
                "192.168.0.1-192.168.0.9 | x 192.168.0.5 y            | true",
                "192.168.0.1          | x 192.168.0.10 y              | false",
                "2001:db8::/32        | client 2001:db8::1 connected  | true",
                "2001:db8::/32        | client 2001:db9::1 connected  | false",
                "10.0.0.0/8           | leading 010.1.1.1 is invalid  | false",
            })
    void ipFilterFindsAddressesInLines(String pattern, String line, boolean expected) {
        assertThat(passes(LineFilter.ip(pattern), line)).isEqualTo(expected);
        assertThat(passes(LineFilter.notIp(pattern), line)).isEqualTo(!expected);
    }

    @Test
    void invalidRegexesReportGoErrors() {
        assertThatThrownBy(() -> LineFilter.regex("(unclosed"))
                .hasMessage("error parsing regexp: missing closing ): `(unclosed`");
        assertThatThrownBy(() -> LineFilter.regex("a)")).hasMessage("error parsing regexp: unexpected ): `a)`");
        assertThatThrownBy(() -> LineFilter.regex("*a"))
                .hasMessage("error parsing regexp: missing argument to repetition operator: `*`");
        assertThatThrownBy(() -> LabelMatcher.of(MatchType.REGEX, "app", "(bad"))
                .hasMessage("error parsing regexp: missing closing ): `(bad`");
    }

    @ParameterizedTest
    @CsvSource(
            delimiterString = "=>",
            value = {
                "a{ => xa{y => true",
                "a{2 => a{2 => true",
                "\\101b => Ab => true",
                "\\p{Greek}+ => αβ => true",
                "x[[:^digit:]] => x1 => false",
                "x[[:^digit:]] => xa => true",
                "a\\vb => 'a\nb' => false",
                "a$ => 'a\n' => false",
                "z??a => za => true",
            })
    void goSyntaxIsTranslated(String regex, String line, boolean expected) {
        String text = line.replace("\\n", "\n");
        assertThat(LineFilter.regex(regex).test(text.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiterString = "=>",
            value = {
                "a++ => error parsing regexp: invalid nested repetition operator: `++`",
                "{2,3}x => error parsing regexp: missing argument to repetition operator: `{2,3}`",
                "a{1001} => error parsing regexp: invalid repeat count: `{1001}`",
                "\\Z => error parsing regexp: invalid escape sequence: `\\Z`",
                "(a)\\1 => error parsing regexp: invalid escape sequence: `\\1`",
            })
    void goRejectsWhatJavaWouldAccept(String regex, String message) {
        assertThatThrownBy(() -> GoRegex.compile(regex)).hasMessage(message);
    }

    @Test
    void rawBytesTestAgreesWithEntryMatching() {
        byte[] line = "GET /api 500 in 3ms".getBytes(StandardCharsets.UTF_8);
        assertThat(LineFilter.regex("\\d{3} in").test(line)).isTrue();
        assertThat(LineFilter.not(LineFilter.contains("500")).test(line)).isFalse();
        assertThat(LineFilter.or(List.of(LineFilter.pattern("<_> 404 <_>"), LineFilter.ip("10.0.0.0/8")))
                        .test(line))
                .isFalse();
    }

    @Test
    void invalidIpPatternIsRejected() {
        assertThatThrownBy(() -> LineFilter.ip("10.0.0.0/33")).hasMessage("ip: invalid pattern: \"10.0.0.0/33\"");
    }

    @Test
    void orChainsAndNegation() {
        LineFilter any = LineFilter.or(List.of(LineFilter.contains("❌"), LineFilter.contains("zoé")));
        assertThat(passes(any, "Zustellung ❌")).isTrue();
        assertThat(passes(any, "bonjour zoé")).isTrue();
        assertThat(passes(any, "nothing")).isFalse();
        assertThat(passes(LineFilter.not(any), "nothing")).isTrue();
        assertThat(passes(LineFilter.not(any), "bonjour zoé")).isFalse();
    }

    @Test
    void requiredLiteralIsOnlyTakenWhenEveryMatchHasIt() {
        assertThat(GoRegex.compile("status=(4|5)\\d\\d").requiredLiteral()).isEqualTo("status=");
        assertThat(GoRegex.compile("\\x1b\\[(1;)?31m").requiredLiteral()).isEqualTo("31m");
        assertThat(GoRegex.compile("a|b").requiredLiteral()).isNull();
        assertThat(GoRegex.compile("abc?d").requiredLiteral()).isEqualTo("ab");
        assertThat(GoRegex.compile("(?i)abc").requiredLiteral()).isNull();
    }

    /** Random lines over a small alphabet: the filters agree with String.contains and java.util.regex. */
    @Test
    void randomLinesAgreeWithReferenceImplementations() {
        Random random = new Random(42);
        String alphabet = "abcäé €\t.x";
        for (int round = 0; round < 300; round++) {
            String needle = randomString(random, alphabet, 1 + random.nextInt(3));
            LineFilter contains = LineFilter.contains(needle);
            LineFilter notContains = LineFilter.notContains(needle);
            LineFilter regex = LineFilter.regex(
                    Pattern.quote(needle).replace("\\Q", "").replace("\\E", "").replace(".", "\\."));
            for (int i = 0; i < 20; i++) {
                String line = randomString(random, alphabet, random.nextInt(12));
                boolean expected = line.contains(needle);
                assertThat(passes(contains, line)).as("%s in %s", needle, line).isEqualTo(expected);
                assertThat(passes(notContains, line)).isEqualTo(!expected);
                assertThat(passes(regex, line))
                        .as("regex %s in %s", needle, line)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void caseInsensitiveFastPathAgreesWithRegex() {
        Random random = new Random(7);
        String alphabet = "aAbBcC-_ 9";
        for (int round = 0; round < 200; round++) {
            String needle = randomString(random, "abcABC", 1 + random.nextInt(3));
            LineFilter fast = LineFilter.regex("(?i)" + needle);
            Pattern reference = Pattern.compile("(?i)" + Pattern.quote(needle));
            for (int i = 0; i < 10; i++) {
                String line = randomString(random, alphabet, random.nextInt(10));
                assertThat(passes(fast, line)).isEqualTo(reference.matcher(line).find());
            }
        }
    }

    private static String randomString(Random random, String alphabet, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
