package io.skald.index;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IndexCorruptionTest {
    private final byte[] bytes = new RandomIndex(3, 50, 3).write().toByteArray();

    @Test
    void anyFlippedBitInTheBodyFailsTheCrc() {
        Random random = new Random(17);
        for (int round = 0; round < 200; round++) {
            byte[] copy = bytes.clone();
            int position = 16 + random.nextInt(copy.length - 16);
            copy[position] ^= (byte) (1 << random.nextInt(8));
            assertThatThrownBy(() -> IndexFile.open(copy))
                    .as("flip at %d", position)
                    .isInstanceOf(CorruptIndexException.class)
                    .hasMessageContaining("CRC32C mismatch");
        }
    }

    @Test
    void headerDamageIsNamed() {
        byte[] magic = bytes.clone();
        magic[0] = 'X';
        assertThatThrownBy(() -> IndexFile.open(magic))
                .isInstanceOf(CorruptIndexException.class)
                .hasMessageContaining("bad magic");

        byte[] version = bytes.clone();
        version[4] = 9;
        assertThatThrownBy(() -> IndexFile.open(version))
                .isInstanceOf(CorruptIndexException.class)
                .hasMessageContaining("version 9");

        byte[] crc = bytes.clone();
        crc[13] ^= 1;
        assertThatThrownBy(() -> IndexFile.open(crc))
                .isInstanceOf(CorruptIndexException.class)
                .hasMessageContaining("CRC32C");
    }

    @Test
    void truncatedOrExtendedFilesAreRefused() {
        for (int length : new int[] {0, 3, 16, 35, bytes.length / 2, bytes.length - 1}) {
            byte[] cut = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> IndexFile.open(cut))
                    .as("length %d", length)
                    .isInstanceOf(CorruptIndexException.class);
        }
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> IndexFile.open(longer))
                .isInstanceOf(CorruptIndexException.class)
                .hasMessageContaining("body length");
    }
}
