package io.skald.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.labels.Labels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Property-style: random entries through a chunk, its encoding and decoding, against a model sorting by timestamp stably. */
class ChunkRoundTripTest {
    private static final Labels STREAM = Labels.of("app", "api", "env", "prod");
    private static final String UNICODE = "héllo wörld — 日本語 ログ 🚀 ✓ Ωμέγα";

    static Stream<Arguments> codecsAndSeeds() {
        List<Arguments> cases = new ArrayList<>();
        for (Codec codec : Codec.values()) {
            for (long seed = 1; seed <= 4; seed++) {
                cases.add(Arguments.of(codec, seed));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("codecsAndSeeds")
    void everyAcceptedEntryComesBackInOrderAfterEncodeAndDecode(Codec codec, long seed) {
        Random random = new Random(seed);
        MemChunk chunk = new MemChunk(STREAM, codec, 4096, 0);
        List<LogEntry> accepted = new ArrayList<>();
        int appended = 0;
        List<LogEntry> history = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            LogEntry entry = randomEntry(random, i, history);
            history.add(entry);
            AppendResult result = chunk.append(entry);
            if (result == AppendResult.APPENDED) {
                appended++;
                accepted.add(entry);
            }
        }
        List<LogEntry> expected = forward(accepted);
        assertThat(chunk.blockCount()).isGreaterThan(3);
        assertThat(chunk.entries()).isEqualTo(appended);

        // Before encoding: cut blocks plus the uncompressed head.
        assertThat(chunk.iterator(Long.MIN_VALUE, Long.MAX_VALUE, Direction.FORWARD)
                        .toList())
                .containsExactlyElementsOf(expected);

        byte[] encoded = chunk.encode();
        Chunk decoded = Chunk.decode(encoded);
        assertThat(decoded.codec()).isEqualTo(codec);
        assertThat(decoded.labels()).isEqualTo(STREAM);
        assertThat(decoded.stats().entries()).isEqualTo(appended);
        assertThat(decoded.stats().from()).isEqualTo(expected.getFirst().timestampNanos());
        assertThat(decoded.stats().through()).isEqualTo(expected.getLast().timestampNanos());
        assertThat(decoded.stats().uncompressedBytes()).isEqualTo(chunk.uncompressedSize());
        assertThat(decoded.iterator(Long.MIN_VALUE, Long.MAX_VALUE, Direction.FORWARD)
                        .toList())
                .containsExactlyElementsOf(expected);
        assertThat(decoded.iterator(Long.MIN_VALUE, Long.MAX_VALUE, Direction.BACKWARD)
                        .toList())
                .containsExactlyElementsOf(backward(accepted));

        // Re-encoding the decoded content gives the same bytes, hence the same object name.
        MemChunk again = new MemChunk(STREAM, codec, 4096, 0);
        history.forEach(again::append);
        assertThat(Chunk.contentHash(again.encode())).isEqualTo(Chunk.contentHash(encoded));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("codecs")
    void rangesSelectHalfOpenIntervalsInBothDirections(Codec codec) {
        Random random = new Random(42);
        MemChunk chunk = new MemChunk(STREAM, codec, 2048, 0);
        List<LogEntry> accepted = new ArrayList<>();
        List<LogEntry> history = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            LogEntry entry = randomEntry(random, i, history);
            history.add(entry);
            if (chunk.append(entry) == AppendResult.APPENDED) {
                accepted.add(entry);
            }
        }
        Chunk decoded = Chunk.decode(chunk.encode());
        List<LogEntry> forwardModel = forward(accepted);
        List<LogEntry> backwardModel = backward(accepted);
        long min = forwardModel.getFirst().timestampNanos();
        long max = forwardModel.getLast().timestampNanos();
        for (int probe = 0; probe < 60; probe++) {
            long from = min - 10 + (long) (random.nextDouble() * (max - min + 20));
            long through = probe % 10 == 0 ? from : from + (long) (random.nextDouble() * (max - min) / 3);
            if (probe % 7 == 0) {
                // Bounds exactly on an entry's timestamp: from is inclusive, through exclusive.
                from = forwardModel.get(random.nextInt(forwardModel.size())).timestampNanos();
                through = forwardModel.get(random.nextInt(forwardModel.size())).timestampNanos();
            }
            long f = from;
            long t = through;
            assertThat(decoded.iterator(from, through, Direction.FORWARD).toList())
                    .as("forward [%d, %d)", from, through)
                    .containsExactlyElementsOf(forwardModel.stream()
                            .filter(e -> e.timestampNanos() >= f && e.timestampNanos() < t)
                            .toList());
            assertThat(decoded.iterator(from, through, Direction.BACKWARD).toList())
                    .as("backward [%d, %d)", from, through)
                    .containsExactlyElementsOf(backwardModel.stream()
                            .filter(e -> e.timestampNanos() >= f && e.timestampNanos() < t)
                            .toList());
        }
    }

    static Stream<Codec> codecs() {
        return Arrays.stream(Codec.values());
    }

    /**
     * Mostly increasing timestamps with out-of-order entries, repeated timestamps, exact duplicates (sometimes long
     * after the original, so they land in another block), unicode, empty and large lines, and structured metadata.
     */
    private static LogEntry randomEntry(Random random, int index, List<LogEntry> history) {
        int kind = random.nextInt(100);
        if (kind < 8 && !history.isEmpty()) {
            // Exact duplicate, recent or old.
            int back =
                    random.nextBoolean() ? random.nextInt(Math.min(5, history.size())) : random.nextInt(history.size());
            return history.get(history.size() - 1 - back);
        }
        long base = 1_700_000_000_000_000_000L + index * 1_000_000L;
        long time;
        if (kind < 20) {
            time = base - random.nextInt(200) * 1_000_000L; // out of order
        } else if (kind < 25 && !history.isEmpty()) {
            time = history.getLast().timestampNanos(); // same timestamp, different line
        } else {
            time = base + random.nextInt(1_000);
        }
        String line = switch (random.nextInt(12)) {
            case 0 -> "";
            case 1 -> UNICODE + " #" + random.nextInt(50);
            case 2 -> "x".repeat(5_000 + random.nextInt(20_000)) + index;
            default -> "level=info msg=\"request\" n=" + random.nextInt(100) + " i=" + index;
        };
        Labels metadata = random.nextInt(4) == 0
                ? Labels.of("trace_id", Integer.toHexString(random.nextInt(16)), "pod", "pod-" + random.nextInt(3))
                : Labels.EMPTY;
        return new LogEntry(time, line, metadata);
    }

    /** The model of forward order: by timestamp, equal timestamps in push order, the first of duplicates kept. */
    private static List<LogEntry> forward(List<LogEntry> accepted) {
        List<LogEntry> sorted = new ArrayList<>(accepted);
        sorted.sort(Comparator.comparingLong(LogEntry::timestampNanos)); // stable
        return withoutDuplicates(sorted);
    }

    /** Backward is forward's order reversed (duplicates included), then the first of duplicates met kept. */
    private static List<LogEntry> backward(List<LogEntry> accepted) {
        List<LogEntry> sorted = new ArrayList<>(accepted);
        sorted.sort(Comparator.comparingLong(LogEntry::timestampNanos));
        return withoutDuplicates(sorted.reversed());
    }

    private static List<LogEntry> withoutDuplicates(List<LogEntry> entries) {
        Set<String> seen = new HashSet<>();
        List<LogEntry> kept = new ArrayList<>();
        for (LogEntry entry : entries) {
            if (seen.add(entry.timestampNanos() + "\u0000" + entry.line())) {
                kept.add(entry);
            }
        }
        return kept;
    }
}
