package io.skald.logql.result.arrow;

/** A stable sort of positions by primitive keys, without boxing: equal keys keep their original order. */
final class StableOrder {
    private StableOrder() {}

    /** The positions {@code 0..n-1} ordered by {@code keys[position]}, ascending; ties in position order. */
    static int[] byKey(long[] keys, int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int[] scratch = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int low = 0; low < n; low += 2 * width) {
                int middle = Math.min(low + width, n);
                int high = Math.min(low + 2 * width, n);
                int left = low;
                int right = middle;
                int out = low;
                while (left < middle && right < high) {
                    scratch[out++] = keys[order[right]] < keys[order[left]] ? order[right++] : order[left++];
                }
                while (left < middle) {
                    scratch[out++] = order[left++];
                }
                while (right < high) {
                    scratch[out++] = order[right++];
                }
            }
            int[] swap = order;
            order = scratch;
            scratch = swap;
        }
        return order;
    }
}
