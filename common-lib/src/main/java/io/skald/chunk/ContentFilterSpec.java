package io.skald.chunk;

/**
 * Whether and how a {@link MemChunk} builds a {@link ContentFilter} for each block it cuts: {@code bitsPerGram} bits
 * of Bloom filter per distinct quadgram of the block's lines, 0 for none (the chunk is then written in format version
 * 1, byte for byte as before content filters existed).
 */
public record ContentFilterSpec(int bitsPerGram) {
    /** No content filters. */
    public static final ContentFilterSpec NONE = new ContentFilterSpec(0);

    /** The size chosen from the measurements in docs/benchmarks.md ("Content filter"). */
    public static final ContentFilterSpec DEFAULT = new ContentFilterSpec(2);

    public ContentFilterSpec {
        if (bitsPerGram < 0 || bitsPerGram > 32) {
            throw new IllegalArgumentException("bits per quadgram must be in [0, 32], got " + bitsPerGram);
        }
    }

    public boolean enabled() {
        return bitsPerGram > 0;
    }
}
