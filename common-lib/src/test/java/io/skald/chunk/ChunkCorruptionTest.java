package io.skald.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skald.labels.Labels;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every byte of an encoded chunk is covered by a CRC32C or a structural check. */
class ChunkCorruptionTest {
    @ParameterizedTest
    @EnumSource(Codec.class)
    void flippingAnyByteIsDetected(Codec codec) {
        byte[] encoded = smallChunk(codec);
        for (int position = 0; position < encoded.length; position++) {
            byte[] corrupt = encoded.clone();
            corrupt[position] ^= 0x20;
            int at = position;
            assertThatThrownBy(() -> Chunk.decode(corrupt))
                    .as("flipped byte %d of %d", at, encoded.length)
                    .isInstanceOf(CorruptChunkException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void truncationAndTrailingGarbageAreDetected(Codec codec) {
        byte[] encoded = smallChunk(codec);
        for (int length = 0; length < encoded.length; length++) {
            byte[] truncated = Arrays.copyOf(encoded, length);
            assertThatThrownBy(() -> Chunk.decode(truncated)).isInstanceOf(CorruptChunkException.class);
        }
        byte[] longer = Arrays.copyOf(encoded, encoded.length + 3);
        assertThatThrownBy(() -> Chunk.decode(longer))
                .isInstanceOf(CorruptChunkException.class)
                .hasMessageContaining("trailing bytes");
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void messagesNameWhatFailed(Codec codec) {
        byte[] encoded = smallChunk(codec);
        byte[] badMagic = encoded.clone();
        badMagic[0] = 'X';
        assertThatThrownBy(() -> Chunk.decode(badMagic)).hasMessageContaining("magic");
        byte[] badBlock = encoded.clone();
        badBlock[encoded.length - 6] ^= 1;
        assertThatThrownBy(() -> Chunk.decode(badBlock)).hasMessageMatching("block \\d+ CRC32C mismatch");
        assertThat(Chunk.decode(encoded).stats().entries()).isEqualTo(40);
    }

    /** Two blocks, with metadata, so every section of the format is present. */
    private static byte[] smallChunk(Codec codec) {
        MemChunk chunk = new MemChunk(Labels.of("job", "x"), codec, 200, 0);
        for (int i = 0; i < 40; i++) {
            chunk.append(1_000L + i, "line number " + i, i % 3 == 0 ? Labels.of("k", "v" + i) : Labels.EMPTY);
        }
        assertThat(chunk.blockCount()).isGreaterThanOrEqualTo(2);
        return chunk.encode();
    }
}
