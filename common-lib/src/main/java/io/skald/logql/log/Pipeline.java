package io.skald.logql.log;

import io.skald.labels.Labels;
import java.util.List;

/**
 * An ordered list of stages, the runtime form of a log query's pipeline. {@link #forStream} gives the per-stream
 * processor (Loki's {@code Pipeline.ForStream}); the pipeline itself is immutable.
 */
public final class Pipeline {
    private final List<Stage> stages;

    public Pipeline(List<Stage> stages) {
        this.stages = List.copyOf(stages);
    }

    /** A pipeline that keeps every entry unchanged. */
    public static Pipeline noop() {
        return new Pipeline(List.of());
    }

    public List<Stage> stages() {
        return stages;
    }

    public boolean isNoop() {
        return stages.isEmpty();
    }

    /** The processor for the entries of one stream; not thread-safe, use one per stream and thread. */
    public StreamPipeline forStream(Labels streamLabels) {
        return new StreamPipeline(stages, streamLabels);
    }
}
