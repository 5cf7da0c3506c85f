package io.skald.distributor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skald.push.PushDecodeException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {
    @Test
    void readsABodyUpToTheLimit() {
        byte[] body = new byte[100_000];
        body[99_999] = 7;

        assertThat(BoundedBody.read(new ByteArrayInputStream(body), -1, 100_000))
                .isEqualTo(body);
        assertThat(BoundedBody.read(new ByteArrayInputStream(body), body.length, 100_000))
                .isEqualTo(body);
    }

    @Test
    void refusesADeclaredLengthOverTheLimitWithoutReading() {
        InputStream neverRead = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("must not read");
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                throw new AssertionError("must not read");
            }
        };

        assertThatThrownBy(() -> BoundedBody.read(neverRead, 1001, 1000))
                .isInstanceOfSatisfying(
                        PushDecodeException.class, e -> assertThat(e.status()).isEqualTo(413))
                .hasMessageStartingWith("request body too large");
    }

    @Test
    void stopsReadingAnUndeclaredBodyOnceItPassesTheLimit() {
        InputStream endless = new InputStream() {
            long served;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0];
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                served += length;
                if (served > 10_000_000) {
                    throw new AssertionError("read far past the limit");
                }
                java.util.Arrays.fill(buffer, offset, offset + length, (byte) 'x');
                return length;
            }
        };

        assertThatThrownBy(() -> BoundedBody.read(endless, -1, 1000))
                .isInstanceOfSatisfying(
                        PushDecodeException.class, e -> assertThat(e.status()).isEqualTo(413))
                .hasMessage("request body too large: over the limit of 1000 bytes");
    }
}
