package io.skald.chunk;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import org.xerial.snappy.Snappy;

/** Block compression ({@code chunk_encoding}); the id is what the chunk header stores. */
public enum Codec {
    NONE(0),
    GZIP(1),
    SNAPPY(2),
    LZ4(3),
    ZSTD(4);

    private static final int ZSTD_LEVEL = 3;

    private final int id;

    Codec(int id) {
        this.id = id;
    }

    /** The byte stored in the chunk header. */
    public int id() {
        return id;
    }

    public static Codec fromId(int id) {
        for (Codec codec : values()) {
            if (codec.id == id) {
                return codec;
            }
        }
        throw new CorruptChunkException("unknown codec id " + id);
    }

    /**
     * Parses Loki's {@code chunk_encoding} names. Loki's lz4 variants ({@code lz4-64k}, {@code lz4-256k},
     * {@code lz4-1M}) differ only in the LZ4 frame block size, which a per-block codec has no use for, so all map to
     * {@link #LZ4}; {@code flate} maps to {@link #GZIP} (the same DEFLATE algorithm).
     */
    public static Codec fromName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "none" -> NONE;
            case "gzip", "flate" -> GZIP;
            case "snappy" -> SNAPPY;
            case "lz4", "lz4-64k", "lz4-256k", "lz4-1m" -> LZ4;
            case "zstd" -> ZSTD;
            default ->
                throw new IllegalArgumentException("unknown chunk encoding '" + name
                        + "' (expected one of none, gzip, flate, snappy, lz4, lz4-64k, lz4-256k, lz4-1M, zstd)");
        };
    }

    /** Appends the compressed form of {@code source[offset, offset+length)} to {@code out}. */
    public void compress(byte[] source, int offset, int length, ByteWriter out) {
        switch (this) {
            case NONE -> out.writeBytes(source, offset, length);
            case GZIP -> gzip(source, offset, length, out);
            case SNAPPY -> {
                out.ensureCapacity(Snappy.maxCompressedLength(length));
                try {
                    int written = Snappy.compress(source, offset, length, out.array(), out.size());
                    out.skip(written);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            case LZ4 -> {
                LZ4Compressor compressor = Lz4Holder.FACTORY.fastCompressor();
                out.ensureCapacity(compressor.maxCompressedLength(length));
                int written = compressor.compress(
                        source, offset, length, out.array(), out.size(), out.array().length - out.size());
                out.skip(written);
            }
            case ZSTD -> {
                int bound = (int) Zstd.compressBound(length);
                out.ensureCapacity(bound);
                long written =
                        Zstd.compressByteArray(out.array(), out.size(), bound, source, offset, length, ZSTD_LEVEL);
                if (Zstd.isError(written)) {
                    throw new IllegalStateException("zstd compression failed: " + Zstd.getErrorName(written));
                }
                out.skip((int) written);
            }
        }
    }

    /**
     * Decompresses {@code source[offset, offset+length)} into {@code target[targetOffset, targetOffset+expected)};
     * the result must be exactly {@code expected} bytes, else {@link CorruptChunkException}.
     */
    public void decompress(byte[] source, int offset, int length, byte[] target, int targetOffset, int expected) {
        int produced;
        try {
            produced = switch (this) {
                case NONE -> {
                    if (length != expected) {
                        yield length;
                    }
                    System.arraycopy(source, offset, target, targetOffset, length);
                    yield length;
                }
                case GZIP -> gunzip(source, offset, length, target, targetOffset, expected);
                case SNAPPY -> {
                    if (Snappy.uncompressedLength(source, offset, length) != expected) {
                        yield -1;
                    }
                    yield Snappy.uncompress(source, offset, length, target, targetOffset);
                }
                case LZ4 -> Lz4Holder.DECOMPRESSOR.decompress(source, offset, length, target, targetOffset, expected);
                case ZSTD -> {
                    long result = Zstd.decompressByteArray(target, targetOffset, expected, source, offset, length);
                    if (Zstd.isError(result)) {
                        throw new CorruptChunkException("zstd: " + Zstd.getErrorName(result));
                    }
                    yield (int) result;
                }
            };
        } catch (IOException | RuntimeException e) {
            if (e instanceof CorruptChunkException corrupt) {
                throw corrupt;
            }
            throw new CorruptChunkException(this + " block does not decompress: " + e.getMessage(), e);
        }
        if (produced != expected) {
            throw new CorruptChunkException(
                    this + " block decompressed to " + produced + " bytes, header says " + expected);
        }
    }

    private static void gzip(byte[] source, int offset, int length, ByteWriter out) {
        try (GZIPOutputStream gzip = new GZIPOutputStream(new WriterStream(out), 8192)) {
            gzip.write(source, offset, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int gunzip(byte[] source, int offset, int length, byte[] target, int targetOffset, int expected)
            throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(source, offset, length), 8192)) {
            int read = in.readNBytes(target, targetOffset, expected);
            if (in.read() != -1) {
                return expected + 1;
            }
            return read;
        }
    }

    /** Lazily loads the native LZ4 bindings only when the codec is used. */
    private static final class Lz4Holder {
        static final LZ4Factory FACTORY = LZ4Factory.fastestInstance();
        static final LZ4SafeDecompressor DECOMPRESSOR = FACTORY.safeDecompressor();
    }

    /** Lets GZIPOutputStream write straight into a reusable ByteWriter. */
    private static final class WriterStream extends OutputStream {
        private final ByteWriter out;

        WriterStream(ByteWriter out) {
            this.out = out;
        }

        @Override
        public void write(int b) {
            out.writeByte(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            out.writeBytes(b, off, len);
        }
    }
}
