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

    /** {@link ContentFilter#fold} for every byte value, so the per-byte loop has no branch. */
    private static final int[] FOLD = new int[256];

    static {
        for (int b = 0; b < 256; b++) {
            FOLD[b] = ContentFilter.fold((byte) b);
        }
    }

    private int bitsPerGram = 2;
    private int hashes = 1;
    private int[] table = new int[1 << 12];
    /** {@code 32 - log2(table.length)}: the set's slot is a Fibonacci hash's top bits. */
    private int shift = 32 - 12;

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
            gram = (gram << 8) | FOLD[lines[i] & 0xff];
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
        // Emptying the set while reading it spares a second pass over the whole table in reset().
        int[] grams = table;
        for (int i = 0; i < grams.length; i++) {
            int gram = grams[i];
            if (gram != 0) {
                set(out, gram, bits);
                grams[i] = 0;
            }
        }
        size = 0;
        hasZero = false;
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
        int slot = slot(gram, shift);
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
        shift--;
        int mask = table.length - 1;
        for (int gram : old) {
            if (gram != 0) {
                int slot = slot(gram, shift);
                while (table[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                table[slot] = gram;
            }
        }
    }

    /**
     * The set's slot for a quadgram: one multiply (Fibonacci hashing). The filter's own 64-bit {@link
     * ContentFilter#hash} is computed only once per distinct quadgram, in {@link #build()}, not once per line byte.
     */
    private static int slot(int gram, int shift) {
        return (gram * 0x9E3779B9) >>> shift;
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
