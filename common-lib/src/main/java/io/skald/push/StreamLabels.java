package io.skald.push;

import io.skald.labels.Labels;
import org.jspecify.annotations.Nullable;

/** The outcome of parsing a stream's label text: a label set, or the parser's error. */
public sealed interface StreamLabels {

    /**
     * Parsed labels, sorted, with empty values dropped (as Loki does). {@code pairCount} counts the non-empty pairs as
     * written, duplicates included; {@code duplicateName} is the first duplicated name in sorted order, if any.
     */
    record Valid(Labels labels, int pairCount, @Nullable String duplicateName) implements StreamLabels {}

    /** Text that is not a label set; {@code error} is the parser's message, e.g. {@code 1:5: parse error: ...}. */
    record Invalid(String error) implements StreamLabels {}
}
