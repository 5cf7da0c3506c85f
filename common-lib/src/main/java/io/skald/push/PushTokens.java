package io.skald.push;

import io.skald.labels.Labels;
import java.nio.charset.StandardCharsets;

/**
 * The ring token of a stream, as Loki's {@code TokenFor(tenant, labels)}: 32-bit FNV-1 (Go's {@code fnv.New32}, multiply
 * then xor) over the tenant bytes followed by the canonical label text.
 */
public final class PushTokens {
    private static final int OFFSET_BASIS = 0x811c9dc5;
    private static final int PRIME = 0x01000193;

    private PushTokens() {}

    /** The token as an unsigned 32-bit value in an {@code int}; use {@link Integer#toUnsignedLong} to compare. */
    public static int tokenFor(String tenant, Labels labels) {
        return tokenFor(tenant, labels.toString());
    }

    /** The token for a tenant and a canonical label text. */
    public static int tokenFor(String tenant, String labels) {
        int h = OFFSET_BASIS;
        h = fnv1(h, tenant);
        return fnv1(h, labels);
    }

    /** The token widened to an unsigned {@code long} in {@code [0, 2^32)}. */
    public static long unsignedTokenFor(String tenant, Labels labels) {
        return Integer.toUnsignedLong(tokenFor(tenant, labels));
    }

    private static int fnv1(int hash, String text) {
        int h = hash;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                h = (h * PRIME) ^ c;
            } else {
                // Rare: hash the UTF-8 bytes of the rest, exactly as Go does over the string's bytes.
                for (byte b : text.substring(i).getBytes(StandardCharsets.UTF_8)) {
                    h = (h * PRIME) ^ (b & 0xff);
                }
                return h;
            }
        }
        return h;
    }
}
