package io.skald.logql.engine;

import io.skald.chunk.Direction;
import io.skald.logql.syntax.LabelMatcher;
import io.skald.logql.syntax.PipelineStage;
import java.util.List;

/**
 * What the engine asks an {@link EntrySource} for: a tenant's streams matching {@code matchers}, their entries in
 * {@code [fromNanos, throughNanos)} in {@code direction}. {@code lineFilters} are the query's leading line filters, a
 * hint a source may use to skip entries early (for instance in an ingester or a chunk scan); the engine applies them
 * again, so a source may ignore them.
 */
public record SelectRequest(
        String tenant,
        List<LabelMatcher> matchers,
        long fromNanos,
        long throughNanos,
        Direction direction,
        List<PipelineStage.LineFilter> lineFilters) {
    public SelectRequest {
        matchers = List.copyOf(matchers);
        lineFilters = List.copyOf(lineFilters);
    }
}
