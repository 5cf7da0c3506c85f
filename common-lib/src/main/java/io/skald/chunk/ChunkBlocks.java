package io.skald.chunk;

import java.util.List;
import java.util.function.Consumer;

/** The block scan shared by {@link Chunk} and {@link MemChunk}. */
final class ChunkBlocks {
    private ChunkBlocks() {}

    static void forEach(List<Block> blocks, long from, long through, ContentQuery query, Consumer<BlockView> consumer) {
        BlockView view = new BlockView();
        for (Block block : blocks) {
            if (block.overlaps(from, through) && block.mayMatch(query)) {
                consumer.accept(block.decode(view));
            }
        }
    }
}
