package io.skald.logql.log;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The label names of parsed keys, looked up by the key's bytes so that a key seen before costs no decoding and no
 * allocation: {@code prefix} is the name of the enclosing JSON object ({@code ""} at the top), and the name is
 * {@link ParsedNames#sanitize} of the key, joined to a non-empty prefix with {@code _}. A fixed table whose slots hold
 * immutable entries: lookups from several threads are safe (a racing write only loses a cached name), and lines with
 * random keys cannot grow it.
 */
final class ParsedNameCache {
    private static final int SLOTS = 1024;

    private record Entry(String prefix, byte[] key, String name) {}

    private final Entry[] table = new Entry[SLOTS];

    /** The name of the key {@code d[from, to)} (raw UTF-8, no escapes) under {@code prefix}. */
    String name(String prefix, byte[] d, int from, int to) {
        int h = prefix.hashCode();
        for (int i = from; i < to; i++) {
            h = 31 * h + d[i];
        }
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        Entry e = table[slot];
        if (e != null && e.prefix.equals(prefix) && Arrays.equals(e.key, 0, e.key.length, d, from, to)) {
            return e.name;
        }
        String name = compute(prefix, new String(d, from, to - from, StandardCharsets.UTF_8));
        table[slot] = new Entry(prefix, Arrays.copyOfRange(d, from, to), name);
        return name;
    }

    /** The name of a key given as text under {@code prefix}, not cached (escaped keys are rare). */
    static String compute(String prefix, String key) {
        return prefix.isEmpty() ? ParsedNames.sanitize(key, true) : prefix + '_' + ParsedNames.sanitize(key, false);
    }
}
