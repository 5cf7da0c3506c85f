package io.skald.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.labels.Labels;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The scan path allocates per block, not per entry. */
class EntryIteratorAllocationTest {
    @Test
    void iteratingAChunkAllocatesFarLessThanOneObjectPerEntry() {
        MemChunk chunk = new MemChunk(Labels.of("app", "x"), Codec.LZ4, 262_144, 0);
        LogSamples.mixed(5, 50_000, 0).forEach(chunk::append);
        Chunk decoded = Chunk.decode(chunk.encode());
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long checksum = scan(decoded); // warm up
        long before = threads.getCurrentThreadAllocatedBytes();
        long again = scan(decoded);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(again).isEqualTo(checksum);
        // One pooled view (its buffer is ~300 KiB) plus small per-iterator objects; per-entry garbage would be
        // at least 50,000 x 16 bytes.
        assertThat(allocated).as("bytes allocated by one scan").isLessThan(800_000);
        System.out.println("allocated by one scan of 50,000 entries: " + allocated + " bytes");
    }

    private static long scan(Chunk chunk) {
        long sum = 0;
        EntryIterator iterator = chunk.iterator(Long.MIN_VALUE, Long.MAX_VALUE, Direction.FORWARD);
        while (iterator.next()) {
            sum += iterator.timestamp() + iterator.lineLength() + iterator.lineArray()[iterator.lineOffset()];
        }
        return sum;
    }
}
