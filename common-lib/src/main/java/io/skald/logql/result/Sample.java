package io.skald.logql.result;

import io.skald.labels.Labels;

/** One point of an instant vector. */
public record Sample(Labels metric, long timestampMillis, double value) {}
