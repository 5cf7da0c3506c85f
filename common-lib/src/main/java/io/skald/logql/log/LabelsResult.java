package io.skald.logql.log;

import io.skald.labels.Labels;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The labels of a processed entry: all of them merged ({@link #labels()}, what Loki returns by default) and split by
 * category (for the {@code categorize-labels} response flag). Error labels count as {@link LabelCategory#PARSED}. The
 * per-category sets are computed on first use, since most queries never ask for them.
 */
public final class LabelsResult {
    private final Labels labels;
    private final String[] names;
    private final LabelCategory[] categories;
    private @Nullable Labels stream;
    private @Nullable Labels structuredMetadata;
    private @Nullable Labels parsed;

    /** A result whose categories are given. */
    public LabelsResult(Labels labels, Labels stream, Labels structuredMetadata, Labels parsed) {
        this.labels = labels;
        this.names = new String[0];
        this.categories = new LabelCategory[0];
        this.stream = stream;
        this.structuredMetadata = structuredMetadata;
        this.parsed = parsed;
    }

    /** A result whose categories are derived lazily from one category per name of {@code labels}. */
    LabelsResult(Labels labels, String[] names, LabelCategory[] categories) {
        this.labels = labels;
        this.names = names;
        this.categories = categories;
    }

    /** A result with stream labels only. */
    public static LabelsResult ofStream(Labels stream) {
        return new LabelsResult(stream, stream, Labels.EMPTY, Labels.EMPTY);
    }

    /** All labels. */
    public Labels labels() {
        return labels;
    }

    public Labels stream() {
        Labels s = stream;
        if (s == null) {
            s = only(LabelCategory.STREAM);
            stream = s;
        }
        return s;
    }

    public Labels structuredMetadata() {
        Labels s = structuredMetadata;
        if (s == null) {
            s = only(LabelCategory.STRUCTURED_METADATA);
            structuredMetadata = s;
        }
        return s;
    }

    public Labels parsed() {
        Labels s = parsed;
        if (s == null) {
            s = only(LabelCategory.PARSED);
            parsed = s;
        }
        return s;
    }

    /** The labels of one category. */
    public Labels category(LabelCategory category) {
        return switch (category) {
            case STREAM -> stream();
            case STRUCTURED_METADATA -> structuredMetadata();
            case PARSED -> parsed();
        };
    }

    private Labels only(LabelCategory category) {
        Labels.Builder out = Labels.builder();
        for (int i = 0; i < names.length; i++) {
            if (categories[i] == category) {
                out.set(names[i], java.util.Objects.requireNonNull(labels.get(names[i])));
            }
        }
        return out.build();
    }

    /** Same labels in the same categories (used to reuse a stream's previous result). */
    boolean sameAs(String[] otherNames, LabelCategory[] otherCategories, Labels otherLabels) {
        return Arrays.equals(names, otherNames)
                && Arrays.equals(categories, otherCategories)
                && labels.equals(otherLabels);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LabelsResult that
                && labels.equals(that.labels)
                && stream().equals(that.stream())
                && structuredMetadata().equals(that.structuredMetadata())
                && parsed().equals(that.parsed());
    }

    @Override
    public int hashCode() {
        return labels.hashCode();
    }

    @Override
    public String toString() {
        return labels.toString();
    }
}
