package io.skald.gateway;

/**
 * Request targets as clients send them, which may hold characters {@link java.net.URI} refuses (curly braces, double
 * quotes, the pipe, bytes above ASCII), as raw selectors such as {@code match[]={app="x"}} do. Spring would refuse
 * them (400), and Spring Cloud Gateway re-encodes any query it does not judge fully encoded (a raw bracket or an
 * {@code =} inside a value is enough), turning {@code %22} into {@code %2522}. So the gateway routes an encoded form
 * and sends the client's original target on, byte for byte, as NGINX's {@code proxy_pass} does. The original travels
 * in {@link #HEADER}, which the gateway strips from clients, and is only used when its path is the one being sent.
 */
final class RawRequestUri {
    /** Internal header between the gateway's inbound and outbound handlers; never accepted from clients. */
    static final String HEADER = "X-Skald-Raw-Request-Target";

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private RawRequestUri() {}

    /** Whether the target holds a character {@link java.net.URI} or Spring's encoded-query check refuses. */
    static boolean needsEncoding(String target) {
        for (int i = 0; i < target.length(); i++) {
            if (!allowed(target.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** The target with every refused character percent-encoded (one byte per char, as Netty read it). */
    static String encode(String target) {
        StringBuilder out = new StringBuilder(target.length() + 16);
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (allowed(c)) {
                out.append(c);
            } else {
                int b = c & 0xFF;
                out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
            }
        }
        return out.toString();
    }

    /** Characters that pass both java.net.URI and Spring's check of an encoded query (Netty reads a byte per char). */
    private static boolean allowed(char c) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            return true;
        }
        return switch (c) {
            case '-', '_', '.', '!', '~', '*', '\'', '(', ')', ';', '/', '?', ':', '@', '&', '=', '+', '$', ',', '%' ->
                true;
            default -> false;
        };
    }

    /** Whether two targets name the same path once percent-decoding is undone (however often it was applied). */
    static boolean samePath(String a, String b) {
        return decodeFully(path(a)).equals(decodeFully(path(b)));
    }

    private static String path(String target) {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    private static String decodeFully(String text) {
        String current = text;
        for (int i = 0; i < 4 && current.indexOf('%') >= 0; i++) {
            String next = decode(current);
            if (next.equals(current)) {
                break;
            }
            current = next;
        }
        return current;
    }

    /** Percent-decoding one byte per char; malformed escapes stay as they are. */
    private static String decode(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
                out.append((char) (hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2))));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
