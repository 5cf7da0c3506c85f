package io.skald.logql.engine;

import io.skald.chunk.ContentQuery;
import io.skald.logql.log.GoRegex;
import io.skald.logql.syntax.PipelineStage;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@link ContentQuery} of a query's leading line filters, for skipping chunk blocks by their content filter: each
 * positive stage whose every term has a literal that a matching line must contain becomes one needle group. Literals
 * come from {@code |= "text"}, from {@code |~} regexes that are plain literals, {@code (?i)} ASCII literals (the
 * filter folds ASCII case) or have a required literal; negated stages, patterns and {@code ip()} require nothing.
 */
public final class ContentQueries {
    private ContentQueries() {}

    /** The needle groups of {@code filters}; {@link ContentQuery#ANY} when none requires a literal. */
    public static ContentQuery of(List<PipelineStage.LineFilter> filters) {
        List<List<String>> groups = new ArrayList<>();
        for (PipelineStage.LineFilter filter : filters) {
            List<String> group = group(filter);
            if (group != null) {
                groups.add(group);
            }
        }
        return ContentQuery.of(groups);
    }

    private static @Nullable List<String> group(PipelineStage.LineFilter filter) {
        List<String> needles = new ArrayList<>(filter.terms().size());
        for (PipelineStage.LineFilterTerm term : filter.terms()) {
            String needle = term.ip() ? null : needle(filter, term.value());
            if (needle == null) {
                // One alternative without a literal may match any line, so the whole stage rules nothing out.
                return null;
            }
            needles.add(needle);
        }
        return needles;
    }

    private static @Nullable String needle(PipelineStage.LineFilter filter, String value) {
        return switch (filter.op()) {
            case CONTAINS -> value;
            case MATCHES_REGEX -> regexLiteral(value);
            case NOT_CONTAINS, NOT_MATCHES_REGEX, MATCHES_PATTERN, NOT_MATCHES_PATTERN -> null;
        };
    }

    /** A literal every match of the Go regex contains, compared with ASCII case folded; null when none is known. */
    static @Nullable String regexLiteral(String regex) {
        if (regex.startsWith("(?i)")) {
            String rest = regex.substring(4);
            // Unicode folding maps K (Kelvin sign) to k and ſ (long s) to s: those bytes differ, so leave them out.
            return isPlainLiteral(rest) && isFoldSafeAscii(rest) ? rest : null;
        }
        if (isPlainLiteral(regex)) {
            return regex;
        }
        try {
            return GoRegex.compile(regex).requiredLiteral();
        } catch (RuntimeException e) {
            // An invalid regex fails the query elsewhere; here it only means no literal is known.
            return null;
        }
    }

    private static boolean isPlainLiteral(String regex) {
        for (int i = 0; i < regex.length(); i++) {
            if ("\\.+*?()|[]{}^$".indexOf(regex.charAt(i)) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isFoldSafeAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = Character.toLowerCase(text.charAt(i));
            if (c >= 0x80 || c == 'k' || c == 's') {
                return false;
            }
        }
        return true;
    }
}
