package io.skald.logql.log;

import io.skald.labels.Labels;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Runs a pipeline's stages over the entries of one stream (Loki's {@code StreamPipeline.Process}). Keeps one mutable
 * entry state and interns label results, so entries whose labels do not change share the stream's result.
 *
 * <p>With a prefilter (see {@link Pipeline}), each window of {@value #WINDOW} entries measures how many entries the
 * pipeline drops; the next window runs the prefilter first only when that share pays for it. Either way the result is
 * the same: the prefilter drops exactly what the stages drop.
 */
public final class StreamPipeline {
    static final int WINDOW = 256;

    /** The prefilter costs about a third of the full stages: it pays when more than that share is dropped. */
    private static final double PREFILTER_MIN_DROPPED = 0.4;

    private final Stage[] stages;
    private final LabelsBuilder labels;
    private final PipelineEntry entry;
    private final Stage @Nullable [] prefilter;
    private final @Nullable PipelineEntry prefilterEntry;
    private boolean prefiltering = true;
    private int windowSeen;
    private int windowDropped;

    StreamPipeline(List<Stage> stages, Labels streamLabels) {
        this(stages, null, streamLabels);
    }

    StreamPipeline(List<Stage> stages, @Nullable List<Stage> prefilter, Labels streamLabels) {
        this.stages = stages.toArray(new Stage[0]);
        this.labels = new LabelsBuilder(streamLabels);
        this.entry = new PipelineEntry(labels);
        this.prefilter = prefilter == null ? null : prefilter.toArray(new Stage[0]);
        this.prefilterEntry = prefilter == null ? null : new PipelineEntry(new LabelsBuilder(streamLabels));
    }

    /** The stream labels this pipeline was created for. */
    public Labels streamLabels() {
        return labels.base();
    }

    /** Processes one entry; null when a stage dropped it. */
    public @Nullable ProcessedEntry process(long timestampNanos, byte[] line, Labels structuredMetadata) {
        PipelineEntry pre = prefilterEntry;
        if (pre != null && prefiltering) {
            pre.reset(timestampNanos, line);
            if (!prefilterKeeps(pre, structuredMetadata)) {
                return counted(null);
            }
        }
        entry.reset(timestampNanos, line);
        return counted(run(structuredMetadata));
    }

    /** Processes one entry given as text; null when a stage dropped it. */
    public @Nullable ProcessedEntry process(long timestampNanos, String line, Labels structuredMetadata) {
        PipelineEntry pre = prefilterEntry;
        if (pre != null && prefiltering) {
            pre.reset(timestampNanos, line);
            if (!prefilterKeeps(pre, structuredMetadata)) {
                return counted(null);
            }
        }
        entry.reset(timestampNanos, line);
        return counted(run(structuredMetadata));
    }

    private boolean prefilterKeeps(PipelineEntry pre, Labels structuredMetadata) {
        if (!structuredMetadata.isEmpty()) {
            pre.labels().addStructuredMetadata(structuredMetadata);
        }
        for (Stage stage : java.util.Objects.requireNonNull(prefilter)) {
            if (!stage.process(pre)) {
                return false;
            }
        }
        return true;
    }

    /** Counts the entry in the window, and at the window's end decides whether the next one prefilters. */
    private @Nullable ProcessedEntry counted(@Nullable ProcessedEntry result) {
        if (prefilterEntry == null) {
            return result;
        }
        windowSeen++;
        if (result == null) {
            windowDropped++;
        }
        if (windowSeen == WINDOW) {
            prefiltering = windowDropped >= PREFILTER_MIN_DROPPED * WINDOW;
            windowSeen = 0;
            windowDropped = 0;
        }
        return result;
    }

    /** Whether the next entry runs through the prefilter first (for tests). */
    boolean prefiltering() {
        return prefiltering;
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
