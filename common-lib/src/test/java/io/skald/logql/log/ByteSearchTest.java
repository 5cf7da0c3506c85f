package io.skald.logql.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The word-at-a-time search finds exactly what a naive search finds, at every range and length. */
class ByteSearchTest {
    @Test
    void agreesWithANaiveSearchOnRandomInputFromSmallAlphabets() {
        Random random = new Random(42);
        for (int round = 0; round < 20_000; round++) {
            // Two or three letters, including bytes whose SWAR arithmetic borrows (0x00, 0x01, 0x80, 0xFF).
            byte[] alphabet = switch (round % 4) {
                case 0 -> new byte[] {'a', 'b'};
                case 1 -> new byte[] {0, 1, 'a'};
                case 2 -> new byte[] {(byte) 0x80, (byte) 0xFF, 1};
                default -> new byte[] {'x', 'y', 'z'};
            };
            byte[] haystack = randomBytes(random, random.nextInt(40), alphabet);
            byte[] needle = randomBytes(random, random.nextInt(6), alphabet);
            int from = haystack.length == 0 ? 0 : random.nextInt(haystack.length + 1);
            int to = from + random.nextInt(haystack.length - from + 1);
            assertThat(ByteSearch.indexOf(haystack, from, to, needle))
                    .as("round %d", round)
                    .isEqualTo(naive(haystack, from, to, needle));
        }
    }

    @ParameterizedTest
    @CsvSource({
        "trace_id=deadbeefcafebabe, trace_id=deadbeefcafebabe",
        "level=info msg=ok trace_id=deadbeefcafebabf, trace_id=deadbeefcafebabe",
        "0123456789abcdef0123456789abcdef trace_id=deadbeefcafebabe tail, trace_id=deadbeefcafebabe",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab, aab",
        "ééé unicode ünïcödé, ünï",
    })
    void findsNeedlesInLines(String line, String needle) {
        byte[] haystack = line.getBytes(StandardCharsets.UTF_8);
        byte[] pattern = needle.getBytes(StandardCharsets.UTF_8);
        assertThat(ByteSearch.indexOf(haystack, pattern)).isEqualTo(naive(haystack, 0, haystack.length, pattern));
    }

    private static byte[] randomBytes(Random random, int length, byte[] alphabet) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return out;
    }

    private static int naive(byte[] haystack, int from, int to, byte[] needle) {
        outer:
        for (int i = from; i + needle.length <= to; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return needle.length == 0 && from <= to ? from : -1;
    }
}
