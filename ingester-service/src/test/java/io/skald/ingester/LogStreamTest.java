package io.skald.ingester;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.chunk.Codec;
import io.skald.chunk.ContentQuery;
import io.skald.chunk.Direction;
import io.skald.chunk.LogEntry;
import io.skald.labels.Labels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogStreamTest {
    private static final long HOUR = Duration.ofHours(1).toNanos();

    private static LogStream stream(long targetSize, Duration retain) {
        ChunkSettings settings =
                new ChunkSettings(Codec.SNAPPY, 1024, targetSize, Duration.ofMinutes(30), Duration.ofHours(2), retain);
        return new LogStream("t", Labels.of("app", "a"), settings, 0);
    }

    @Test
    void headIsClosedWhenFullAndEntriesSpanningChunksStillComeBackInOrder() {
        LogStream stream = stream(2_000, Duration.ZERO);
        List<LogEntry> entries = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            entries.add(new LogEntry(1_000 + i, "line number " + i + " with some padding to fill blocks"));
        }
        assertThat(stream.append(entries, 0, true).stored()).hasSize(200);
        List<ClosedChunk> due = stream.takeFlushable(0, false);
        assertThat(due).isNotEmpty().allSatisfy(c -> assertThat(c.reason()).isEqualTo(FlushReason.FULL));
        assertThat(entries(stream, 0, Long.MAX_VALUE, Direction.FORWARD)).containsExactlyElementsOf(entries);
        assertThat(entries(stream, 0, Long.MAX_VALUE, Direction.BACKWARD).subList(0, 5))
                .containsExactlyElementsOf(entries.reversed().subList(0, 5));
    }

    @Test
    void anEntryBeyondMaxChunkAgeFromTheHeadsFirstCutsANewChunk() {
        LogStream stream = stream(0, Duration.ZERO);
        stream.append(List.of(new LogEntry(0, "old")), 0, true);
        stream.append(List.of(new LogEntry(3 * HOUR, "new")), 0, true);
        List<ClosedChunk> due = stream.takeFlushable(0, false);
        assertThat(due).singleElement().satisfies(c -> assertThat(c.reason()).isEqualTo(FlushReason.MAX_AGE));
        assertThat(stream.chunkCount()).isEqualTo(2);
    }

    @Test
    void idleHeadIsClosedAndFlushedChunksAreDroppedAfterRetention() {
        LogStream stream = stream(0, Duration.ofSeconds(10));
        stream.append(List.of(new LogEntry(5, "x")), 1_000, true);
        assertThat(stream.takeFlushable(1_000 + Duration.ofMinutes(29).toMillis(), false))
                .isEmpty();
        long idle = 1_000 + Duration.ofMinutes(31).toMillis();
        List<ClosedChunk> due = stream.takeFlushable(idle, false);
        assertThat(due).singleElement().satisfies(c -> assertThat(c.reason()).isEqualTo(FlushReason.IDLE));
        assertThat(stream.takeFlushable(idle, false)).as("already queued").isEmpty();
        stream.flushed(due.getFirst(), idle);
        assertThat(stream.sweep(idle + 9_000)).isFalse();
        assertThat(entries(stream, 0, 10, Direction.FORWARD))
                .extracting(LogEntry::line)
                .containsExactly("x");
        assertThat(stream.sweep(idle + 10_000)).isTrue();
        assertThat(stream.append(List.of(new LogEntry(6, "y")), idle, true))
                .as("a removed stream takes no appends")
                .isNull();
    }

    @Test
    void checkpointHoldsOnlyUnflushedEntries() {
        LogStream stream = stream(0, Duration.ofHours(1));
        stream.append(List.of(new LogEntry(1, "flushed")), 0, true);
        List<ClosedChunk> due = stream.takeFlushable(0, true);
        stream.flushed(due.getFirst(), 1);
        stream.append(List.of(new LogEntry(2, "pending")), 0, true);
        assertThat(stream.unflushedEntries()).extracting(LogEntry::line).containsExactly("pending");
        assertThat(entries(stream, 0, 10, Direction.FORWARD))
                .extracting(LogEntry::line)
                .containsExactly("flushed", "pending");
    }

    private static List<LogEntry> entries(LogStream stream, long from, long through, Direction direction) {
        return stream.iterator(from, through, direction, ContentQuery.ANY).toList();
    }
}
