package io.skald.logql.log.golang;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegexpExpandTest {
    // Groups: 1 = "(a)" named "first", 2 = "(b)?" (absent in "a-c"), 3 = "(.*)".
    private static final Pattern REGEX = Pattern.compile("(a)-(b)?(.*)");
    private static final List<String> NAMES = List.of("", "first", "", "rest_1");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\'',
            value = {
                "$1-${3}x | a-cx",
                "$$1 | $1",
                "$first.$rest_1 | a.c",
                "${first}_x | a_x",
                "$first_x | ''",
                "$1x | ''",
                "$01 | ''",
                "$2 | ''",
                "$10 | ''",
                "${1 | ${1",
                "${} | ${}",
                "$-$ | $-$",
                "plain | plain",
                "$0 | a-c",
            })
    void expandsLikeGo(String template, String expected) {
        Matcher m = REGEX.matcher("a-c");
        assertThat(m.matches()).isTrue();
        StringBuilder out = new StringBuilder();
        RegexpExpand.expand(out, template, m, NAMES);
        assertThat(out.toString()).isEqualTo(expected);
    }
}
