package io.skald.logql.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RE2 semantics on java.util.regex: where the two differ, the translation must behave like Go. */
class Re2Test {

    static Stream<Arguments> searches() {
        return Stream.of(
                // $ is the end of the text in RE2, not "before a final newline" as in Java
                Arguments.of("abc$", "abc\n", false),
                Arguments.of("abc$", "abc", true),
                Arguments.of("(?m)abc$", "abc\nx", true),
                // . does not match \n unless (?s); \r is an ordinary character
                Arguments.of("a.b", "a\nb", false),
                Arguments.of("a.b", "a\rb", true),
                Arguments.of("(?s)a.b", "a\nb", true),
                // \s has no vertical tab in RE2, \v is only the vertical tab
                Arguments.of("a\\sb", "a\u000bb", false),
                Arguments.of("a\\vb", "a\u000bb", true),
                Arguments.of("a\\vb", "a\nb", false),
                // POSIX classes, Unicode classes and scripts
                Arguments.of("^[[:digit:]]+$", "123", true),
                Arguments.of("^[[:^alpha:]]+$", "12", true),
                Arguments.of("^\\p{Greek}+$", "αβγ", true),
                Arguments.of("^\\pL+$", "größe", true),
                // RE2 treats [ and && inside a class literally
                Arguments.of("^[a[]+$", "a[a", true),
                Arguments.of("^[a&&b]+$", "a&b", true),
                // a brace that is not a repetition is a literal
                Arguments.of("a{", "xa{", true),
                Arguments.of("a{,2}", "a{,2}", true),
                Arguments.of("^a{2}$", "aa", true),
                // ungreedy flag swaps greediness
                Arguments.of("^(?U)a+?$", "aaa", true),
                // escapes
                Arguments.of("\\x41\\x{42}\\103", "ABC", true),
                Arguments.of("\\Qa.b\\E", "a.b", true),
                Arguments.of("\\Qa.b\\E", "axb", false),
                Arguments.of("(?i)^panic:", "PANIC: x", true),
                Arguments.of("\\x1b\\[(1;)?31m", "\u001b[1;31mred", true),
                Arguments.of("status=(4|5)\\d\\d", "status=503", true),
                Arguments.of("(?P<ms>[0-9.]+) ms", "took 12.5 ms", true));
    }

    @ParameterizedTest(name = "{0} ~ {1}")
    @MethodSource("searches")
    void searchesLikeGo(String regex, String input, boolean found) {
        assertThat(Re2.compile(regex).matcher(input).find()).isEqualTo(found);
    }

    @Test
    void anchoredMatchersMatchTheWholeValueAndDotMatchesNewlines() {
        assertThat(Re2.compileAnchored("a|b").matcher("a").matches()).isTrue();
        assertThat(Re2.compileAnchored("a|b").matcher("ab").matches()).isFalse();
        assertThat(Re2.compileAnchored(".*").matcher("x\ny").matches()).isTrue();
        assertThat(new LabelMatcher("a", LabelMatcher.Type.REGEX, ".*").matches(""))
                .isTrue();
        assertThat(new LabelMatcher("a", LabelMatcher.Type.REGEX, ".+").matches(""))
                .isFalse();
    }

    @Test
    void namedGroupsBecomeNumberedGroupsWithTheirNames() {
        Re2.Translation translation = Re2.translate("(?P<user_id>\\d+)-(x)-(?<lvl>\\w+)");
        assertThat(translation.groupNames()).containsExactly("user_id", "", "lvl");

        Matcher matcher = Re2.compile("(?P<user_id>\\d+)-(x)-(?<lvl>\\w+)").matcher("42-x-warn");
        assertThat(matcher.find()).isTrue();
        assertThat(List.of(matcher.group(1), matcher.group(3))).containsExactly("42", "warn");
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("(bad", "missing closing ): `(bad`"),
                Arguments.of("a)", "unexpected ): `a)`"),
                Arguments.of("[abc", "missing closing ]: `[abc`"),
                Arguments.of("x[z-a]", "invalid character class range: `z-a`"),
                Arguments.of("a\\q", "invalid escape sequence: `\\q`"),
                Arguments.of("\\8", "invalid escape sequence: `\\8`"),
                Arguments.of("a\\", "trailing backslash at end of expression: ``"),
                Arguments.of("+a", "missing argument to repetition operator: `+`"),
                Arguments.of("(|*)", "missing argument to repetition operator: `*`"),
                Arguments.of("a*+", "invalid nested repetition operator: `*+`"),
                Arguments.of("a{2}{3}", "invalid nested repetition operator: `{2}{3}`"),
                Arguments.of("a{2,1}", "invalid repeat count: `{2,1}`"),
                Arguments.of("(?!a)", "invalid or unsupported Perl syntax: `(?!`"),
                Arguments.of("(?x)", "invalid or unsupported Perl syntax: `(?x`"),
                Arguments.of("(?P<a-b>x)", "invalid named capture: `(?P<a-b>`"),
                Arguments.of("[[:foo:]]", "invalid character class range: `[:foo:]`"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejectsWhatGoRejectsWithItsMessage(String regex, String message) {
        assertThat(Re2.validate(regex)).isEqualTo("error parsing regexp: " + message);
    }

    @Test
    void acceptsValidPatterns() {
        for (String regex : List.of("", "a|", "()", "(?i)x", "(?i:x)y", "(?-s:.)", "[]a]", "[^]a]", "\\pN", "a{0}")) {
            assertThat(Re2.validate(regex)).as(regex).isNull();
        }
    }
}
