package io.skald.logql.log;

import io.skald.labels.Labels;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An ordered list of stages, the runtime form of a log query's pipeline. {@link #forStream} gives the per-stream
 * processor (Loki's {@code Pipeline.ForStream}); the pipeline itself is immutable.
 *
 * <p>A pipeline may hold a <em>prefilter</em>: the same stages whose parsers extract only the labels that later
 * stages read ({@link ParserHints}). It drops exactly the entries the full stages drop, at a fraction of the cost, so
 * stream pipelines run it first while it drops enough entries to pay for itself.
 */
public final class Pipeline {
    private final List<Stage> stages;
    private final @Nullable List<Stage> prefilter;

    public Pipeline(List<Stage> stages) {
        this(stages, null);
    }

    private Pipeline(List<Stage> stages, @Nullable List<Stage> prefilter) {
        this.stages = List.copyOf(stages);
        this.prefilter = prefilter == null ? null : List.copyOf(prefilter);
    }

    /** A pipeline that keeps every entry unchanged. */
    public static Pipeline noop() {
        return new Pipeline(List.of());
    }

    /**
     * This pipeline with a prefilter: {@code prefilter} must be its stages, in order, with hinted parsers whose hints
     * cover every label that the stages after the first hinted parser read, so that it keeps and drops the same
     * entries.
     */
    public Pipeline withPrefilter(List<Stage> prefilter) {
        if (prefilter.size() != stages.size()) {
            throw new IllegalArgumentException("a prefilter has the pipeline's stages");
        }
        return new Pipeline(stages, prefilter);
    }

    public List<Stage> stages() {
        return stages;
    }

    /** The prefilter's stages, null when none. */
    public @Nullable List<Stage> prefilter() {
        return prefilter;
    }

    public boolean isNoop() {
        return stages.isEmpty();
    }

    /** The processor for the entries of one stream; not thread-safe, use one per stream and thread. */
    public StreamPipeline forStream(Labels streamLabels) {
        return new StreamPipeline(stages, prefilter, streamLabels);
    }
}
