package io.skald.index;

import java.util.Locale;

/** How {@code /index/volume} groups bytes: per (reduced) label set, or per label name. */
public enum VolumeAggregation {
    SERIES,
    LABELS;

    /** Parses Loki's {@code aggregateBy} parameter ({@code series} or {@code labels}); empty means series. */
    public static VolumeAggregation parse(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "", "series" -> SERIES;
            case "labels" -> LABELS;
            default -> throw new IllegalArgumentException("invalid aggregateBy: " + value);
        };
    }
}
