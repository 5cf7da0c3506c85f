package io.skald.ring;

import io.skald.labels.Labels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/** Ring tokens and keys: 32-bit unsigned values held in {@code int}s. */
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

    /**
     * The ring key of a stream: 32-bit FNV-1 over the tenant id then the stream's canonical label string, as Loki's
     * {@code TokenFor}, so a stream lands where Loki would put it.
     */
    public static int forStream(String tenant, String labels) {
        int hash = 0x811c9dc5;
        hash = fnv1(hash, tenant);
        return fnv1(hash, labels);
    }

    /** The ring key of a stream given its label set (printed as {@code {a="1", b="2"}}). */
    public static int forStream(String tenant, Labels labels) {
        return forStream(tenant, labels.toString());
    }

    private static int fnv1(int start, String text) {
        int hash = start;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash *= 0x01000193;
            hash ^= b & 0xff;
        }
        return hash;
    }

    /** The token as an unsigned value in {@code [0, 2^32)}. */
    public static long unsigned(int token) {
        return Integer.toUnsignedLong(token);
    }
}
