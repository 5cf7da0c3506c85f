package io.skald.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skald.labels.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Content filters through the chunk format: round trip, version 1 compatibility and block skipping in queries. */
class ChunkContentFilterTest {
    private static final Labels STREAM = Labels.of("app", "api");
    private static final String NEEDLE = "trace_id=deadbeefcafebabe";
    private static final long START = 1_767_225_600_000_000_000L;

    /** 6,000 mixed lines in 4 KiB blocks; the needle is planted in two lines far apart. */
    private static List<LogEntry> entries() {
        List<LogEntry> entries = new ArrayList<>(LogSamples.mixed(3, 6_000, START));
        for (int at : new int[] {1_234, 4_321}) {
            LogEntry e = entries.get(at);
            entries.set(at, new LogEntry(e.timestampNanos(), e.line() + " " + NEEDLE));
        }
        return entries;
    }

    private static MemChunk chunk(Codec codec, ContentFilterSpec spec, List<LogEntry> entries) {
        MemChunk chunk = new MemChunk(STREAM, codec, 4096, 0, spec);
        entries.forEach(chunk::append);
        return chunk;
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void filtersSurviveEncodeAndDecodeNextToTheSameBlocks(Codec codec) {
        List<LogEntry> entries = entries();
        byte[] withFilters = chunk(codec, ContentFilterSpec.DEFAULT, entries).encode();
        byte[] without = chunk(codec, ContentFilterSpec.NONE, entries).encode();
        assertThat(withFilters[4]).isEqualTo((byte) ChunkFormat.VERSION_FILTERS);
        assertThat(without[4]).isEqualTo((byte) ChunkFormat.VERSION);

        Chunk v2 = Chunk.decode(withFilters);
        Chunk v1 = Chunk.decode(without);
        assertThat(v2.hasContentFilters()).isTrue();
        assertThat(v1.hasContentFilters()).isFalse();
        assertThat(v2.blocks()).hasSameSizeAs(v1.blocks()).hasSizeGreaterThan(20);
        assertThat(v2.stats()).isEqualTo(v1.stats());
        for (int i = 0; i < v2.blocks().size(); i++) {
            assertThat(v2.blocks().get(i).contentFilter()).isNotNull();
            assertThat(v2.blocks().get(i).compressedSize())
                    .isEqualTo(v1.blocks().get(i).compressedSize());
        }
        assertThat(v2.iterator(Long.MIN_VALUE, Long.MAX_VALUE, Direction.FORWARD)
                        .toList())
                .isEqualTo(v1.iterator(Long.MIN_VALUE, Long.MAX_VALUE, Direction.FORWARD)
                        .toList())
                .hasSize(entries.size());
        // Re-encoding the decoded blocks writes the same bytes (filters and all).
        assertThat(ChunkFormat.encode(STREAM, codec, v2.blocks())).isEqualTo(withFilters);
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void versionOneChunksDecodeAndNeverSkip(Codec codec) {
        Chunk v1 = Chunk.decode(chunk(codec, ContentFilterSpec.NONE, entries()).encode());
        ContentQuery query = ContentQuery.of(List.of(List.of("no such text anywhere")));
        assertThat(v1.blocks()).allMatch(block -> block.contentFilter() == null && block.mayMatch(query));
        assertThat(v1.iterator(Long.MIN_VALUE, Long.MAX_VALUE, Direction.FORWARD, query)
                        .toList())
                .hasSize(6_000);
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void aNeedleQueryReturnsTheSameLinesWithAndWithoutSkipping(Codec codec) {
        Chunk chunk =
                Chunk.decode(chunk(codec, ContentFilterSpec.DEFAULT, entries()).encode());
        ContentQuery query = ContentQuery.of(List.of(List.of(NEEDLE)));
        for (Direction direction : Direction.values()) {
            List<LogEntry> all = matching(chunk.iterator(Long.MIN_VALUE, Long.MAX_VALUE, direction));
            List<LogEntry> skipping = matching(chunk.iterator(Long.MIN_VALUE, Long.MAX_VALUE, direction, query));
            assertThat(skipping).hasSize(2).isEqualTo(all);
        }
        long read = chunk.blocks().stream().filter(b -> b.mayMatch(query)).count();
        // Two blocks hold the needle; a 16-digit id is almost never a false positive.
        assertThat(read).isBetween(2L, 4L);

        int[] scanned = {0};
        chunk.forEachBlock(Long.MIN_VALUE, Long.MAX_VALUE, query, view -> scanned[0]++);
        assertThat((long) scanned[0]).isEqualTo(read);
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void randomSubstringsOfStoredLinesNeverSkipTheirBlock(Codec codec) {
        List<LogEntry> entries = entries();
        Chunk chunk =
                Chunk.decode(chunk(codec, ContentFilterSpec.DEFAULT, entries).encode());
        Random random = new Random(codec.id());
        for (int probe = 0; probe < 300; probe++) {
            String line = entries.get(random.nextInt(entries.size())).line();
            int length = 4 + random.nextInt(Math.min(30, line.length() - 3));
            int from = random.nextInt(line.length() - length + 1);
            String needle = line.substring(from, from + length);
            ContentQuery query = ContentQuery.of(List.of(List.of(needle)));
            List<LogEntry> expected = new ArrayList<>();
            for (LogEntry e : entries) {
                if (e.line().contains(needle)) {
                    expected.add(e);
                }
            }
            List<LogEntry> got = new ArrayList<>();
            for (LogEntry e : chunk.iterator(Long.MIN_VALUE, Long.MAX_VALUE, Direction.FORWARD, query)
                    .toList()) {
                if (e.line().contains(needle)) {
                    got.add(e);
                }
            }
            expected.sort(java.util.Comparator.comparingLong(LogEntry::timestampNanos));
            assertThat(got).as(needle).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void theOpenChunkSkipsCutBlocksButAlwaysReadsItsHead(Codec codec) {
        MemChunk open = chunk(codec, ContentFilterSpec.DEFAULT, entries());
        open.append(START + 999_000_000_000L, "late line " + NEEDLE + "-head", Labels.EMPTY);
        ContentQuery query = ContentQuery.of(List.of(List.of(NEEDLE)));
        List<LogEntry> found = matching(open.iterator(Long.MIN_VALUE, Long.MAX_VALUE, Direction.FORWARD, query));
        assertThat(found).hasSize(3);
        assertThat(found.getLast().line()).endsWith("-head");
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void aDamagedFilterIsDetected(Codec codec) {
        byte[] encoded = chunk(codec, ContentFilterSpec.DEFAULT, entries()).encode();
        Chunk chunk = Chunk.decode(encoded);
        Block first = chunk.blocks().getFirst();
        ContentFilter filter = first.contentFilter();
        assertThat(filter).isNotNull();
        // The first block's filter starts after the header CRC, the block's bytes and their CRC.
        int filterStart = encoded.length
                - chunk.blocks().stream()
                        .mapToInt(b -> b.compressedSize()
                                + 4
                                + (b.contentFilter() == null
                                        ? 0
                                        : b.contentFilter().sizeBytes() + 4))
                        .sum()
                + first.compressedSize()
                + 4;
        byte[] damaged = encoded.clone();
        damaged[filterStart + 5] ^= 0x10;
        assertThatThrownBy(() -> Chunk.decode(damaged))
                .isInstanceOf(CorruptChunkException.class)
                .hasMessageContaining("content filter of block 0");
    }

    private static List<LogEntry> matching(EntryIterator it) {
        List<LogEntry> out = new ArrayList<>();
        for (LogEntry e : it.toList()) {
            if (e.line().contains(NEEDLE)) {
                out.add(e);
            }
        }
        return out;
    }
}
