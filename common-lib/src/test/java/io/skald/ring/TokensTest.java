package io.skald.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.skald.labels.Labels;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TokensTest {

    @Test
    void generatesDistinctSortedTokensAvoidingTakenOnes() {
        SplittableRandom random = new SplittableRandom(42);
        List<Integer> first = Tokens.generate(512, Set.of(), random);
        List<Integer> second = Tokens.generate(512, new HashSet<>(first), random);

        assertThat(first).hasSize(512).doesNotHaveDuplicates().isSortedAccordingTo(Integer::compareUnsigned);
        assertThat(second).hasSize(512).doesNotHaveDuplicates().doesNotContainAnyElementsOf(first);
    }

    @Test
    void tokensSpreadOverTheWholeUnsignedSpace() {
        List<Integer> tokens = Tokens.generate(4096, Set.of(), new SplittableRandom(7));
        long belowHalf = tokens.stream()
                .filter(t -> Tokens.unsigned(t) < Tokens.SPACE / 2)
                .count();
        assertThat(belowHalf).isBetween(1800L, 2300L);
        assertThat(Tokens.unsigned(tokens.getLast())).isGreaterThan(Integer.MAX_VALUE);
    }

    @Test
    void randomTokensGiveEachInstanceAFairShareAndSharesSumToOne() {
        SplittableRandom random = new SplittableRandom(1);
        InMemoryRingStore store = new InMemoryRingStore("ingester");
        Set<Integer> taken = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            List<Integer> tokens = Tokens.generate(128, taken, random);
            taken.addAll(tokens);
            store.put(new InstanceDesc(
                    "ing-" + i, "h" + i + ":9095", "h" + i + ":3100", "", InstanceState.ACTIVE, tokens, 1, 1));
        }
        Ring ring = new Ring(new RingConfig("ingester", 3, Duration.ofMinutes(1), false), store, new MutableClock(1));
        ring.refresh();

        Map<String, Double> ownership = ring.ownership();

        assertThat(ownership).hasSize(4);
        assertThat(ownership.values()).allSatisfy(share -> assertThat(share).isBetween(0.17, 0.33));
        assertThat(ownership.values().stream().mapToDouble(Double::doubleValue).sum())
                .isCloseTo(1.0, within(1e-9));
    }

    @Test
    void streamKeysAreLokisFnv1OfTenantThenLabels() {
        // FNV-1 32 of "a" is 0x050c5d7e (published test vector); the tenant and labels are hashed as one string.
        assertThat(Tokens.forStream("a", "")).isEqualTo(0x050c5d7e);
        assertThat(Tokens.forStream("", "a")).isEqualTo(0x050c5d7e);
        assertThat(Tokens.unsigned(Tokens.forStream("fake", Labels.of("env", "prod", "app", "foo"))))
                .isEqualTo(4_241_122_747L)
                .isEqualTo(Tokens.unsigned(Tokens.forStream("fake", "{app=\"foo\", env=\"prod\"}")));
    }
}
