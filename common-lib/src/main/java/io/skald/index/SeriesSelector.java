package io.skald.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Answers a matcher set from postings, as Prometheus does: a matcher that rejects the empty value contributes the
 * union of the postings of the values it accepts (intersected with the others); one that accepts the empty value
 * (so also series without the label) subtracts the union of the postings of the values it rejects. With no
 * intersecting matcher the start set is every series. Built once per query; regexes are compiled once.
 */
final class SeriesSelector {
    private final List<Matcher> matchers;
    private final List<Predicate<String>> predicates;
    private final boolean[] acceptsEmpty;

    SeriesSelector(List<Matcher> matchers) {
        this.matchers = List.copyOf(matchers);
        this.predicates = new ArrayList<>(matchers.size());
        this.acceptsEmpty = new boolean[matchers.size()];
        for (int i = 0; i < matchers.size(); i++) {
            Predicate<String> predicate = matchers.get(i).predicate();
            predicates.add(predicate);
            acceptsEmpty[i] = predicate.test("");
        }
    }

    /** Sorted ids of the series in {@code file} that satisfy every matcher. */
    int[] select(IndexFile file) {
        List<int[]> intersect = new ArrayList<>();
        List<int[]> subtract = new ArrayList<>();
        for (int i = 0; i < matchers.size(); i++) {
            Matcher matcher = matchers.get(i);
            int nameIndex = file.nameIndex(matcher.name());
            if (nameIndex < 0) {
                if (acceptsEmpty[i]) {
                    continue; // no series has the label, all of them have the empty value it accepts
                }
                return Postings.EMPTY;
            }
            if (acceptsEmpty[i]) {
                subtract.add(valuesPostings(
                        file, nameIndex, matcher, predicates.get(i).negate()));
            } else {
                int[] ids = valuesPostings(file, nameIndex, matcher, predicates.get(i));
                if (ids.length == 0) {
                    return Postings.EMPTY;
                }
                intersect.add(ids);
            }
        }
        int[] result;
        if (intersect.isEmpty()) {
            result = IndexFile.allSeries(file.seriesCount());
        } else {
            intersect.sort(Comparator.comparingInt(ids -> ids.length));
            result = intersect.get(0);
            for (int i = 1; i < intersect.size() && result.length > 0; i++) {
                result = Postings.intersect(result, intersect.get(i));
            }
        }
        for (int[] ids : subtract) {
            result = Postings.subtract(result, ids);
        }
        return result;
    }

    /** Union of the postings of the values of one name that {@code accept} takes. */
    private static int[] valuesPostings(IndexFile file, int nameIndex, Matcher matcher, Predicate<String> accept) {
        // For = and != with a non-empty value, accept is exactly {value} (!= lands here negated): look it up.
        if ((matcher.type() == Matcher.Type.EQ || matcher.type() == Matcher.Type.NEQ)
                && !matcher.value().isEmpty()) {
            int valueIndex = file.valueIndex(nameIndex, matcher.value());
            return valueIndex < 0 ? Postings.EMPTY : file.postingsAt(nameIndex, valueIndex);
        }
        // A regex of plain alternatives (Grafana's multi-value variables: pod=~"a|b|c") is a set of lookups too.
        // accept is the regex match itself here unless the regex accepts "", which no literal set without "" does.
        if (matcher.type() == Matcher.Type.RE || matcher.type() == Matcher.Type.NRE) {
            List<String> literals = literalAlternatives(matcher.value());
            if (literals != null) {
                List<int[]> lists = new ArrayList<>(literals.size());
                for (String literal : literals) {
                    int valueIndex = file.valueIndex(nameIndex, literal);
                    if (valueIndex >= 0) {
                        lists.add(file.postingsAt(nameIndex, valueIndex));
                    }
                }
                return Postings.union(lists, file.seriesCount());
            }
        }
        int count = file.valueCount(nameIndex);
        List<int[]> lists = new ArrayList<>();
        for (int v = 0; v < count; v++) {
            if (accept.test(file.valueAt(nameIndex, v))) {
                lists.add(file.postingsAt(nameIndex, v));
            }
        }
        return Postings.union(lists, file.seriesCount());
    }

    /** The alternatives of a regex made only of non-empty literals joined by {@code |}, or null. */
    static @Nullable List<String> literalAlternatives(String regex) {
        for (int i = 0; i < regex.length(); i++) {
            if ("\\.+*?()[]{}^$".indexOf(regex.charAt(i)) >= 0) {
                return null;
            }
        }
        List<String> literals = List.of(regex.split("\\|", -1));
        return literals.contains("") ? null : literals;
    }
}
