package io.skald.chunk;

/**
 * A block's content filter: a Bloom filter over the distinct 4-byte n-grams (quadgrams) of its lines, ASCII letters
 * folded to lower case. A line containing a needle contains every quadgram of the needle, so when any quadgram of a
 * needle is absent no line of the block contains it ({@link #mayContain} is false) and the block can be skipped
 * without decompressing it. Never a false negative; false positives at a rate set by the bits per quadgram. Stored as
 * {@code kind (1 byte) = 1 │ hash count k (1 byte) │ bit array}; layout in docs/chunk-format.md.
 */
public final class ContentFilter {
    /** n-gram length in bytes: needles shorter than this cannot be checked and always pass. */
    public static final int GRAM = 4;

    /** The only kind so far: quadgram Bloom filter, ASCII case folded, {@link #hash} as below. */
    static final int KIND_QUADGRAM_BLOOM = 1;

    static final int HEADER = 2;

    private final byte[] bytes;
    private final int offset;
    private final int length;
    private final int hashes;
    private final long bits;

    ContentFilter(byte[] bytes, int offset, int length) {
        if (length < HEADER + 1) {
            throw new CorruptChunkException("content filter of " + length + " bytes is too short");
        }
        if (bytes[offset] != KIND_QUADGRAM_BLOOM) {
            throw new CorruptChunkException("unknown content filter kind " + bytes[offset]);
        }
        int k = bytes[offset + 1] & 0xff;
        if (k < 1 || k > 16) {
            throw new CorruptChunkException("content filter hash count " + k + " out of range");
        }
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
        this.hashes = k;
        this.bits = (long) (length - HEADER) * 8;
    }

    /** Parses filter bytes written by {@link ContentFilterBuilder}; keeps referring to {@code bytes}. */
    public static ContentFilter wrap(byte[] bytes, int offset, int length) {
        return new ContentFilter(bytes, offset, length);
    }

    /** Stored size in bytes (header and bit array). */
    public int sizeBytes() {
        return length;
    }

    /** Number of hash functions (bits set per quadgram). */
    public int hashes() {
        return hashes;
    }

    /** Bits in the array. */
    public long bits() {
        return bits;
    }

    /**
     * False when no line of the block can contain {@code needle} (compared with ASCII letters folded, so this also
     * answers for case-insensitive ASCII needles); true when some line may. Needles shorter than {@link #GRAM} bytes
     * always may.
     */
    public boolean mayContain(byte[] needle) {
        if (needle.length < GRAM) {
            return true;
        }
        int gram = 0;
        for (int i = 0; i < needle.length; i++) {
            gram = (gram << 8) | fold(needle[i]);
            if (i >= GRAM - 1 && !test(gram)) {
                return false;
            }
        }
        return true;
    }

    private boolean test(int gram) {
        long h = hash(gram);
        int h1 = (int) h;
        int h2 = (int) (h >>> 32) | 1;
        int base = offset + HEADER;
        for (int j = 0; j < hashes; j++) {
            long bit = index(h1 + j * h2, bits);
            if ((bytes[base + (int) (bit >>> 3)] & (1 << (bit & 7))) == 0) {
                return false;
            }
        }
        return true;
    }

    void writeTo(ByteWriter out) {
        out.writeBytes(bytes, offset, length);
    }

    int crc() {
        return ChunkFormat.crc(bytes, offset, length);
    }

    /** A byte with ASCII A-Z folded to a-z, as an unsigned value. */
    static int fold(byte b) {
        int c = b & 0xff;
        return c - 'A' < 26 && c >= 'A' ? c | 0x20 : c;
    }

    /** A 64-bit mix of a quadgram (SplitMix64's finaliser); the two halves drive double hashing. */
    static long hash(int gram) {
        long h = (gram & 0xffffffffL) * 0x9E3779B97F4A7C15L;
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }

    /** Maps a 32-bit hash onto {@code [0, bits)} by multiply-shift (no modulo, no power-of-two size needed). */
    static long index(int hash, long bits) {
        return ((hash & 0xffffffffL) * bits) >>> 32;
    }
}
