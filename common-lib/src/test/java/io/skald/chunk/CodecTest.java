package io.skald.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class CodecTest {
    @ParameterizedTest
    @CsvSource({
        "none, NONE",
        "gzip, GZIP",
        "flate, GZIP",
        "snappy, SNAPPY",
        "lz4, LZ4",
        "lz4-64k, LZ4",
        "lz4-256k, LZ4",
        "lz4-1M, LZ4",
        "zstd, ZSTD",
        "ZSTD, ZSTD"
    })
    void parsesLokiEncodingNames(String name, Codec expected) {
        assertThat(Codec.fromName(name)).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void idsRoundTrip(Codec codec) {
        assertThat(Codec.fromId(codec.id())).isEqualTo(codec);
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void compressesIntoReusedBufferAtAnOffsetAndDecompressesExactly(Codec codec) {
        Random random = new Random(11);
        ByteWriter out = new ByteWriter(16);
        byte[] target = new byte[70_000];
        for (int size : new int[] {0, 1, 17, 4_096, 65_536}) {
            byte[] source = new byte[size + 10];
            for (int i = 0; i < source.length; i++) {
                source[i] = (byte) "abcdefgh".charAt(random.nextInt(8));
            }
            out.reset();
            out.writeBytes(new byte[] {9, 9, 9});
            codec.compress(source, 5, size, out);
            codec.decompress(out.array(), 3, out.size() - 3, target, 2, size);
            assertThat(java.util.Arrays.equals(target, 2, 2 + size, source, 5, 5 + size))
                    .as("%s size %d", codec, size)
                    .isTrue();
            int compressedLength = out.size() - 3;
            if (size > 0) {
                assertThatThrownBy(() -> codec.decompress(out.array(), 3, compressedLength, target, 0, size + 1))
                        .isInstanceOf(CorruptChunkException.class);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void rejectsUnknownNames() {
        assertThatThrownBy(() -> Codec.fromName("brotli"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("brotli");
    }
}
