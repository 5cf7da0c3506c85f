package io.skald.ingester;

import static io.skald.ingester.IngesterGrpcTest.eq;
import static io.skald.ingester.IngesterProcess.entry;
import static io.skald.ingester.IngesterProcess.push;
import static org.assertj.core.api.Assertions.assertThat;

import io.skald.index.IndexFile;
import io.skald.index.IndexReader;
import io.skald.index.IndexStats;
import io.skald.index.Matcher;
import io.skald.proto.ingester.LabelMatcher;
import io.skald.proto.ingester.StreamStat;
import io.skald.proto.ingester.StreamStatsRequest;
import io.skald.storage.FilesystemObjectStore;
import io.skald.storage.ObjectStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ingester's per-stream stats over unflushed chunks equal what the index answers once they are flushed. */
class StreamStatsTest {
    private static final long BASE = 1_760_000_000_000_000_000L;
    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path dataDir;

    @Test
    void unflushedFiguresMatchTheIndexAfterFlushAndFlushedChunksAreNoLongerCounted() {
        try (IngesterProcess ingester =
                IngesterProcess.start(dataDir, "", Map.of("ingester.chunk_retain_period", "1h"))) {
            List<io.skald.proto.logproto.EntryAdapter> entries = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                entries.add(entry(BASE + i * SECOND, "line number " + i));
            }
            ingester.pusher("t")
                    .push(push(
                            "{app=\"api\", env=\"prod\"}",
                            entries.toArray(new io.skald.proto.logproto.EntryAdapter[0])));
            ingester.pusher("t").push(push("{app=\"web\"}", entry(BASE, "web")));
            ingester.pusher("other").push(push("{app=\"api\"}", entry(BASE, "not ours")));

            long[][] ranges = {{BASE, BASE + 100 * SECOND}, {BASE + 25 * SECOND, BASE + 75 * SECOND}, {0, BASE}};
            List<List<StreamStat>> before = new ArrayList<>();
            for (long[] range : ranges) {
                before.add(stats(ingester, List.of(eq("app", "api")), range[0], range[1]));
            }
            StreamStat whole = before.get(0).getFirst();
            assertThat(before.get(0)).hasSize(1);
            assertThat(whole.getLabels()).isEqualTo("{app=\"api\", env=\"prod\"}");
            assertThat(whole.getFingerprint())
                    .isEqualTo(io.skald.labels.Labels.of("app", "api", "env", "prod")
                            .hash());
            assertThat(whole.getChunks()).isEqualTo(1);
            assertThat(whole.getEntries()).isEqualTo(100);
            long lineBytes = 0;
            for (int i = 0; i < 100; i++) {
                lineBytes += ("line number " + i).length();
            }
            assertThat(whole.getBytes()).isEqualTo(lineBytes);
            // Half of the chunk's span lies in the range: prorated as the index prorates.
            assertThat(before.get(1).getFirst().getEntries()).isBetween(48L, 51L);
            // [0, BASE) ends where the chunk starts.
            assertThat(before.get(2)).isEmpty();

            assertThat(ingester.http("POST", "/flush").statusCode()).isEqualTo(204);
            ObjectStore store = new FilesystemObjectStore(dataDir.resolve("chunks"));
            List<IndexFile> files = new ArrayList<>();
            for (String key : store.list("index/")) {
                if (key.contains("/t/")) {
                    files.add(IndexFile.open(store.get(key)));
                }
            }
            IndexReader index = new IndexReader(files);
            for (int r = 0; r < ranges.length; r++) {
                IndexStats stored = index.stats(List.of(Matcher.eq("app", "api")), ranges[r][0], ranges[r][1]);
                List<StreamStat> memory = before.get(r);
                assertThat(stored.streams()).isEqualTo(memory.size());
                assertThat(stored.chunks())
                        .isEqualTo(
                                memory.stream().mapToLong(StreamStat::getChunks).sum());
                assertThat(stored.entries())
                        .isEqualTo(memory.stream()
                                .mapToLong(StreamStat::getEntries)
                                .sum());
                assertThat(stored.bytes())
                        .isEqualTo(
                                memory.stream().mapToLong(StreamStat::getBytes).sum());
                // Flushed (though retained): now the index's to count.
                assertThat(stats(ingester, List.of(eq("app", "api")), ranges[r][0], ranges[r][1]))
                        .isEmpty();
            }
        }
    }

    private static List<StreamStat> stats(
            IngesterProcess ingester, List<LabelMatcher> matchers, long from, long through) {
        return ingester.querier("t")
                .streamStats(StreamStatsRequest.newBuilder()
                        .addAllMatchers(matchers)
                        .setStartNanos(from)
                        .setEndNanos(through)
                        .build())
                .getStreamsList();
    }
}
