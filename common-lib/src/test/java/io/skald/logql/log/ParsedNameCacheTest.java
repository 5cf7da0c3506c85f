package io.skald.logql.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParsedNameCacheTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''|level|level",
                "''|' level '|level",
                "''|1st|_1st",
                "''|lev.el|lev_el",
                "''|h\u00e9llo|h_llo",
                "''|'  '|''",
                "request|status|request_status",
                "request|1st|request_1st",
                "request|'  '|request_",
                "a_b|c|a_b_c",
            })
    void namesAreSanitisedKeysJoinedToTheirPrefix(String prefix, String key, String expected) {
        ParsedNameCache cache = new ParsedNameCache();
        byte[] bytes = ("x" + key + "y").getBytes(StandardCharsets.UTF_8);
        // Twice: the second answer comes from the cache.
        for (int i = 0; i < 2; i++) {
            assertThat(cache.name(prefix, bytes, 1, bytes.length - 1)).isEqualTo(expected);
        }
        assertThat(ParsedNameCache.compute(prefix, key)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void manyKeysAndPrefixesNeverGetAnotherKeysName() {
        ParsedNameCache cache = new ParsedNameCache();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 5000; i++) {
                String prefix = i % 3 == 0 ? "" : "p" + (i % 7);
                byte[] key = ("k" + i).getBytes(StandardCharsets.UTF_8);
                String expected = prefix.isEmpty() ? "k" + i : prefix + "_k" + i;
                assertThat(cache.name(prefix, key, 0, key.length)).isEqualTo(expected);
            }
        }
    }
}
