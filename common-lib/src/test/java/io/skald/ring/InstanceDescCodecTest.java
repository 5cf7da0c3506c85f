package io.skald.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstanceDescCodecTest {

    @Test
    void roundTripsEveryField() {
        InstanceDesc desc = new InstanceDesc(
                "ingester-0",
                "10.0.0.1:9095",
                "10.0.0.1:3100",
                "zone-ä",
                InstanceState.LEAVING,
                List.of(-1, 0, 5, Integer.MIN_VALUE),
                1_700_000_000_123L,
                1_600_000_000_000L);

        InstanceDesc decoded = InstanceDescCodec.decode(InstanceDescCodec.encode(desc));

        assertThat(decoded).isEqualTo(desc);
        assertThat(decoded.tokens()).containsExactly(0, 5, Integer.MIN_VALUE, -1);
    }

    @Test
    void rejectsUnknownVersionAndTruncatedBytes() {
        byte[] encoded = InstanceDescCodec.encode(
                new InstanceDesc("a", "b", "c", "", InstanceState.ACTIVE, List.of(1, 2), 3, 4));
        byte[] truncated = Arrays.copyOf(encoded, encoded.length - 3);
        byte[] future = encoded.clone();
        future[0] = 9;

        assertThatThrownBy(() -> InstanceDescCodec.decode(truncated)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InstanceDescCodec.decode(future))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 9");
    }
}
