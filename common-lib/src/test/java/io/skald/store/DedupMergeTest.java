package io.skald.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.chunk.Direction;
import io.skald.chunk.LogEntry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Replicas merge into one copy of each entry, also after a large group of entries sharing one timestamp. */
class DedupMergeTest {
    @Test
    void duplicatesAreDroppedBeforeAndAfterALargeGroupOfEqualTimestamps() {
        List<LogEntry> replica = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            replica.add(new LogEntry(1, "batch line " + i)); // one push, one timestamp
        }
        for (int ts = 2; ts < 50; ts++) {
            replica.add(new LogEntry(ts, "a"));
            replica.add(new LogEntry(ts, "b"));
        }
        DedupMerge merge = new DedupMerge(
                List.of(
                        EntrySource.of(replica.iterator(), 1),
                        EntrySource.of(List.copyOf(replica).iterator(), 1),
                        EntrySource.of(List.copyOf(replica).iterator(), 1)),
                Direction.FORWARD);
        List<LogEntry> merged = new ArrayList<>();
        merge.forEachRemaining(merged::add);
        assertThat(merged).containsExactlyElementsOf(replica);
    }
}
