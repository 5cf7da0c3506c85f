package io.skald.querier.drilldown;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Log patterns in the spirit of Loki's pattern ingester (which runs Drain over every pushed line), computed at query
 * time over sampled lines instead: lines are split into whitespace-separated tokens, tokens holding a digit are
 * variables ({@code <_>}) from the start, and a line joins the most similar pattern with as many tokens when at
 * least half of the positions hold the same token (a variable agrees only with a variable, as in Drain); positions
 * that disagree become {@code <_>}. Each pattern counts its lines per
 * step. Not thread-safe.
 */
public final class Patterns {
    /** One pattern: its text, the level of its lines and {@code [stepStartSeconds, count]} samples by time. */
    public record Result(String pattern, String level, List<long[]> samples) {}

    static final String VARIABLE = "<_>";
    private static final double SIMILARITY = 0.5;
    /** Patterns kept per token count; further lines of that length join the closest one. */
    private static final int MAX_PER_LENGTH = 100;

    private final long stepNanos;
    private final Map<Integer, List<Cluster>> byLength = new HashMap<>();

    public Patterns(long stepNanos) {
        this.stepNanos = Math.max(1, stepNanos);
    }

    /** Adds one line seen at {@code timestampNanos}, at the given level ({@code unknown} when not known). */
    public void add(long timestampNanos, String line, String level) {
        String[] tokens = tokens(line);
        if (tokens.length == 0) {
            return;
        }
        List<Cluster> clusters = byLength.computeIfAbsent(tokens.length, n -> new ArrayList<>());
        Cluster best = null;
        double bestScore = -1;
        for (Cluster cluster : clusters) {
            double score = cluster.similarity(tokens);
            if (score > bestScore) {
                best = cluster;
                bestScore = score;
            }
        }
        if (best == null || (bestScore < SIMILARITY && clusters.size() < MAX_PER_LENGTH)) {
            best = new Cluster(tokens);
            clusters.add(best);
        } else {
            best.merge(tokens);
        }
        best.count(Math.floorDiv(timestampNanos, stepNanos) * stepNanos, level);
    }

    /** The patterns, most lines first (ties by text). */
    public List<Result> results() {
        List<Cluster> all = new ArrayList<>();
        byLength.values().forEach(all::addAll);
        all.sort(Comparator.comparingLong((Cluster c) -> c.total).reversed().thenComparing(Cluster::text));
        List<Result> out = new ArrayList<>(all.size());
        for (Cluster cluster : all) {
            List<long[]> samples = new ArrayList<>();
            cluster.perStep.forEach(
                    (stepStart, count) -> samples.add(new long[] {Math.floorDiv(stepStart, 1_000_000_000L), count[0]}));
            out.add(new Result(cluster.text(), cluster.level, samples));
        }
        return out;
    }

    static String[] tokens(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty()) {
            return new String[0];
        }
        String[] tokens = trimmed.split("\\s+");
        for (int i = 0; i < tokens.length; i++) {
            if (hasDigit(tokens[i])) {
                tokens[i] = VARIABLE;
            }
        }
        return tokens;
    }

    private static boolean hasDigit(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    /** Lines of one shape: the template, its line count per step and overall, and its level. */
    private static final class Cluster {
        final String[] template;
        final TreeMap<Long, long[]> perStep = new TreeMap<>();
        long total;
        String level = "";

        Cluster(String[] tokens) {
            this.template = tokens.clone();
        }

        double similarity(String[] tokens) {
            int same = 0;
            for (int i = 0; i < template.length; i++) {
                // A variable of the template only agrees with a variable: a pattern must not absorb any line.
                if (template[i].equals(tokens[i])) {
                    same++;
                }
            }
            return (double) same / template.length;
        }

        void merge(String[] tokens) {
            for (int i = 0; i < template.length; i++) {
                if (!template[i].equals(tokens[i])) {
                    template[i] = VARIABLE;
                }
            }
        }

        void count(long stepStart, String lineLevel) {
            perStep.computeIfAbsent(stepStart, s -> new long[1])[0]++;
            total++;
            // A pattern mixing levels reports the first seen, as lines of one shape mostly share one level.
            if (level.isEmpty()) {
                level = lineLevel;
            }
        }

        String text() {
            return String.join(" ", template);
        }
    }
}
