package io.skald.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.labels.Labels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Property-style: random entries through a chunk, its encoding and decoding, against a sorted-set model. */
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
        TreeMap<Key, LogEntry> model = new TreeMap<>();
        int appended = 0;
        List<LogEntry> history = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            LogEntry entry = randomEntry(random, i, history);
            history.add(entry);
            AppendResult result = chunk.append(entry);
            if (result == AppendResult.APPENDED) {
                appended++;
            }
            model.putIfAbsent(new Key(entry), entry);
        }
        List<LogEntry> expected = new ArrayList<>(model.values());
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
                .containsExactlyElementsOf(expected.reversed());

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
        TreeMap<Key, LogEntry> model = new TreeMap<>();
        List<LogEntry> history = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            LogEntry entry = randomEntry(random, i, history);
            history.add(entry);
            chunk.append(entry);
            model.putIfAbsent(new Key(entry), entry);
        }
        Chunk decoded = Chunk.decode(chunk.encode());
        long min = model.firstKey().time;
        long max = model.lastKey().time;
        for (int probe = 0; probe < 60; probe++) {
            long from = min - 10 + (long) (random.nextDouble() * (max - min + 20));
            long through = probe % 10 == 0 ? from : from + (long) (random.nextDouble() * (max - min) / 3);
            if (probe % 7 == 0) {
                // Bounds exactly on an entry's timestamp: from is inclusive, through exclusive.
                List<Key> keys = new ArrayList<>(model.keySet());
                from = keys.get(random.nextInt(keys.size())).time;
                through = keys.get(random.nextInt(keys.size())).time;
            }
            long f = from;
            long t = through;
            List<LogEntry> expected = model.values().stream()
                    .filter(e -> e.timestampNanos() >= f && e.timestampNanos() < t)
                    .toList();
            assertThat(decoded.iterator(from, through, Direction.FORWARD).toList())
                    .as("forward [%d, %d)", from, through)
                    .containsExactlyElementsOf(expected);
            assertThat(decoded.iterator(from, through, Direction.BACKWARD).toList())
                    .as("backward [%d, %d)", from, through)
                    .containsExactlyElementsOf(expected.reversed());
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

    /** Entry identity and order: timestamp, then line bytes unsigned. */
    private static final class Key implements Comparable<Key> {
        final long time;
        final byte[] line;

        Key(LogEntry entry) {
            this.time = entry.timestampNanos();
            this.line = entry.line().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public int compareTo(Key other) {
            int order = Long.compare(time, other.time);
            return order != 0 ? order : Arrays.compareUnsigned(line, other.line);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && compareTo(key) == 0;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(time) * 31 + Arrays.hashCode(line);
        }
    }
}
