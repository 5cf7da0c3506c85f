package io.skald.ring;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/** Random ring tokens: 32-bit unsigned values held in {@code int}s. */
public final class Tokens {
    /** The size of the token space, 2^32. */
    public static final long SPACE = 1L << 32;

    private Tokens() {}

    /** {@code count} distinct random tokens none of which is in {@code taken}, sorted in unsigned order. */
    public static List<Integer> generate(int count, Set<Integer> taken, RandomGenerator random) {
        Set<Integer> chosen = new HashSet<>(count * 2);
        while (chosen.size() < count) {
            int candidate = random.nextInt();
            if (!taken.contains(candidate)) {
                chosen.add(candidate);
            }
        }
        List<Integer> sorted = new ArrayList<>(chosen);
        sorted.sort(Integer::compareUnsigned);
        return List.copyOf(sorted);
    }

    /** The token as an unsigned value in {@code [0, 2^32)}. */
    public static long unsigned(int token) {
        return Integer.toUnsignedLong(token);
    }
}
