package io.skald.wal;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.chunk.AppendResult;
import io.skald.chunk.ByteWriter;
import io.skald.chunk.Codec;
import io.skald.chunk.Direction;
import io.skald.chunk.LogEntry;
import io.skald.chunk.MemChunk;
import io.skald.labels.Labels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WalWriterReplayTest {
    @TempDir
    Path directory;

    @Test
    void acknowledgedRecordsReplayInOrderWithoutClose() throws Exception {
        List<WalRecord> written = randomRecords(new Random(1), 500);
        WalWriter writer = WalWriter.open(directory);
        for (WalRecord record : written) {
            writer.append(record).join();
        }
        // "Crash": the writer is abandoned, never closed.
        List<WalRecord> replayed = new ArrayList<>();
        ReplayReport report = WalReplayer.replay(directory, (record, bytes) -> replayed.add(record));
        assertThat(replayed).containsExactlyElementsOf(written);
        assertThat(report.records()).isEqualTo(500);
        assertThat(report.corruptTails()).isZero();
        assertThat(report.checkpoint()).isEqualTo(-1);
        assertThat(report.bytes()).isEqualTo(Files.size(directory.resolve("00000001")));
        writer.close();
    }

    @Test
    void concurrentPushersShareFsyncsAndEveryAcknowledgedRecordReplays() throws Exception {
        WalWriter writer = WalWriter.open(directory, 8 * 1024);
        int threads = 8;
        int perThread = 150;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<WalRecord>>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            results.add(pool.submit(() -> {
                List<WalRecord> acknowledged = new ArrayList<>();
                List<CompletableFuture<Void>> inFlight = new ArrayList<>();
                List<WalRecord> batch = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    WalRecord record = new WalRecord.Entries(
                            "tenant-" + thread, thread, List.of(new LogEntry(i, "thread " + thread + " line " + i)));
                    batch.add(record);
                    inFlight.add(writer.append(record));
                    if (i % 10 == 9) {
                        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
                                .join();
                        acknowledged.addAll(batch);
                        batch.clear();
                        inFlight.clear();
                    }
                }
                return acknowledged;
            }));
        }
        List<WalRecord> acknowledged = new ArrayList<>();
        for (Future<List<WalRecord>> result : results) {
            acknowledged.addAll(result.get());
        }
        pool.shutdown();
        assertThat(writer.syncCount()).isBetween(1L, (long) threads * perThread);
        assertThat(WalFiles.segments(directory)).hasSizeGreaterThan(1);

        List<WalRecord> replayed = Collections.synchronizedList(new ArrayList<>());
        WalReplayer.replay(directory, (record, bytes) -> replayed.add(record));
        assertThat(replayed).containsExactlyInAnyOrderElementsOf(acknowledged);
        // Each pusher's records keep their order across segments.
        for (int t = 0; t < threads; t++) {
            long thread = t;
            assertThat(replayed.stream()
                            .filter(r -> r.fingerprint() == thread)
                            .map(r ->
                                    ((WalRecord.Entries) r).entries().getFirst().timestampNanos())
                            .toList())
                    .isSorted()
                    .hasSize(perThread);
        }
        writer.close();
    }

    @ParameterizedTest(name = "cut {0} bytes off the last record")
    @ValueSource(ints = {1, 2, 5, 9, 10, 20, -1})
    void aTornTailEndsReplayOfThatSegmentCleanly(int cut) throws Exception {
        List<WalRecord> written = randomRecords(new Random(2), 40);
        WalWriter writer = WalWriter.open(directory);
        for (WalRecord record : written) {
            writer.append(record).join();
        }
        Path segment = directory.resolve("00000001");
        long size = Files.size(segment);
        long lastRecordSize = encodedSize(written.getLast());
        // -1: cut the whole last record but for one byte of its header.
        long keep = cut == -1 ? size - lastRecordSize + 1 : size - cut;
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.truncate(keep);
        }
        List<WalRecord> replayed = new ArrayList<>();
        ReplayReport report = WalReplayer.replay(directory, (record, bytes) -> replayed.add(record));
        assertThat(replayed).containsExactlyElementsOf(written.subList(0, written.size() - 1));
        assertThat(report.corruptTails()).isEqualTo(1);

        // A restarted writer starts a new segment; replay then sees old records, skips the torn one, sees new ones.
        WalWriter restarted = WalWriter.open(directory);
        WalRecord after = new WalRecord.Series("t", 99, Labels.of("job", "after-restart"));
        restarted.append(after).join();
        restarted.close();
        List<WalRecord> again = new ArrayList<>();
        WalReplayer.replay(directory, (record, bytes) -> again.add(record));
        assertThat(again).hasSize(written.size()).endsWith(after);
    }

    @Test
    void zeroFilledOrCorruptTailIsIgnoredAndLaterSegmentsStillReplay() throws Exception {
        WalWriter writer = WalWriter.open(directory);
        WalRecord first = new WalRecord.Series("t", 1, Labels.of("a", "1"));
        WalRecord second = new WalRecord.Series("t", 2, Labels.of("a", "2"));
        writer.append(first).join();
        writer.append(second).join();
        writer.rotate();
        WalRecord third = new WalRecord.Series("t", 3, Labels.of("a", "3"));
        writer.append(third).join();
        writer.close();
        Path segment = directory.resolve("00000001");
        // Flip one byte inside the second record's payload, then append zeros as a crashed filesystem may.
        byte[] bytes = Files.readAllBytes(segment);
        bytes[bytes.length - 2] ^= 0x01;
        Files.write(segment, bytes);
        Files.write(segment, new byte[64], StandardOpenOption.APPEND);
        List<WalRecord> replayed = new ArrayList<>();
        ReplayReport report = WalReplayer.replay(directory, (record, replayedBytes) -> replayed.add(record));
        assertThat(replayed).containsExactly(first, third);
        assertThat(report.corruptTails()).isEqualTo(1);
        assertThat(report.segments()).isEqualTo(2);
    }

    @Test
    void checkpointThenLaterSegmentsReplayAndCoveredSegmentsAreDeleted() throws Exception {
        WalWriter writer = WalWriter.open(directory, 2_000);
        List<WalRecord> before = randomRecords(new Random(3), 100);
        for (WalRecord record : before) {
            writer.append(record).join();
        }
        assertThat(WalFiles.segments(directory)).hasSizeGreaterThan(2);
        // The ingester's in-memory state: here one series plus one entries record per fingerprint.
        List<WalRecord> state = List.of(
                new WalRecord.Series("t", 7, Labels.of("app", "x")),
                new WalRecord.Entries("t", 7, List.of(new LogEntry(1, "a"), new LogEntry(2, "b"))));
        CheckpointResult checkpoint = writer.checkpoint(state);
        assertThat(checkpoint.records()).isEqualTo(2);
        assertThat(WalFiles.segments(directory)).allMatch(index -> index > checkpoint.segment());
        assertThat(WalFiles.checkpoints(directory)).containsExactly(checkpoint.segment());

        List<WalRecord> after = randomRecords(new Random(4), 30);
        for (WalRecord record : after) {
            writer.append(record).join();
        }
        CheckpointResult second = writer.checkpoint(List.of(state.getFirst()));
        assertThat(second.segment()).isGreaterThan(checkpoint.segment());
        assertThat(WalFiles.checkpoints(directory)).containsExactly(second.segment());
        List<WalRecord> last = randomRecords(new Random(5), 10);
        for (WalRecord record : last) {
            writer.append(record).join();
        }

        List<WalRecord> replayed = new ArrayList<>();
        List<Long> progress = new ArrayList<>();
        ReplayReport report = WalReplayer.replay(directory, (record, bytes) -> {
            replayed.add(record);
            progress.add(bytes);
        });
        List<WalRecord> expected = new ArrayList<>();
        expected.add(state.getFirst());
        expected.addAll(last);
        assertThat(replayed).containsExactlyElementsOf(expected);
        assertThat(report.checkpoint()).isEqualTo(second.segment());
        assertThat(progress).isSorted().last().isEqualTo(report.bytes());
        writer.close();
    }

    @Test
    void entriesInBothTheCheckpointAndTheNextSegmentReplayOnceIntoAChunk() throws Exception {
        WalWriter writer = WalWriter.open(directory);
        Labels stream = Labels.of("app", "x");
        List<LogEntry> entries = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            entries.add(new LogEntry(100 + i, "line " + i));
        }
        writer.append(new WalRecord.Series("t", stream.hash(), stream)).join();
        writer.append(new WalRecord.Entries("t", stream.hash(), entries.subList(0, 5)))
                .join();
        // The snapshot already holds entry 5, which a push logs after the checkpoint's rotation.
        writer.checkpoint(List.of(
                new WalRecord.Series("t", stream.hash(), stream),
                new WalRecord.Entries("t", stream.hash(), entries.subList(0, 6))));
        writer.append(new WalRecord.Entries("t", stream.hash(), entries.subList(5, 7)))
                .join();
        writer.close();

        Map<Long, MemChunk> chunks = new HashMap<>();
        List<AppendResult> results = new ArrayList<>();
        WalReplayer.replay(directory, (record, bytes) -> {
            switch (record) {
                case WalRecord.Series series ->
                    chunks.put(series.fingerprint(), new MemChunk(series.labels(), Codec.SNAPPY, 1 << 16, 0));
                case WalRecord.Entries batch ->
                    batch.entries()
                            .forEach(entry ->
                                    results.add(chunks.get(batch.fingerprint()).append(entry)));
            }
        });
        MemChunk chunk = chunks.get(stream.hash());
        assertThat(chunk.iterator(0, 1_000, Direction.FORWARD).toList()).containsExactlyElementsOf(entries);
        assertThat(results).filteredOn(r -> r == AppendResult.DUPLICATE).hasSize(1);
    }

    @Test
    void aCrashMidCheckpointLeavesTheOldStateReplayable() throws Exception {
        WalWriter writer = WalWriter.open(directory);
        WalRecord record = new WalRecord.Series("t", 1, Labels.of("a", "b"));
        writer.append(record).join();
        writer.close();
        // A checkpoint that never got renamed into place.
        Files.write(directory.resolve("checkpoint.00000001.tmp"), new byte[] {1, 2, 3});
        List<WalRecord> replayed = new ArrayList<>();
        WalReplayer.replay(directory, (r, bytes) -> replayed.add(r));
        assertThat(replayed).containsExactly(record);
        WalWriter.open(directory).close();
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void appendsAfterCloseFail() throws Exception {
        WalWriter writer = WalWriter.open(directory);
        writer.close();
        assertThat(writer.append(new WalRecord.Series("t", 1, Labels.EMPTY))).isCompletedExceptionally();
    }

    @Test
    void missingDirectoryReplaysNothing() throws Exception {
        ReplayReport report = WalReplayer.replay(directory.resolve("absent"), (record, bytes) -> {});
        assertThat(report.records()).isZero();
    }

    static List<WalRecord> randomRecords(Random random, int count) {
        List<WalRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String tenant = "tenant-" + random.nextInt(3);
            long fingerprint = random.nextLong();
            if (random.nextInt(4) == 0) {
                records.add(new WalRecord.Series(
                        tenant, fingerprint, Labels.of("app", "a" + random.nextInt(10), "env", "prod")));
            } else {
                List<LogEntry> entries = new ArrayList<>();
                int size = 1 + random.nextInt(5);
                long time = 1_700_000_000_000_000_000L + random.nextInt(1_000_000);
                for (int e = 0; e < size; e++) {
                    time += random.nextInt(2_000_000) - 500_000; // sometimes out of order
                    String line = switch (random.nextInt(4)) {
                        case 0 -> "";
                        case 1 -> "ünïcødé ログ 🚀 " + random.nextInt();
                        default -> "level=info msg=\"hello\" n=" + random.nextInt(1000);
                    };
                    Labels metadata =
                            random.nextBoolean() ? Labels.of("trace_id", "t" + random.nextInt(9)) : Labels.EMPTY;
                    entries.add(new LogEntry(time, line, metadata));
                }
                records.add(new WalRecord.Entries(tenant, fingerprint, entries));
            }
        }
        return records;
    }

    private static long encodedSize(WalRecord record) {
        ByteWriter out = new ByteWriter(64);
        RecordCodec.write(record, out);
        return out.size();
    }
}
