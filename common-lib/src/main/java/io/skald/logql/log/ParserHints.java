package io.skald.logql.log;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The parsed labels a metric query needs (Loki's parser hints): the {@code json} and {@code logfmt} parsers given hints
 * extract only keys whose final label name (sanitised, {@code _extracted} when it clashes with a stream label) is
 * required, and skip every other key without decoding it. Matching is done on the key's bytes against the candidate
 * names, so skipped keys cost no allocation.
 *
 * <p>A key is matched against <em>candidates</em>: each required name, and for a required {@code x_extracted} also
 * {@code x} (a key {@code x} on a stream that has a label {@code x} is extracted as {@code x_extracted}). At most
 * {@link #MAX_CANDIDATES} candidates, so a set of them fits a {@code long} mask.
 */
public final class ParserHints {
    /** Candidates are tracked as bits of a long. */
    public static final int MAX_CANDIDATES = 64;

    private final Set<String> required;
    private final String[] candidates;
    private final @Nullable String[] plain;
    private final @Nullable String[] suffixed;
    private final long all;

    private ParserHints(Set<String> required, List<String> candidates) {
        this.required = Set.copyOf(required);
        this.candidates = candidates.toArray(new String[0]);
        this.plain = new String[this.candidates.length];
        this.suffixed = new String[this.candidates.length];
        for (int i = 0; i < this.candidates.length; i++) {
            String c = this.candidates[i];
            plain[i] = required.contains(c) ? c : null;
            String withSuffix = c + ParsedNames.DUPLICATE_SUFFIX;
            suffixed[i] = required.contains(withSuffix) ? withSuffix : null;
        }
        this.all = this.candidates.length == 64 ? -1L : (1L << this.candidates.length) - 1;
    }

    /** Hints for these required label names, or null when there are too many to track. */
    public static @Nullable ParserHints of(Collection<String> requiredNames) {
        Set<String> required = new LinkedHashSet<>(requiredNames);
        Set<String> candidates = new LinkedHashSet<>();
        for (String name : required) {
            candidates.add(name);
            if (name.endsWith(ParsedNames.DUPLICATE_SUFFIX)) {
                candidates.add(name.substring(0, name.length() - ParsedNames.DUPLICATE_SUFFIX.length()));
            }
        }
        // A parser never produces an empty name, nor the error labels (they are set apart).
        candidates.remove("");
        if (candidates.size() > MAX_CANDIDATES) {
            return null;
        }
        return new ParserHints(required, new ArrayList<>(candidates));
    }

    /** The required label names. */
    public Set<String> required() {
        return required;
    }

    /** The mask of every candidate: the state at the top of a line. */
    long all() {
        return all;
    }

    /**
     * The label to set for a key whose sanitised name is the candidate {@code index}: its final name when required,
     * null when the final name is not required.
     */
    @Nullable
    String target(int index, LabelsBuilder labels) {
        String c = candidates[index];
        return labels.baseHas(c) ? suffixed[index] : plain[index];
    }

    /** The candidate of {@code mask} whose length is exactly {@code length}, or -1. */
    int exact(long mask, int length) {
        long m = mask;
        while (m != 0) {
            int i = Long.numberOfTrailingZeros(m);
            if (candidates[i].length() == length) {
                return i;
            }
            m &= m - 1;
        }
        return -1;
    }

    /**
     * The candidates of {@code mask} that go on with a key: at {@code offset} they hold {@code _} (unless
     * {@code top}) then the key's sanitised form, {@code d[from, to)} being ASCII without escapes. {@link #length}
     * gives the name length after the key.
     */
    long narrow(long mask, int offset, boolean top, byte[] d, int from, int to) {
        int s = trimStart(d, from, to);
        int e = trimEnd(d, s, to);
        long out = 0;
        long m = mask;
        while (m != 0) {
            int i = Long.numberOfTrailingZeros(m);
            m &= m - 1;
            if (matches(candidates[i], offset, top, d, s, e)) {
                out |= 1L << i;
            }
        }
        return out;
    }

    private static boolean matches(String c, int offset, boolean top, byte[] d, int s, int e) {
        int p = offset;
        int n = c.length();
        if (!top) {
            if (p >= n || c.charAt(p) != '_') {
                return false;
            }
            p++;
        } else if (s < e && d[s] >= '0' && d[s] <= '9') {
            if (p >= n || c.charAt(p) != '_') {
                return false;
            }
            p++;
        }
        if (n - p < e - s) {
            return false;
        }
        for (int i = s; i < e; i++) {
            byte b = d[i];
            char mapped = isLabelChar(b) ? (char) b : '_';
            if (c.charAt(p++) != mapped) {
                return false;
            }
        }
        return true;
    }

    /** The name length after an ASCII key without escapes, as {@link #narrow} reads it. */
    static int length(int offset, boolean top, byte[] d, int from, int to) {
        int s = trimStart(d, from, to);
        int e = trimEnd(d, s, to);
        if (top) {
            return (s < e && d[s] >= '0' && d[s] <= '9' ? 1 : 0) + e - s;
        }
        return offset + 1 + e - s;
    }

    /** {@link #narrow} for a key given as text (escaped or not ASCII), sanitised with {@link ParsedNames}. */
    long narrow(long mask, int offset, boolean top, String sanitized) {
        long out = 0;
        long m = mask;
        while (m != 0) {
            int i = Long.numberOfTrailingZeros(m);
            m &= m - 1;
            String c = candidates[i];
            if (top) {
                if (c.startsWith(sanitized)) {
                    out |= 1L << i;
                }
            } else if (offset < c.length() && c.charAt(offset) == '_' && c.startsWith(sanitized, offset + 1)) {
                out |= 1L << i;
            }
        }
        return out;
    }

    /** Whether the ASCII key {@code d[from, to)} sanitises to an empty name (only spaces). */
    static boolean blank(byte[] d, int from, int to) {
        return trimStart(d, from, to) == to;
    }

    private static int trimStart(byte[] d, int from, int to) {
        int s = from;
        while (s < to && isSpace(d[s])) {
            s++;
        }
        return s;
    }

    private static int trimEnd(byte[] d, int from, int to) {
        int e = to;
        while (e > from && isSpace(d[e - 1])) {
            e--;
        }
        return e;
    }

    /** {@link Character#isWhitespace} on ASCII, which {@link String#strip} trims. */
    private static boolean isSpace(byte b) {
        return b == ' ' || (b >= 9 && b <= 13) || (b >= 28 && b <= 31);
    }

    private static boolean isLabelChar(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    @Override
    public String toString() {
        return "ParserHints" + required;
    }
}
