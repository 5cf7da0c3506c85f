package io.skald.index;

import io.skald.labels.Labels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Random series with chunk refs from a fixed seed, and the brute-force answers the index must agree with. */
final class RandomIndex {
    static final String TENANT = "team-a";
    static final String[] NAMES = {"app", "env", "pod", "level", "region", "namespace"};
    static final String[][] VALUES = {
        {"api", "web", "db", "cache", "queue"},
        {"prod", "dev", "staging"},
        {"p-1", "p-2", "p-3", "p-4", "p-5", "p-6", "p-7", "p-8"},
        {"info", "warn", "error", "debug"},
        {"eu", "us", "ap"},
        {"a", "b", "c", "line\nbreak", "ünïcode"}
    };

    final Map<Labels, List<ChunkRef>> series = new LinkedHashMap<>();

    RandomIndex(long seed, int seriesCount, int maxChunks) {
        Random random = new Random(seed);
        int attempts = 0;
        while (series.size() < seriesCount && attempts++ < seriesCount * 20) {
            Labels.Builder builder = Labels.builder();
            builder.set("app", pick(random, VALUES[0]));
            for (int n = 1; n < NAMES.length; n++) {
                if (random.nextInt(3) > 0) {
                    builder.set(NAMES[n], pick(random, VALUES[n]));
                }
            }
            Labels labels = builder.build();
            if (series.containsKey(labels)) {
                continue;
            }
            List<ChunkRef> refs = new ArrayList<>();
            int chunks = 1 + random.nextInt(maxChunks);
            for (int c = 0; c < chunks; c++) {
                long from = random.nextInt(1000) * 10L;
                long through = from + random.nextInt(200);
                refs.add(ref(labels, from, through, random.nextInt(5000), 1 + random.nextInt(100)));
            }
            series.put(labels, refs);
        }
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    /** A ref with a key derived from the stream and time, so the same chunk gets the same key everywhere. */
    static ChunkRef ref(Labels labels, long from, long through, long bytes, long entries) {
        String key = TENANT + "/" + Long.toHexString(labels.hash()) + "/" + from + "-" + through;
        return new ChunkRef(TENANT, labels.hash(), from, through, key, bytes / 3, bytes, entries);
    }

    IndexFile write() {
        IndexWriter writer = new IndexWriter(TENANT);
        series.forEach(writer::addAll);
        return writer.build();
    }

    static boolean matchesAll(List<Matcher> matchers, Labels labels) {
        return matchers.stream().allMatch(m -> m.matches(labels));
    }

    /** Random matcher of a random type, over known values, the empty value, absent values and regexes. */
    static Matcher randomMatcher(Random random) {
        int n = random.nextInt(NAMES.length + 1);
        String name = n == NAMES.length ? "missing" : NAMES[n];
        String[] values = n == NAMES.length ? VALUES[0] : VALUES[n];
        Matcher.Type type = switch (random.nextInt(4)) {
            case 0 -> Matcher.Type.EQ;
            case 1 -> Matcher.Type.NEQ;
            case 2 -> Matcher.Type.RE;
            default -> Matcher.Type.NRE;
        };
        String value = switch (type) {
            case EQ, NEQ ->
                switch (random.nextInt(5)) {
                    case 0 -> "";
                    case 1 -> "absent-value";
                    default -> pick(random, values);
                };
            case RE, NRE ->
                switch (random.nextInt(9)) {
                    case 0 -> ".*";
                    case 1 -> ".+";
                    case 2 -> "";
                    case 3 -> pick(random, values) + "|" + pick(random, values);
                    case 4 -> pick(random, values).substring(0, 1) + ".*";
                    case 5 -> "(?i)" + pick(random, values).toUpperCase(java.util.Locale.ROOT);
                    case 6 -> "p-[2-5]|x?";
                    case 7 -> "line.break";
                    default -> pick(random, values);
                };
        };
        return new Matcher(name, type, value);
    }
}
