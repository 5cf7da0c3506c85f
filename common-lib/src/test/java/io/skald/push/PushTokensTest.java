package io.skald.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.labels.Labels;
import org.junit.jupiter.api.Test;

class PushTokensTest {

    @Test
    void matchesPublishedFnv1Vectors() {
        // FNV-1 32-bit test vectors (Go's hash/fnv New32): "" -> 0x811c9dc5, "a" -> 0x050c5d7e, "foobar" -> 0x31f0b262
        assertThat(PushTokens.tokenFor("", "")).isEqualTo(0x811c9dc5);
        assertThat(PushTokens.tokenFor("", "a")).isEqualTo(0x050c5d7e);
        assertThat(PushTokens.tokenFor("foo", "bar")).isEqualTo(0x31f0b262);
    }

    @Test
    void hashesTenantThenCanonicalLabelText() {
        Labels labels = Labels.of("env", "prod", "app", "api");

        assertThat(PushTokens.tokenFor("tenant-1", labels))
                .isEqualTo(PushTokens.tokenFor("", "tenant-1{app=\"api\", env=\"prod\"}"));
        assertThat(PushTokens.tokenFor("tenant-1", labels)).isNotEqualTo(PushTokens.tokenFor("tenant-2", labels));
        assertThat(PushTokens.unsignedTokenFor("t", labels)).isBetween(0L, 0xffffffffL);
    }

    @Test
    void nonAsciiIsHashedAsUtf8Bytes() {
        // "é" is 0xc3 0xa9 in UTF-8; the same bytes reached through an ASCII prefix must hash identically.
        int h = 0x811c9dc5;
        for (int b : new int[] {'x', 0xc3, 0xa9}) {
            h = (h * 0x01000193) ^ b;
        }
        assertThat(PushTokens.tokenFor("x", "é")).isEqualTo(h);
    }
}
