package io.skald.bench.loadgen;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A LogQL query with a short name for reports. */
public record NamedQuery(String name, String query) {
    /** {@code name: query}; a LogQL expression never starts with an identifier followed by a colon. */
    private static final Pattern LINES = Pattern.compile("\\R");

    private static final Pattern NAMED = Pattern.compile("^([A-Za-z_][A-Za-z0-9_.-]*):\\s*(.+)$");

    /**
     * Parses a query file: one query per line, blank lines and {@code #} comments skipped, an optional {@code name:}
     * prefix; unnamed queries are called {@code q1}, {@code q2}, ... by their position.
     */
    public static List<NamedQuery> parseFile(String text) {
        List<NamedQuery> queries = new ArrayList<>();
        for (String raw : LINES.split(text, -1)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher named = NAMED.matcher(line);
            if (named.matches()) {
                queries.add(new NamedQuery(named.group(1), named.group(2).strip()));
            } else {
                queries.add(new NamedQuery("q" + (queries.size() + 1), line));
            }
        }
        return List.copyOf(queries);
    }
}
