package io.skald.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

/** Corrupted bodies must only ever produce a {@link PushDecodeException}, never another exception. */
class PushDecoderRobustnessTest {
    private final PushDecoder decoder = new PushDecoder(1024 * 1024);
    private final Random random = new Random(20241124);

    @Test
    void mutatedProtobufNeverCrashes() throws IOException {
        byte[] raw = ProtobufPushDecoderTest.sample().toByteArray();
        for (int i = 0; i < 3000; i++) {
            byte[] mutated = mutate(raw);
            assertOnlyDecodeErrors(Snappy.compress(mutated), "application/x-protobuf", null);
            assertOnlyDecodeErrors(mutate(Snappy.compress(raw)), "application/x-protobuf", null);
        }
    }

    @Test
    void mutatedJsonNeverCrashes() throws IOException {
        byte[] json = ("{\"streams\":[{\"stream\":{\"app\":\"api\"},\"values\":[[\"1700000000000000000\",\"line\","
                        + "{\"trace\":\"x\"}],[\"2\",\"two\"]]}]}")
                .getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 3000; i++) {
            assertOnlyDecodeErrors(mutate(json), "application/json", null);
            assertOnlyDecodeErrors(mutate(ProtobufPushDecoderTest.gzip(json)), "application/json", "gzip");
        }
    }

    private void assertOnlyDecodeErrors(byte[] body, String contentType, String encoding) {
        Throwable thrown = catchThrowable(() -> decoder.decode(body, contentType, encoding));
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(PushDecodeException.class);
            assertThat(((PushDecodeException) thrown).status()).isIn(400, 413);
        }
    }

    private byte[] mutate(byte[] input) {
        byte[] out = Arrays.copyOf(input, input.length);
        switch (random.nextInt(3)) {
            case 0 -> {
                int flips = 1 + random.nextInt(4);
                for (int i = 0; i < flips; i++) {
                    out[random.nextInt(out.length)] = (byte) random.nextInt(256);
                }
            }
            case 1 -> out = Arrays.copyOf(out, random.nextInt(out.length));
            default -> {
                int at = random.nextInt(out.length);
                byte[] grown = new byte[out.length + 1];
                System.arraycopy(out, 0, grown, 0, at);
                grown[at] = (byte) random.nextInt(256);
                System.arraycopy(out, at, grown, at + 1, out.length - at);
                out = grown;
            }
        }
        return out;
    }
}
