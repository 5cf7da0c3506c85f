package io.skald.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.labels.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every query answered from postings must equal a brute-force scan over the same random series. */
class IndexQueryPropertyTest {
    private static final int ROUNDS = 600;

    private final RandomIndex data = new RandomIndex(42, 400, 4);
    private final IndexReader reader = new IndexReader(List.of(data.write()));

    @Test
    void seriesMatchBruteForceForEveryMatcherType() {
        Random random = new Random(7);
        int nonEmpty = 0;
        for (int round = 0; round < ROUNDS; round++) {
            List<Matcher> matchers = randomMatchers(random);
            List<Labels> expected = data.series.keySet().stream()
                    .filter(l -> RandomIndex.matchesAll(matchers, l))
                    .sorted()
                    .toList();
            assertThat(reader.series(matchers, Long.MIN_VALUE, Long.MAX_VALUE))
                    .as("series for %s", matchers)
                    .isEqualTo(expected);
            if (!expected.isEmpty()) {
                nonEmpty++;
            }
        }
        // The generator must exercise non-trivial answers, not just empty sets.
        assertThat(nonEmpty).isGreaterThan(ROUNDS / 4);
    }

    @Test
    void eachMatcherTypeAloneMatchesBruteForce() {
        Random random = new Random(11);
        for (Matcher.Type type : Matcher.Type.values()) {
            for (int round = 0; round < 150; round++) {
                Matcher m;
                do {
                    m = RandomIndex.randomMatcher(random);
                } while (m.type() != type);
                Matcher matcher = m;
                List<Labels> expected = data.series.keySet().stream()
                        .filter(matcher::matches)
                        .sorted()
                        .toList();
                assertThat(reader.series(List.of(matcher), Long.MIN_VALUE, Long.MAX_VALUE))
                        .as("series for %s", matcher)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void chunkRefsMatchBruteForceOverRandomRanges() {
        Random random = new Random(99);
        for (int round = 0; round < ROUNDS; round++) {
            List<Matcher> matchers = randomMatchers(random);
            long from = random.nextInt(10_500) - 200L;
            long through = from + random.nextInt(3000);
            List<ChunkRef> expected = new ArrayList<>();
            for (Map.Entry<Labels, List<ChunkRef>> e : data.series.entrySet()) {
                if (RandomIndex.matchesAll(matchers, e.getKey())) {
                    for (ChunkRef ref : e.getValue()) {
                        if (ref.from() <= through - 1 && ref.through() >= from) {
                            expected.add(ref);
                        }
                    }
                }
            }
            expected.sort(ChunkRef.ORDER);
            assertThat(reader.chunkRefs(matchers, from, through))
                    .as("refs for %s in [%d, %d)", matchers, from, through)
                    .isEqualTo(expected);
        }
    }

    @Test
    void labelNamesAndValuesMatchBruteForce() {
        Random random = new Random(5);
        for (int round = 0; round < 300; round++) {
            List<Matcher> matchers = round % 3 == 0 ? List.of() : randomMatchers(random);
            long from = random.nextInt(10_000);
            long through = from + random.nextInt(round % 2 == 0 ? 20_000 : 800);
            TreeSet<String> names = new TreeSet<>();
            TreeSet<String> envs = new TreeSet<>();
            for (Map.Entry<Labels, List<ChunkRef>> e : data.series.entrySet()) {
                boolean inRange = e.getValue().stream().anyMatch(r -> r.overlaps(from, through));
                if (inRange && RandomIndex.matchesAll(matchers, e.getKey())) {
                    names.addAll(e.getKey().names());
                    if (e.getKey().has("env")) {
                        envs.add(e.getKey().get("env"));
                    }
                }
            }
            assertThat(reader.labelNames(from, through, matchers))
                    .as("names for %s", matchers)
                    .containsExactlyElementsOf(names);
            assertThat(reader.labelValues("env", from, through, matchers))
                    .as("env values for %s", matchers)
                    .containsExactlyElementsOf(envs);
        }
    }

    @Test
    void onlyPlainAlternativesAreTakenAsLookups() {
        assertThat(SeriesSelector.literalAlternatives("api|web|p-1")).containsExactly("api", "web", "p-1");
        assertThat(SeriesSelector.literalAlternatives("api")).containsExactly("api");
        for (String regex : new String[] {"", "a|", "|a", "a.*", "a\\|b", "(a|b)", "a+", "[ab]", "^a$", "a{2}"}) {
            assertThat(SeriesSelector.literalAlternatives(regex)).as(regex).isNull();
        }
    }

    private static List<Matcher> randomMatchers(Random random) {
        int count = 1 + random.nextInt(3);
        List<Matcher> matchers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            matchers.add(RandomIndex.randomMatcher(random));
        }
        return matchers;
    }
}
