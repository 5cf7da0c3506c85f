package io.skald.logql.log;

import io.skald.labels.Labels;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Runs a pipeline's stages over the entries of one stream (Loki's {@code StreamPipeline.Process}). Keeps one mutable
 * entry state and interns label results, so entries whose labels do not change share the stream's result.
 */
public final class StreamPipeline {
    private final Stage[] stages;
    private final LabelsBuilder labels;
    private final PipelineEntry entry;

    StreamPipeline(List<Stage> stages, Labels streamLabels) {
        this.stages = stages.toArray(new Stage[0]);
        this.labels = new LabelsBuilder(streamLabels);
        this.entry = new PipelineEntry(labels);
    }

    /** The stream labels this pipeline was created for. */
    public Labels streamLabels() {
        return labels.base();
    }

    /** Processes one entry; null when a stage dropped it. */
    public @Nullable ProcessedEntry process(long timestampNanos, byte[] line, Labels structuredMetadata) {
        entry.reset(timestampNanos, line);
        return run(structuredMetadata);
    }

    /** Processes one entry given as text; null when a stage dropped it. */
    public @Nullable ProcessedEntry process(long timestampNanos, String line, Labels structuredMetadata) {
        entry.reset(timestampNanos, line);
        return run(structuredMetadata);
    }

    /** Processes one entry without structured metadata. */
    public @Nullable ProcessedEntry process(long timestampNanos, String line) {
        return process(timestampNanos, line, Labels.EMPTY);
    }

    /** The entry state, for extractors built on this pipeline. */
    PipelineEntry entry() {
        return entry;
    }

    /** Runs the stages over an entry, leaving its state in {@link #entry()}; false when dropped. */
    boolean runStages(long timestampNanos, byte[] line, Labels structuredMetadata) {
        entry.reset(timestampNanos, line);
        if (!structuredMetadata.isEmpty()) {
            labels.addStructuredMetadata(structuredMetadata);
        }
        for (Stage stage : stages) {
            if (!stage.process(entry)) {
                return false;
            }
        }
        return true;
    }

    private @Nullable ProcessedEntry run(Labels structuredMetadata) {
        if (!structuredMetadata.isEmpty()) {
            labels.addStructuredMetadata(structuredMetadata);
        }
        for (Stage stage : stages) {
            if (!stage.process(entry)) {
                return null;
            }
        }
        return new ProcessedEntry(entry.timestamp(), entry.line(), labels.result());
    }
}
