package io.skald.index;

import java.util.List;

/** Set operations on sorted, duplicate-free arrays of series ids. */
final class Postings {
    static final int[] EMPTY = new int[0];

    private Postings() {}

    static int[] intersect(int[] a, int[] b) {
        int[] out = new int[Math.min(a.length, b.length)];
        int n = 0;
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            int x = a[i];
            int y = b[j];
            if (x < y) {
                i++;
            } else if (x > y) {
                j++;
            } else {
                out[n++] = x;
                i++;
                j++;
            }
        }
        return trim(out, n);
    }

    /** {@code a} without the ids in {@code b}. */
    static int[] subtract(int[] a, int[] b) {
        if (b.length == 0) {
            return a;
        }
        int[] out = new int[a.length];
        int n = 0;
        int j = 0;
        for (int x : a) {
            while (j < b.length && b[j] < x) {
                j++;
            }
            if (j == b.length || b[j] != x) {
                out[n++] = x;
            }
        }
        return trim(out, n);
    }

    /** Union of lists whose ids lie in {@code [0, universe)}, through a bitmap so many lists cost one pass. */
    static int[] union(List<int[]> lists, int universe) {
        if (lists.isEmpty()) {
            return EMPTY;
        }
        if (lists.size() == 1) {
            return lists.get(0);
        }
        long[] bits = new long[(universe + 63) >>> 6];
        int total = 0;
        for (int[] list : lists) {
            for (int id : list) {
                long mask = 1L << id;
                if ((bits[id >>> 6] & mask) == 0) {
                    bits[id >>> 6] |= mask;
                    total++;
                }
            }
        }
        int[] out = new int[total];
        int n = 0;
        for (int word = 0; word < bits.length; word++) {
            long w = bits[word];
            while (w != 0) {
                out[n++] = (word << 6) + Long.numberOfTrailingZeros(w);
                w &= w - 1;
            }
        }
        return out;
    }

    private static int[] trim(int[] values, int size) {
        if (size == values.length) {
            return values;
        }
        int[] out = new int[size];
        System.arraycopy(values, 0, out, 0, size);
        return out;
    }
}
