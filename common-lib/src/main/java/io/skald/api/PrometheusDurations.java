package io.skald.api;

import java.time.Duration;

/** Prints durations as Prometheus' {@code model.Duration} does: {@code 30d1h}, {@code 1w}, {@code 5m}, {@code 0s}. */
final class PrometheusDurations {
    private PrometheusDurations() {}

    static String format(Duration duration) {
        long ms = duration.toMillis();
        if (ms == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long[] units = {
            365L * 24 * 3600 * 1000, 7L * 24 * 3600 * 1000, 24L * 3600 * 1000, 3600L * 1000, 60L * 1000, 1000L, 1L
        };
        String[] names = {"y", "w", "d", "h", "m", "s", "ms"};
        for (int i = 0; i < units.length; i++) {
            // Years and weeks only when exact: 90d reads better than 12w6d.
            if (i < 2 && ms % units[i] != 0) {
                continue;
            }
            long count = ms / units[i];
            if (count > 0) {
                out.append(count).append(names[i]);
                ms -= count * units[i];
            }
        }
        return out.toString();
    }
}
