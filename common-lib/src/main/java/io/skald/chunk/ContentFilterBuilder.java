package io.skald.chunk;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Builds a block's {@link ContentFilter} at cut time from the head's line bytes: collects the distinct quadgrams of
 * every line in a reused open-addressing set (quadgrams never span two lines), then sizes the Bloom filter at {@code
 * bitsPerGram} bits per distinct quadgram. Reuses its scratch across blocks; not thread-safe. {@link #forThread}
 * gives one builder per thread, so an ingester with many open chunks keeps one set per cutting thread rather than
 * one per chunk (the set of a 256 KiB block is about 256 KiB).
 */
final class ContentFilterBuilder {
    private static final ThreadLocal<ContentFilterBuilder> PER_THREAD =
            ThreadLocal.withInitial(ContentFilterBuilder::new);

    private int bitsPerGram = 2;
    private int hashes = 1;
    private int[] table = new int[1 << 12];
    private int size;
    private boolean hasZero;

    ContentFilterBuilder() {}

    ContentFilterBuilder(int bitsPerGram) {
        bitsPerGram(bitsPerGram);
    }

    /** This thread's builder, empty, set to {@code bitsPerGram}. */
    static ContentFilterBuilder forThread(int bitsPerGram) {
        ContentFilterBuilder builder = PER_THREAD.get();
        builder.reset();
        builder.bitsPerGram(bitsPerGram);
        return builder;
    }

    private void bitsPerGram(int bits) {
        if (bits < 1 || bits > 32) {
            throw new IllegalArgumentException("bits per quadgram must be in [1, 32], got " + bits);
        }
        this.bitsPerGram = bits;
        // k = bits × ln 2 minimises the false positive rate of one quadgram.
        this.hashes = Math.max(1, (int) Math.round(bits * Math.log(2)));
    }

    /** Adds the quadgrams of {@code lines[offset, offset + length)}, one line. */
    void addLine(byte[] lines, int offset, int length) {
        int gram = 0;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            gram = (gram << 8) | ContentFilter.fold(lines[i]);
            if (i - offset >= ContentFilter.GRAM - 1) {
                add(gram);
            }
        }
    }

    /** The filter over the lines added since the last build, or null when they hold no quadgram; then resets. */
    byte @Nullable [] build() {
        int distinct = size + (hasZero ? 1 : 0);
        if (distinct == 0) {
            reset();
            return null;
        }
        long wanted = Math.max(64L, (long) distinct * bitsPerGram);
        int arrayBytes = (int) Math.min((wanted + 7) / 8, Integer.MAX_VALUE - 64);
        byte[] out = new byte[ContentFilter.HEADER + arrayBytes];
        out[0] = ContentFilter.KIND_QUADGRAM_BLOOM;
        out[1] = (byte) hashes;
        long bits = (long) arrayBytes * 8;
        if (hasZero) {
            set(out, 0, bits);
        }
        for (int gram : table) {
            if (gram != 0) {
                set(out, gram, bits);
            }
        }
        reset();
        return out;
    }

    private void set(byte[] out, int gram, long bits) {
        long h = ContentFilter.hash(gram);
        int h1 = (int) h;
        int h2 = (int) (h >>> 32) | 1;
        for (int j = 0; j < hashes; j++) {
            long bit = ContentFilter.index(h1 + j * h2, bits);
            out[ContentFilter.HEADER + (int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
        }
    }

    private void add(int gram) {
        if (gram == 0) {
            // Zero marks an empty slot, so the all-NUL quadgram is kept aside.
            hasZero = true;
            return;
        }
        int mask = table.length - 1;
        int slot = (int) (ContentFilter.hash(gram) & mask);
        while (true) {
            int current = table[slot];
            if (current == gram) {
                return;
            }
            if (current == 0) {
                table[slot] = gram;
                if (++size * 2 > table.length) {
                    grow();
                }
                return;
            }
            slot = (slot + 1) & mask;
        }
    }

    private void grow() {
        int[] old = table;
        table = new int[old.length * 2];
        int mask = table.length - 1;
        for (int gram : old) {
            if (gram != 0) {
                int slot = (int) (ContentFilter.hash(gram) & mask);
                while (table[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                table[slot] = gram;
            }
        }
    }

    private void reset() {
        if (size == 0 && !hasZero) {
            return;
        }
        Arrays.fill(table, 0);
        size = 0;
        hasZero = false;
    }
}
