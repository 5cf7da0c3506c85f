package io.skald.logql.log;

import io.skald.labels.Labels;

/**
 * The labels of a processed entry: all of them merged ({@link #labels()}, what Loki returns by default) and split by
 * category (for the {@code categorize-labels} response flag). Error labels count as {@link LabelCategory#PARSED}.
 */
public record LabelsResult(Labels labels, Labels stream, Labels structuredMetadata, Labels parsed) {

    /** A result with stream labels only. */
    public static LabelsResult ofStream(Labels stream) {
        return new LabelsResult(stream, stream, Labels.EMPTY, Labels.EMPTY);
    }

    /** The labels of one category. */
    public Labels category(LabelCategory category) {
        return switch (category) {
            case STREAM -> stream;
            case STRUCTURED_METADATA -> structuredMetadata;
            case PARSED -> parsed;
        };
    }
}
