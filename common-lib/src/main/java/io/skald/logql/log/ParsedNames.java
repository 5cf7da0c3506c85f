package io.skald.logql.log;

/** How parsers turn keys into label names: Loki's sanitising and the suffix for clashes with stream labels. */
public final class ParsedNames {
    /** Appended to an extracted name that is already a stream label. */
    public static final String DUPLICATE_SUFFIX = "_extracted";

    /** Parsers remember this many sanitised keys at most, so lines with random keys cannot grow memory. */
    static final int CACHE_LIMIT = 4096;

    private ParsedNames() {}

    /**
     * Loki's {@code sanitizeLabelKey}: trims spaces, maps every char outside {@code [a-zA-Z0-9_]} to {@code _}, and
     * (for a full key) prefixes a leading digit with {@code _}.
     */
    public static String sanitize(String key, boolean prefixLeadingDigit) {
        String trimmed = key.strip();
        if (trimmed.isEmpty()) {
            return trimmed;
        }
        StringBuilder out = new StringBuilder(trimmed.length() + 1);
        char first = trimmed.charAt(0);
        if (prefixLeadingDigit && first >= '0' && first <= '9') {
            out.append('_');
        }
        trimmed.codePoints().forEach(c -> out.append(isLabelChar(c) ? (char) c : '_'));
        return out.toString();
    }

    private static boolean isLabelChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    /** Whether a name is a valid Prometheus label name. */
    public static boolean isValidLabelName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok =
                    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The name to extract a key under: sanitised, then suffixed when it clashes with a stream label. */
    public static String extractedName(String sanitized, LabelsBuilder labels) {
        return labels.baseHas(sanitized) ? sanitized + DUPLICATE_SUFFIX : sanitized;
    }
}
