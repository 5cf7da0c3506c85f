package io.skald.logql.log;

/**
 * One step of a log pipeline. {@link #process} may change the entry's line and labels and says whether the entry is
 * kept. Implementations must be safe to share between the stream pipelines of one query running on one thread; the
 * ones in this package hold no per-entry state.
 */
public interface Stage {
    /** Processes the entry; false drops it. */
    boolean process(PipelineEntry entry);
}
