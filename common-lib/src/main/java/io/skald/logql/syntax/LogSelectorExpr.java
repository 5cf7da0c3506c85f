package io.skald.logql.syntax;

import java.util.List;

/**
 * A log query: a stream selector {@code {app="api"}} and the pipeline stages applied to each line, in query order.
 * Negated line filters joined with {@code or} are already split into separate stages ({@code != "a" or "b"} is
 * {@code != "a" != "b"}), as Loki does.
 */
public record LogSelectorExpr(List<LabelMatcher> matchers, List<PipelineStage> stages) implements Expr {
    public LogSelectorExpr {
        matchers = List.copyOf(matchers);
        stages = List.copyOf(stages);
    }
}
