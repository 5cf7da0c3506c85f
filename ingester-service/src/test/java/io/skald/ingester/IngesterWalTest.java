package io.skald.ingester;

import static io.skald.ingester.IngesterGrpcTest.eq;
import static io.skald.ingester.IngesterProcess.entry;
import static io.skald.ingester.IngesterProcess.push;
import static org.assertj.core.api.Assertions.assertThat;

import io.skald.proto.ingester.Direction;
import io.skald.proto.ingester.QueryRequest;
import io.skald.proto.logproto.StreamAdapter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every acknowledged push survives a crash: a restarted ingester replays the WAL before it reports ready. */
class IngesterWalTest {
    private static final long BASE = 1_760_000_000_000_000_000L;

    @TempDir
    Path dataDir;

    @Test
    void aCrashedIngesterReplaysEveryAcknowledgedEntry() throws Exception {
        List<String> acknowledged = new ArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        // A short checkpoint period, so replay reads a checkpoint and the segments after it.
        String yaml = "";
        Map<String, String> overrides = Map.of("ingester.wal.checkpoint_duration", "300ms");
        try (IngesterProcess first = IngesterProcess.start(dataDir, yaml, overrides)) {
            // Pushes from several threads share group commits.
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writers.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < 100; i++) {
                        String line = "w" + writer + "-" + i;
                        try {
                            first.pusher("wal")
                                    .push(push(
                                            "{app=\"wal\", writer=\"" + writer + "\"}",
                                            entry(BASE + i * 1_000L, line)));
                            synchronized (acknowledged) {
                                acknowledged.add(line);
                            }
                        } catch (RuntimeException e) {
                            failures.incrementAndGet();
                        }
                        if (i == 50) {
                            sleepQuietly(400); // let a checkpoint happen mid-way
                        }
                    }
                }));
            }
            for (Thread thread : writers) {
                thread.join();
            }
            // Same timestamp, pushed in an order unlike byte order: replay keeps push order.
            first.pusher("wal")
                    .push(push(
                            "{app=\"wal\", writer=\"ties\"}", entry(BASE, "zz"), entry(BASE, "aa"), entry(BASE, "mm")));
            first.crash();
        }
        assertThat(failures).hasValue(0);
        assertThat(acknowledged).hasSize(400);
        try (Stream<Path> files = Files.list(dataDir.resolve("wal"))) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(name -> name.startsWith("checkpoint"));
        }

        try (IngesterProcess second = IngesterProcess.start(dataDir, yaml, overrides)) {
            List<String> replayed = lines(second, "wal");
            assertThat(replayed).containsExactlyInAnyOrderElementsOf(withTies(acknowledged));
            List<String> ties = new ArrayList<>();
            second.querier("wal")
                    .query(QueryRequest.newBuilder()
                            .addMatchers(eq("writer", "ties"))
                            .setStartNanos(BASE)
                            .setEndNanos(BASE + 1)
                            .setDirection(Direction.FORWARD)
                            .build())
                    .forEachRemaining(response -> response.getStreamsList()
                            .forEach(stream -> stream.getEntriesList().forEach(e -> ties.add(e.getLine()))));
            assertThat(ties).containsExactly("zz", "aa", "mm");
            assertThat(second.http("GET", "/metrics").body())
                    .containsPattern("loki_ingester_wal_replay_duration_seconds_count 1(\\.0)?\n");
            // A second crash right after replay loses nothing either: replayed data is still in the WAL.
            second.crash();
        }
        try (IngesterProcess third = IngesterProcess.start(dataDir, yaml, overrides)) {
            assertThat(lines(third, "wal")).containsExactlyInAnyOrderElementsOf(withTies(acknowledged));
        }
    }

    private static List<String> withTies(List<String> acknowledged) {
        List<String> all = new ArrayList<>(acknowledged);
        all.addAll(List.of("zz", "aa", "mm"));
        return all;
    }

    private static List<String> lines(IngesterProcess ingester, String tenant) {
        List<String> lines = new ArrayList<>();
        ingester.querier(tenant)
                .query(QueryRequest.newBuilder()
                        .addMatchers(eq("app", "wal"))
                        .setStartNanos(0)
                        .setEndNanos(Long.MAX_VALUE)
                        .build())
                .forEachRemaining(response -> {
                    for (StreamAdapter stream : response.getStreamsList()) {
                        stream.getEntriesList().forEach(e -> lines.add(e.getLine()));
                    }
                });
        return lines;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
