package io.skald.logql.log;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Loki's {@code ip("...")} matcher: a single address, a CIDR prefix or an address range ({@code a-b}), IPv4 or IPv6,
 * parsed like Go's {@code netip}. {@link #matchesAnywhere} finds addresses inside arbitrary text the way Loki scans
 * lines (prefix hints, then the longest run of address characters).
 */
public final class IpMatcher {
    private static final String IPV4_CHARS = "0123456789.";
    private static final String IPV6_CHARS = "0123456789abcdefABCDEF:.";

    private final String pattern;
    private final boolean v6;
    private final BigInteger low;
    private final BigInteger high;

    private IpMatcher(String pattern, boolean v6, BigInteger low, BigInteger high) {
        this.pattern = pattern;
        this.v6 = v6;
        this.low = low;
        this.high = high;
    }

    /** Parses the pattern; throws {@link IllegalArgumentException} ({@code ip: invalid pattern: "..."}) when invalid. */
    public static IpMatcher parse(String pattern) {
        Address single = Address.parse(pattern);
        if (single != null) {
            return new IpMatcher(pattern, single.v6, single.value, single.value);
        }
        int slash = pattern.indexOf('/');
        if (slash > 0) {
            Address addr = Address.parse(pattern.substring(0, slash));
            String bitsText = pattern.substring(slash + 1);
            int max = addr == null ? 0 : addr.v6 ? 128 : 32;
            if (addr != null && bitsText.matches("0|[1-9][0-9]{0,2}") && Integer.parseInt(bitsText) <= max) {
                int bits = Integer.parseInt(bitsText);
                BigInteger hostMask = BigInteger.ONE.shiftLeft(max - bits).subtract(BigInteger.ONE);
                BigInteger network = addr.value.andNot(hostMask);
                return new IpMatcher(pattern, addr.v6, network, network.or(hostMask));
            }
        }
        int dash = pattern.indexOf('-');
        if (dash > 0) {
            Address from = Address.parse(pattern.substring(0, dash));
            Address to = Address.parse(pattern.substring(dash + 1));
            if (from != null && to != null && from.v6 == to.v6 && from.value.compareTo(to.value) <= 0) {
                return new IpMatcher(pattern, from.v6, from.value, to.value);
            }
        }
        throw new IllegalArgumentException("ip: invalid pattern: \"" + pattern + "\"");
    }

    public String pattern() {
        return pattern;
    }

    /** Whether one address (text) is in the range. */
    public boolean contains(String address) {
        Address addr = Address.parse(address);
        return addr != null && addr.v6 == v6 && addr.value.compareTo(low) >= 0 && addr.value.compareTo(high) <= 0;
    }

    /** Whether some address found in the text is in the range. */
    public boolean matchesAnywhere(byte[] line) {
        int n = line.length;
        if (n == 0) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (i + 3 < n && ipv4Hint(line, i)) {
                int len = span(line, i, IPV4_CHARS);
                if (contains(new String(line, i, len, StandardCharsets.US_ASCII))) {
                    return true;
                }
                i += len;
                continue;
            }
            if (i + 4 < n && ipv6Hint(line, i)) {
                int len = span(line, i, IPV6_CHARS);
                if (contains(new String(line, i, len, StandardCharsets.US_ASCII))) {
                    return true;
                }
                i += len;
            }
        }
        return false;
    }

    private static int span(byte[] line, int start, String chars) {
        int i = start;
        while (i < line.length && chars.indexOf(line[i]) >= 0) {
            i++;
        }
        return i - start;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isHex(byte b) {
        return isDigit(b) || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }

    private static boolean ipv4Hint(byte[] l, int i) {
        return isDigit(l[i]) && (l[i + 1] == '.' || l[i + 2] == '.' || l[i + 3] == '.');
    }

    private static boolean ipv6Hint(byte[] l, int i) {
        return (l[i] == ':' && l[i + 1] == ':' && isHex(l[i + 2]))
                || (isHex(l[i]) && l[i + 1] == ':')
                || (isHex(l[i]) && isHex(l[i + 1]) && l[i + 2] == ':')
                || (isHex(l[i]) && isHex(l[i + 1]) && isHex(l[i + 2]) && l[i + 3] == ':')
                || (isHex(l[i]) && isHex(l[i + 1]) && isHex(l[i + 2]) && isHex(l[i + 3]) && l[i + 4] == ':');
    }

    /** An address as an unsigned integer and its family. */
    private record Address(boolean v6, BigInteger value) {
        static @Nullable Address parse(String s) {
            if (s.indexOf(':') >= 0) {
                return parseV6(s);
            }
            long v4 = parseV4(s);
            return v4 < 0 ? null : new Address(false, BigInteger.valueOf(v4));
        }

        /** Go's strict dotted quad: four fields 0-255 without leading zeros; -1 when invalid. */
        static long parseV4(String s) {
            String[] parts = s.split("\\.", -1);
            if (parts.length != 4) {
                return -1;
            }
            long value = 0;
            for (String part : parts) {
                if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
                    return -1;
                }
                int octet = 0;
                for (int i = 0; i < part.length(); i++) {
                    char c = part.charAt(i);
                    if (c < '0' || c > '9') {
                        return -1;
                    }
                    octet = octet * 10 + (c - '0');
                }
                if (octet > 255) {
                    return -1;
                }
                value = (value << 8) | octet;
            }
            return value;
        }

        static @Nullable Address parseV6(String s) {
            int[] groups = new int[8];
            int count = 0;
            int ellipsis = -1;
            int i = 0;
            int n = s.length();
            if (s.startsWith("::")) {
                ellipsis = 0;
                i = 2;
                if (i == n) {
                    return new Address(true, BigInteger.ZERO);
                }
            }
            while (i < n) {
                int start = i;
                int value = 0;
                while (i < n && i - start < 5 && Character.digit(s.charAt(i), 16) >= 0) {
                    value = value * 16 + Character.digit(s.charAt(i), 16);
                    i++;
                }
                int digits = i - start;
                if (digits == 0 || digits > 4) {
                    return null;
                }
                if (i < n && s.charAt(i) == '.') {
                    if ((ellipsis < 0 && count != 6) || count > 6) {
                        return null;
                    }
                    long v4 = parseV4(s.substring(start));
                    if (v4 < 0) {
                        return null;
                    }
                    groups[count++] = (int) (v4 >>> 16);
                    groups[count++] = (int) (v4 & 0xffff);
                    i = n;
                    break;
                }
                groups[count++] = value;
                if (i == n) {
                    break;
                }
                if (s.charAt(i) != ':' || i + 1 == n) {
                    return null;
                }
                i++;
                if (s.charAt(i) == ':') {
                    if (ellipsis >= 0) {
                        return null;
                    }
                    ellipsis = count;
                    i++;
                    if (i == n) {
                        break;
                    }
                }
                if (count == 8) {
                    return null;
                }
            }
            if (ellipsis >= 0) {
                int missing = 8 - count;
                if (missing < 1) {
                    return null;
                }
                int[] full = new int[8];
                System.arraycopy(groups, 0, full, 0, ellipsis);
                System.arraycopy(groups, ellipsis, full, ellipsis + missing, count - ellipsis);
                groups = full;
            } else if (count != 8) {
                return null;
            }
            BigInteger value = BigInteger.ZERO;
            for (int group : groups) {
                value = value.shiftLeft(16).or(BigInteger.valueOf(group));
            }
            return new Address(true, value);
        }
    }
}
