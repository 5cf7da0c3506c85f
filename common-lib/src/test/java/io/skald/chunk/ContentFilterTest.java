package io.skald.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Property-style: a content filter never rules out a substring of its lines, and rules out most absent needles. */
class ContentFilterTest {
    private static final String ALPHABET =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 =_-\"{}:,.\n\t";

    private static ContentFilter build(int bitsPerGram, List<byte[]> lines) {
        ContentFilterBuilder builder = new ContentFilterBuilder(bitsPerGram);
        for (byte[] line : lines) {
            builder.addLine(line, 0, line.length);
        }
        byte[] bytes = builder.build();
        assertThat(bytes).isNotNull();
        return ContentFilter.wrap(bytes, 0, bytes.length);
    }

    private static List<byte[]> randomLines(Random random, int count) {
        List<byte[]> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int length = random.nextInt(300);
            byte[] line = new byte[length];
            for (int j = 0; j < length; j++) {
                // Mostly text, sometimes any byte (UTF-8 continuation bytes, NUL), as real lines may hold.
                line[j] = random.nextInt(20) == 0
                        ? (byte) random.nextInt(256)
                        : (byte) ALPHABET.charAt(random.nextInt(ALPHABET.length()));
            }
            lines.add(line);
        }
        return lines;
    }

    @ParameterizedTest(name = "{0} bits per quadgram")
    @ValueSource(ints = {1, 2, 4, 8, 16})
    void neverRulesOutASubstringOfALine(int bitsPerGram) {
        for (long seed = 1; seed <= 5; seed++) {
            Random random = new Random(seed * 31 + bitsPerGram);
            List<byte[]> lines = randomLines(random, 400);
            ContentFilter filter = build(bitsPerGram, lines);
            for (int probe = 0; probe < 5_000; probe++) {
                byte[] line = lines.get(random.nextInt(lines.size()));
                if (line.length < ContentFilter.GRAM) {
                    continue;
                }
                int length = ContentFilter.GRAM + random.nextInt(Math.min(40, line.length - ContentFilter.GRAM + 1));
                int from = random.nextInt(line.length - length + 1);
                byte[] needle = java.util.Arrays.copyOfRange(line, from, from + length);
                assertThat(filter.mayContain(needle))
                        .as("seed %d, needle %s", seed, new String(needle, StandardCharsets.ISO_8859_1))
                        .isTrue();
                // The filter folds ASCII case, so the needle in other case may be contained too.
                byte[] upper = needle.clone();
                for (int j = 0; j < upper.length; j++) {
                    if (upper[j] >= 'a' && upper[j] <= 'z') {
                        upper[j] = (byte) (upper[j] - ('a' - 'A'));
                    }
                }
                assertThat(filter.mayContain(upper)).isTrue();
            }
        }
    }

    @ParameterizedTest(name = "{0} bits per quadgram")
    @ValueSource(ints = {2, 4, 8})
    void rulesOutMostAbsentNeedles(int bitsPerGram) {
        Random random = new Random(7);
        List<byte[]> lines = randomLines(random, 400);
        ContentFilter filter = build(bitsPerGram, lines);
        int falsePositives = 0;
        int probes = 20_000;
        for (int i = 0; i < probes; i++) {
            // Bytes no line holds (0x80-0xBF only appear 1 in 20 × 1/4), so each quadgram is almost surely absent.
            byte[] needle = new byte[6];
            for (int j = 0; j < needle.length; j++) {
                needle[j] = (byte) (0x80 + random.nextInt(64));
            }
            if (filter.mayContain(needle)) {
                falsePositives++;
            }
        }
        // One quadgram's false positive rate is about 0.6185^bits; a 6-byte needle has 3 quadgrams to pass.
        double perGram = Math.pow(0.6185, bitsPerGram);
        double bound = Math.max(3 * Math.pow(perGram, 3) + 0.002, 0.001);
        assertThat((double) falsePositives / probes).isLessThan(bound);
    }

    @ParameterizedTest(name = "{0} bits per quadgram")
    @ValueSource(ints = {1, 4, 8})
    void sizeFollowsTheDistinctQuadgrams(int bitsPerGram) {
        byte[] line = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".getBytes(StandardCharsets.UTF_8);
        ContentFilter repetitive = build(bitsPerGram, List.of(line, line, line));
        // One distinct quadgram: the minimum array of 64 bits.
        assertThat(repetitive.sizeBytes()).isEqualTo(ContentFilter.HEADER + 8);
        List<byte[]> lines = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            lines.add(String.format(Locale.ROOT, "id=%08d", i).getBytes(StandardCharsets.UTF_8));
        }
        ContentFilter varied = build(bitsPerGram, lines);
        // Distinct quadgrams of id=00000000..id=00009999: "id=0", "d=00", "=000" and the digit windows 0000..9999.
        long distinct = 3 + 10_000;
        assertThat(varied.bits()).isBetween(distinct * bitsPerGram, distinct * bitsPerGram + 8);
        assertThat(varied.hashes()).isEqualTo(Math.max(1, (int) Math.round(bitsPerGram * Math.log(2))));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "a", "ab", "abc"})
    void needlesShorterThanAQuadgramAlwaysMayBeContained(String needle) {
        ContentFilter filter = build(4, List.of("xyzw".getBytes(StandardCharsets.UTF_8)));
        assertThat(filter.mayContain(needle.getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(filter.mayContain("abcd".getBytes(StandardCharsets.UTF_8))).isFalse();
    }
}
