package io.skald.chunk;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a query requires of a line's content, for skipping blocks by their {@link ContentFilter}: every group must be
 * satisfied, and a group is satisfied when the line contains any of its needles (ASCII case folded). A positive
 * {@code |= "a" or "b"} is one group of two needles; two {@code |=} stages are two groups. A group with a needle
 * shorter than {@link ContentFilter#GRAM} bytes is dropped, since it can never rule a block out.
 */
public final class ContentQuery {
    /** Requires nothing: every block may match. */
    public static final ContentQuery ANY = new ContentQuery(List.of());

    private final List<byte[][]> groups;

    private ContentQuery(List<byte[][]> groups) {
        this.groups = groups;
    }

    /** A query from needle groups (UTF-8 text; case does not matter to the filter). */
    public static ContentQuery of(List<List<String>> groups) {
        List<byte[][]> kept = new ArrayList<>();
        for (List<String> group : groups) {
            byte[][] needles = new byte[group.size()][];
            boolean usable = !group.isEmpty();
            for (int i = 0; i < needles.length && usable; i++) {
                needles[i] = group.get(i).getBytes(StandardCharsets.UTF_8);
                usable = needles[i].length >= ContentFilter.GRAM;
            }
            if (usable) {
                kept.add(needles);
            }
        }
        return kept.isEmpty() ? ANY : new ContentQuery(List.copyOf(kept));
    }

    /** Whether this query can never skip a block. */
    public boolean isAny() {
        return groups.isEmpty();
    }

    /** False only when the filter proves no line of the block meets the query; a missing filter always may. */
    public boolean mayMatch(@Nullable ContentFilter filter) {
        if (filter == null) {
            return true;
        }
        for (byte[][] group : groups) {
            if (!anyMayBeContained(filter, group)) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyMayBeContained(ContentFilter filter, byte[][] needles) {
        for (byte[] needle : needles) {
            if (filter.mayContain(needle)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        List<List<String>> text = new ArrayList<>();
        for (byte[][] group : groups) {
            List<String> needles = new ArrayList<>();
            for (byte[] needle : group) {
                needles.add(new String(needle, StandardCharsets.UTF_8));
            }
            text.add(needles);
        }
        return "ContentQuery" + text;
    }
}
