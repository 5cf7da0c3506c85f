package io.skald.querier;

import io.skald.index.Matcher;
import io.skald.logql.syntax.LabelMatcher;
import io.skald.logql.syntax.LogqlParseException;
import io.skald.logql.syntax.LogqlParser;
import io.skald.logql.syntax.UnsupportedQueryTypeException;
import io.skald.server.LokiHttpException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Stream selectors of API parameters, parsed with the LogQL parser and turned into index matchers. */
final class Selectors {
    private Selectors() {}

    /** The matchers of an optional {@code query} selector; none when absent. */
    static List<Matcher> optional(@Nullable String query) {
        if (query == null || query.isBlank()) {
            return List.of();
        }
        return toIndex(parseMatchers(query));
    }

    static List<LabelMatcher> parseMatchers(String query) {
        try {
            return LogqlParser.parseMatchers(query);
        } catch (LogqlParseException | UnsupportedQueryTypeException e) {
            throw new LokiHttpException(400, e.getMessage());
        }
    }

    static List<Matcher> toIndex(List<LabelMatcher> matchers) {
        return matchers.stream().map(Selectors::toIndex).toList();
    }

    static Matcher toIndex(LabelMatcher m) {
        Matcher.Type type = switch (m.type()) {
            case EQUAL -> Matcher.Type.EQ;
            case NOT_EQUAL -> Matcher.Type.NEQ;
            case REGEX -> Matcher.Type.RE;
            case NOT_REGEX -> Matcher.Type.NRE;
        };
        return new Matcher(m.name(), type, m.value());
    }
}
