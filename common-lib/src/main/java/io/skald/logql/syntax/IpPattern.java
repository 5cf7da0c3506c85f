package io.skald.logql.syntax;

import java.math.BigInteger;
import org.jspecify.annotations.Nullable;

/**
 * The argument of {@code ip("...")}: one address ({@code 10.0.0.1}), a CIDR prefix ({@code 10.0.0.0/8}) or a range
 * ({@code 10.0.0.1-10.0.0.9}), IPv4 or IPv6, read with the rules of Go's {@code net/netip} as Loki does. Addresses
 * are compared as unsigned integers within one family (IPv4 patterns never match IPv6 addresses).
 */
public record IpPattern(int family, BigInteger low, BigInteger high) {

    /** A parsed address: {@code family} is 4 or 6. */
    public record Address(int family, BigInteger value) {}

    /** Parses a pattern; the message is Loki's ({@code ip: invalid pattern: "x"}) when it is none of the three forms. */
    public static IpPattern parse(String pattern) {
        Address single = parseAddress(pattern);
        if (single != null) {
            return new IpPattern(single.family(), single.value(), single.value());
        }
        IpPattern prefix = parsePrefix(pattern);
        if (prefix != null) {
            return prefix;
        }
        int dash = pattern.indexOf('-');
        if (dash > 0) {
            Address from = parseAddress(pattern.substring(0, dash));
            Address to = parseAddress(pattern.substring(dash + 1));
            if (from != null
                    && to != null
                    && from.family() == to.family()
                    && from.value().compareTo(to.value()) <= 0
                    && pattern.indexOf('%') < 0) {
                return new IpPattern(from.family(), from.value(), to.value());
            }
        }
        throw new IllegalArgumentException("ip: invalid pattern: " + GoStringLiterals.quote(pattern));
    }

    /** Whether {@code address} lies in this pattern. */
    public boolean contains(Address address) {
        return address.family() == family
                && address.value().compareTo(low) >= 0
                && address.value().compareTo(high) <= 0;
    }

    /** Go's {@code netip.ParseAddr}, or null if {@code text} is not an address. */
    public static @Nullable Address parseAddress(String text) {
        if (text.indexOf(':') >= 0) {
            return parseIpv6(text);
        }
        if (text.indexOf('.') >= 0) {
            BigInteger value = parseIpv4(text);
            return value == null ? null : new Address(4, value);
        }
        return null;
    }

    private static @Nullable IpPattern parsePrefix(String text) {
        int slash = text.lastIndexOf('/');
        if (slash < 0 || text.indexOf('%') >= 0) {
            return null;
        }
        Address address = parseAddress(text.substring(0, slash));
        String bitsText = text.substring(slash + 1);
        if (address == null || !isDecimal(bitsText) || (bitsText.length() > 1 && bitsText.charAt(0) == '0')) {
            return null;
        }
        int totalBits = address.family() == 4 ? 32 : 128;
        if (bitsText.length() > 3 || Integer.parseInt(bitsText) > totalBits) {
            return null;
        }
        int hostBits = totalBits - Integer.parseInt(bitsText);
        BigInteger hostMask = BigInteger.ONE.shiftLeft(hostBits).subtract(BigInteger.ONE);
        BigInteger low = address.value().andNot(hostMask);
        return new IpPattern(address.family(), low, low.or(hostMask));
    }

    private static @Nullable BigInteger parseIpv4(String text) {
        String[] fields = text.split("\\.", -1);
        if (fields.length != 4) {
            return null;
        }
        long value = 0;
        for (String field : fields) {
            if (field.isEmpty()
                    || field.length() > 3
                    || !isDecimal(field)
                    || (field.length() > 1 && field.charAt(0) == '0')) {
                return null;
            }
            int octet = Integer.parseInt(field);
            if (octet > 255) {
                return null;
            }
            value = value << 8 | octet;
        }
        return BigInteger.valueOf(value);
    }

    private static @Nullable Address parseIpv6(String text) {
        String address = text;
        int zone = text.indexOf('%');
        if (zone >= 0) {
            if (zone == text.length() - 1) {
                return null;
            }
            address = text.substring(0, zone);
        }
        int[] groups = new int[8];
        int count = 0;
        int ellipsis = -1;
        int i = 0;
        if (address.startsWith("::")) {
            ellipsis = 0;
            i = 2;
            if (address.length() == 2) {
                return new Address(6, BigInteger.ZERO);
            }
        }
        while (i < address.length()) {
            int end = i;
            while (end < address.length() && Character.digit(address.charAt(end), 16) >= 0 && end - i < 5) {
                end++;
            }
            if (end < address.length() && address.charAt(end) == '.') {
                // Embedded IPv4 in the last 32 bits.
                BigInteger v4 = parseIpv4(address.substring(i));
                if (v4 == null || count > 6) {
                    return null;
                }
                groups[count++] = v4.intValue() >>> 16;
                groups[count++] = v4.intValue() & 0xffff;
                i = address.length();
                break;
            }
            if (end == i || end - i > 4 || count == 8) {
                return null;
            }
            groups[count++] = Integer.parseInt(address.substring(i, end), 16);
            i = end;
            if (i == address.length()) {
                break;
            }
            if (address.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < address.length() && address.charAt(i) == ':') {
                if (ellipsis >= 0) {
                    return null;
                }
                ellipsis = count;
                i++;
                if (i == address.length()) {
                    break;
                }
            } else if (i == address.length()) {
                return null;
            }
        }
        if (ellipsis >= 0) {
            if (count == 8) {
                return null;
            }
            int shift = 8 - count;
            for (int k = count - 1; k >= ellipsis; k--) {
                groups[k + shift] = groups[k];
            }
            for (int k = ellipsis; k < ellipsis + shift; k++) {
                groups[k] = 0;
            }
        } else if (count != 8) {
            return null;
        }
        BigInteger value = BigInteger.ZERO;
        for (int group : groups) {
            value = value.shiftLeft(16).or(BigInteger.valueOf(group));
        }
        return new Address(6, value);
    }

    private static boolean isDecimal(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
