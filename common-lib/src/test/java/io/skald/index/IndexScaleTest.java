package io.skald.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.labels.Labels;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Size and speed of a 100k-series file, printed to the test log (no timing assertions: the machine is shared).
 * Opening is lazy: it checks the CRC and reads the section table; the "eager decode" line shows what decoding every
 * series at open would cost instead.
 */
class IndexScaleTest {
    private static final int SERIES = 100_000;
    private static final int CHUNKS_PER_SERIES = 3;

    @Test
    void hundredThousandSeries() {
        Random random = new Random(2024);
        long t0 = System.nanoTime();
        IndexWriter writer = new IndexWriter("tenant-1");
        for (int s = 0; s < SERIES; s++) {
            Labels labels = Labels.of(
                    "app", "app-" + (s % 50),
                    "namespace", "ns-" + (s % 20),
                    "pod", "pod-" + s,
                    "level", List.of("debug", "info", "warn", "error").get(s % 4),
                    "cluster", "c" + (s % 3));
            for (int c = 0; c < CHUNKS_PER_SERIES; c++) {
                long from = 1_700_000_000_000_000_000L + (long) c * 3_600_000_000_000L + random.nextInt(1_000_000);
                writer.add(
                        labels,
                        new ChunkRef(
                                "tenant-1",
                                labels.hash(),
                                from,
                                from + 3_000_000_000_000L,
                                "tenant-1/chunks/" + hash(random),
                                1_000_000 + random.nextInt(500_000),
                                5_000_000 + random.nextInt(2_000_000),
                                10_000 + random.nextInt(5000)));
            }
        }
        long collected = System.nanoTime();
        IndexFile built = writer.build();
        long encoded = System.nanoTime();
        byte[] bytes = built.toByteArray();

        IndexFile file = timed("open (CRC + section table)", () -> IndexFile.open(bytes));
        IndexReader reader = new IndexReader(List.of(file));
        long from = 1_700_000_000_000_000_000L;
        long through = from + 86_400_000_000_000L;

        List<ChunkRef> onePod = timed(
                "chunkRefs {pod=\"pod-4242\"}",
                () -> reader.chunkRefs(List.of(Matcher.eq("pod", "pod-4242")), from, through));
        List<ChunkRef> appLevel = timed(
                "chunkRefs {app=\"app-7\", level=\"error\"}",
                () -> reader.chunkRefs(
                        List.of(Matcher.eq("app", "app-7"), Matcher.eq("level", "error")), from, through));
        List<Labels> regex = timed(
                "series {namespace=~\"ns-1.*\", level!=\"debug\", pod!~\"pod-9.*\"}",
                () -> reader.series(
                        List.of(
                                Matcher.re("namespace", "ns-1.*"),
                                Matcher.neq("level", "debug"),
                                Matcher.nre("pod", "pod-9.*")),
                        from,
                        through));
        List<String> pods =
                timed("labelValues pod (file inside range)", () -> reader.labelValues("pod", from, through));
        List<String> names =
                timed("labelNames, partial range", () -> reader.labelNames(from + 2_000_000, from + 2_000_001));
        IndexStats stats = timed(
                "stats {cluster=\"c1\"}", () -> reader.stats(List.of(Matcher.eq("cluster", "c1")), from, through));
        List<Volume> volume = timed(
                "volume {app=~\".+\"} by app",
                () -> reader.volume(
                        List.of(Matcher.re("app", ".+")), from, through, List.of(), VolumeAggregation.SERIES, 0));
        long eager = System.nanoTime();
        long refs = 0;
        IndexFile fresh = IndexFile.open(bytes);
        for (int id = 0; id < fresh.seriesCount(); id++) {
            fresh.labels(id);
            refs += fresh.chunkRefs(id).size();
        }
        long eagerDone = System.nanoTime();

        System.out.printf(
                Locale.ROOT,
                "index scale: %d series, %d chunk refs, %d symbols%n"
                        + "  file %.2f MiB (%.1f bytes/series, %.1f bytes/chunk ref)%n"
                        + "  writer: collect %.0f ms, encode %.0f ms%n"
                        + "  eager decode of every series and ref: %.0f ms%n",
                file.seriesCount(),
                file.chunkRefCount(),
                file.symbolCount(),
                bytes.length / 1048576.0,
                (double) bytes.length / SERIES,
                (double) bytes.length / (SERIES * CHUNKS_PER_SERIES),
                (collected - t0) / 1e6,
                (encoded - collected) / 1e6,
                (eagerDone - eager) / 1e6);

        assertThat(onePod).hasSize(3);
        assertThat(appLevel).hasSize(SERIES / 100 * CHUNKS_PER_SERIES);
        assertThat(regex)
                .isNotEmpty()
                .allMatch(l -> l.get("namespace").startsWith("ns-1") && !"debug".equals(l.get("level")));
        assertThat(pods).hasSize(SERIES);
        assertThat(names).containsExactly("app", "cluster", "level", "namespace", "pod");
        assertThat(stats.streams()).isEqualTo(SERIES / 3 + (SERIES % 3 > 1 ? 1 : 0));
        assertThat(volume).hasSize(50);
        assertThat(refs).isEqualTo((long) SERIES * CHUNKS_PER_SERIES);
    }

    /** A SHA-256-like hex name, as chunk objects are named. */
    private static String hash(Random random) {
        StringBuilder out = new StringBuilder(64);
        for (int i = 0; i < 4; i++) {
            out.append(String.format(Locale.ROOT, "%016x", random.nextLong()));
        }
        return out.toString();
    }

    private static <T> T timed(String what, Supplier<T> action) {
        long start = System.nanoTime();
        T result = action.get();
        System.out.printf(Locale.ROOT, "  %-70s %8.2f ms%n", what, (System.nanoTime() - start) / 1e6);
        return result;
    }
}
