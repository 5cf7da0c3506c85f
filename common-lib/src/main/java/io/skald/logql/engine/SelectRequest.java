package io.skald.logql.engine;

import io.skald.chunk.Direction;
import io.skald.logql.syntax.LabelMatcher;
import io.skald.logql.syntax.PipelineStage;
import java.util.ArrayList;
import java.util.List;

/**
 * What the engine asks an {@link EntrySource} for: a tenant's streams matching {@code matchers}, their entries in
 * {@code [fromNanos, throughNanos)} in {@code direction}.
 *
 * <p>The other fields are hints a source may use to read less; the engine applies its whole pipeline and limit
 * again, so a source may ignore them:
 *
 * <ul>
 *   <li>{@code lineFilters}: the query's leading line filters, e.g. to skip stored blocks by their content filter;
 *   <li>{@code filterStages}: pipeline stages whose dropped entries the engine drops too (the leading line filters at
 *       least, a log query's whole pipeline), so a source may leave those entries out;
 *   <li>{@code limit}: when positive, the engine uses only the first {@code limit} entries that pass {@code
 *       filterStages}, over all streams in {@code direction}, so a source may stop there;
 *   <li>{@code streamByStream}: the engine reads each stream to its end before the next one, in the order the source
 *       yields them (metric queries); otherwise it reads all streams together, merging them by time (log queries).
 * </ul>
 */
public record SelectRequest(
        String tenant,
        List<LabelMatcher> matchers,
        long fromNanos,
        long throughNanos,
        Direction direction,
        List<PipelineStage.LineFilter> lineFilters,
        List<PipelineStage> filterStages,
        int limit,
        boolean streamByStream) {
    public SelectRequest {
        matchers = List.copyOf(matchers);
        lineFilters = List.copyOf(lineFilters);
        filterStages = List.copyOf(filterStages);
    }

    /** A request with only line filters as hints: no limit, streams read together. */
    public SelectRequest(
            String tenant,
            List<LabelMatcher> matchers,
            long fromNanos,
            long throughNanos,
            Direction direction,
            List<PipelineStage.LineFilter> lineFilters) {
        this(
                tenant,
                matchers,
                fromNanos,
                throughNanos,
                direction,
                lineFilters,
                new ArrayList<PipelineStage>(lineFilters),
                0,
                false);
    }

    /** The same request with other matchers (e.g. without a pseudo matcher a source has handled). */
    public SelectRequest withMatchers(List<LabelMatcher> other) {
        return new SelectRequest(
                tenant, other, fromNanos, throughNanos, direction, lineFilters, filterStages, limit, streamByStream);
    }
}
