package io.skald.index;

import io.skald.labels.Labels;

/**
 * One row of a volume answer: for {@link VolumeAggregation#SERIES} the reduced label set ({@code name} is its
 * {@code {a="1"}} form), for {@link VolumeAggregation#LABELS} a label name ({@code labels} is empty).
 */
public record Volume(String name, Labels labels, long bytes) {}
