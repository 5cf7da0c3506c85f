package io.skald.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.labels.Labels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemChunkTest {
    private static final Labels STREAM = Labels.of("app", "api");

    @Test
    void headIsCutWhenItReachesTheBlockSize() {
        MemChunk chunk = new MemChunk(STREAM, Codec.SNAPPY, 1_000, 0);
        byte[] line = "a".repeat(99).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 9; i++) {
            chunk.append(i, line, Labels.EMPTY);
        }
        assertThat(chunk.blockCount()).isZero();
        chunk.append(9, line, Labels.EMPTY);
        assertThat(chunk.blockCount()).isZero();
        chunk.append(10, line, Labels.EMPTY); // 1089 bytes >= 1000
        assertThat(chunk.blockCount()).isEqualTo(1);
        for (int i = 11; i < 55; i++) {
            chunk.append(i, line, Labels.EMPTY);
        }
        assertThat(chunk.blockCount()).isEqualTo(5);
        assertThat(chunk.entries()).isEqualTo(55);
        Chunk decoded = Chunk.decode(chunk.encode());
        assertThat(decoded.blocks()).hasSize(5);
        assertThat(decoded.blocks()).extracting(Block::entries).containsExactly(11, 11, 11, 11, 11);
        assertThat(decoded.stats().entries()).isEqualTo(55);
        assertThat(decoded.stats().from()).isZero();
        assertThat(decoded.stats().through()).isEqualTo(54);
    }

    @Test
    void metadataCountsTowardsTheBlockSize() {
        MemChunk chunk = new MemChunk(STREAM, Codec.NONE, 100, 0);
        chunk.append(1, "short", Labels.of("trace_id", "x".repeat(100)));
        assertThat(chunk.blockCount()).isEqualTo(1);
    }

    @Test
    void targetSizeDrivesSpaceForAndUtilization() {
        MemChunk chunk = new MemChunk(STREAM, Codec.GZIP, 4_096, 20_000);
        assertThat(chunk.utilization()).isZero();
        assertThat(chunk.spaceFor(100)).isTrue();
        int appended = 0;
        for (LogEntry entry : LogSamples.mixed(7, 100_000, 0)) {
            if (!chunk.spaceFor(entry.line().length())) {
                break;
            }
            chunk.append(entry);
            appended++;
        }
        assertThat(appended).isBetween(100, 99_999);
        assertThat(chunk.compressedSize()).isLessThan(20_000);
        assertThat(chunk.utilization()).isBetween(0.9, 1.0);
        byte[] encoded = chunk.encode();
        Chunk decoded = Chunk.decode(encoded);
        assertThat(decoded.stats().compressedBytes()).isLessThan(20_000);
        assertThat(decoded.stats().uncompressedBytes())
                .isGreaterThan(decoded.stats().compressedBytes() * 2);
        assertThat(encoded.length).isLessThan(21_000);
    }

    @Test
    void withoutTargetSizeAChunkHoldsTenBlocks() {
        MemChunk chunk = new MemChunk(STREAM, Codec.NONE, 100, 0);
        int i = 0;
        while (chunk.spaceFor(50)) {
            chunk.append(i++, "x".repeat(50), Labels.EMPTY);
        }
        assertThat(chunk.blockCount()).isEqualTo(10);
        assertThat(chunk.utilization()).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void exactDuplicatesInTheHeadAreDroppedButSameTimestampOtherLinesAreKept() {
        MemChunk chunk = new MemChunk(STREAM, Codec.LZ4, 1 << 20, 0);
        assertThat(chunk.append(5, "a", Labels.EMPTY)).isEqualTo(AppendResult.APPENDED);
        assertThat(chunk.append(5, "a", Labels.EMPTY)).isEqualTo(AppendResult.DUPLICATE);
        assertThat(chunk.append(5, "b", Labels.EMPTY)).isEqualTo(AppendResult.APPENDED);
        assertThat(chunk.append(6, "a", Labels.EMPTY)).isEqualTo(AppendResult.APPENDED);
        assertThat(chunk.append(5, "a", Labels.of("k", "v"))).isEqualTo(AppendResult.DUPLICATE);
        assertThat(chunk.append(4, "a", Labels.EMPTY)).isEqualTo(AppendResult.APPENDED);
        assertThat(chunk.entries()).isEqualTo(4);
        assertThat(chunk.iterator(0, 10, Direction.FORWARD).toList())
                .containsExactly(
                        new LogEntry(4, "a"), new LogEntry(5, "a"), new LogEntry(5, "b"), new LogEntry(6, "a"));
    }

    @Test
    void duplicatesAcrossBlocksAreRemovedWhenIterating() {
        MemChunk chunk = new MemChunk(STREAM, Codec.ZSTD, 1 << 20, 0);
        chunk.append(10, "same", Labels.EMPTY);
        chunk.append(20, "other", Labels.EMPTY);
        chunk.cut();
        chunk.append(10, "same", Labels.EMPTY);
        chunk.append(15, "new", Labels.EMPTY);
        assertThat(chunk.iterator(0, 100, Direction.FORWARD).toList())
                .extracting(LogEntry::line)
                .containsExactly("same", "new", "other");
        assertThat(Chunk.decode(chunk.encode())
                        .iterator(0, 100, Direction.BACKWARD)
                        .toList())
                .extracting(LogEntry::line)
                .containsExactly("other", "new", "same");
    }

    @Test
    void equalTimestampsKeepPushOrderForwardAndReversePushOrderBackward() {
        MemChunk chunk = new MemChunk(STREAM, Codec.GZIP, 1 << 20, 0);
        // Lines pushed in an order unlike their byte order, split over two blocks and the head, with duplicates.
        for (String line : List.of("zulu", "alpha", "mike")) {
            chunk.append(7, line, Labels.EMPTY);
        }
        chunk.append(3, "early", Labels.EMPTY);
        chunk.cut();
        chunk.append(7, "bravo", Labels.EMPTY);
        chunk.append(7, "alpha", Labels.EMPTY); // a duplicate in another block, not adjacent when merged
        chunk.cut();
        chunk.append(7, "yankee", Labels.EMPTY);
        chunk.append(7, "yankee", Labels.EMPTY); // a duplicate in the head: rejected on append
        List<String> forward = List.of("early", "zulu", "alpha", "mike", "bravo", "yankee");
        assertThat(chunk.iterator(0, 10, Direction.FORWARD).toList())
                .extracting(LogEntry::line)
                .containsExactlyElementsOf(forward);
        assertThat(chunk.iterator(0, 10, Direction.BACKWARD).toList())
                .extracting(LogEntry::line)
                .containsExactly("yankee", "alpha", "bravo", "mike", "zulu", "early");
        Chunk decoded = Chunk.decode(chunk.encode());
        assertThat(decoded.iterator(0, 10, Direction.FORWARD).toList())
                .extracting(LogEntry::line)
                .containsExactlyElementsOf(forward);
    }

    @Test
    void iteratorExposesLinesAsSlicesWithoutCopying() {
        MemChunk chunk = new MemChunk(STREAM, Codec.SNAPPY, 1 << 20, 0);
        chunk.append(2, "two", Labels.of("trace_id", "abc"));
        chunk.append(1, "one", Labels.EMPTY);
        EntryIterator iterator = Chunk.decode(chunk.encode()).iterator(0, 10, Direction.FORWARD);
        assertThat(iterator.next()).isTrue();
        assertThat(iterator.timestamp()).isEqualTo(1);
        assertThat(new String(
                        iterator.lineArray(), iterator.lineOffset(), iterator.lineLength(), StandardCharsets.UTF_8))
                .isEqualTo("one");
        assertThat(iterator.metadata()).isEqualTo(Labels.EMPTY);
        byte[] firstArray = iterator.lineArray();
        assertThat(iterator.next()).isTrue();
        assertThat(iterator.lineArray()).isSameAs(firstArray);
        assertThat(iterator.line()).isEqualTo("two");
        assertThat(iterator.metadata()).isEqualTo(Labels.of("trace_id", "abc"));
        assertThat(iterator.next()).isFalse();
    }

    @Test
    void blockViewLinesAreOneContiguousRegion() {
        MemChunk chunk = new MemChunk(STREAM, Codec.GZIP, 300, 0);
        List<LogEntry> entries = LogSamples.mixed(3, 50, 1_000);
        entries.forEach(chunk::append);
        chunk.append(entries.getLast().timestampNanos() + 1, "", Labels.EMPTY);
        Chunk decoded = Chunk.decode(chunk.encode());
        List<String> seen = new ArrayList<>();
        decoded.forEachBlock(Long.MIN_VALUE, Long.MAX_VALUE, view -> {
            StringBuilder joined = new StringBuilder();
            for (int i = 0; i < view.entries(); i++) {
                seen.add(view.line(i));
                joined.append(view.line(i));
                assertThat(view.lineOffset(i) + view.lineLength(i)).isEqualTo(view.lineOffsets()[i + 1]);
                if (view.lineLength(i) > 0) {
                    assertThat(view.entryAt(view.lineOffset(i))).isEqualTo(i);
                    assertThat(view.entryAt(view.lineOffset(i) + view.lineLength(i) - 1))
                            .isEqualTo(i);
                }
            }
            String region = new String(
                    view.data(), view.linesStart(), view.linesEnd() - view.linesStart(), StandardCharsets.UTF_8);
            assertThat(region).isEqualTo(joined.toString());
            long[] times = Arrays.copyOf(view.timestamps(), view.entries());
            assertThat(times).isSorted();
        });
        List<String> expected =
                new ArrayList<>(entries.stream().map(LogEntry::line).toList());
        expected.add("");
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void emptyChunkEncodesAndDecodes() {
        MemChunk chunk = new MemChunk(STREAM, Codec.ZSTD, 1_000, 0);
        Chunk decoded = Chunk.decode(chunk.encode());
        assertThat(decoded.blocks()).isEmpty();
        assertThat(decoded.stats().entries()).isZero();
        assertThat(decoded.iterator(Long.MIN_VALUE, Long.MAX_VALUE, Direction.FORWARD)
                        .next())
                .isFalse();
    }

    @Test
    void identicalContentHasTheSameNameAndDifferentContentDoesNot() {
        byte[] first = build(Codec.SNAPPY, "a", "b");
        byte[] second = build(Codec.SNAPPY, "a", "b");
        byte[] other = build(Codec.SNAPPY, "a", "c");
        assertThat(Chunk.contentHash(first))
                .isEqualTo(Chunk.contentHash(second))
                .hasSize(64);
        assertThat(Chunk.contentHash(other)).isNotEqualTo(Chunk.contentHash(first));
    }

    private static byte[] build(Codec codec, String... lines) {
        MemChunk chunk = new MemChunk(STREAM, codec, 1_000, 0);
        for (int i = 0; i < lines.length; i++) {
            chunk.append(i, lines[i], Labels.EMPTY);
        }
        return chunk.encode();
    }
}
