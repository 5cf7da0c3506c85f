package io.skald.storage;

/** The rules every object key and list prefix follows, whatever the store. */
public final class ObjectKeys {
    private ObjectKeys() {}

    /**
     * Checks a key: non-empty {@code /}-separated segments, none empty, {@code .} or {@code ..}, no backslash or
     * NUL. Keys map to file paths in the filesystem store, so this is what keeps them inside its root.
     *
     * @return {@code key}
     * @throws IllegalArgumentException when the key breaks a rule
     */
    public static String requireValidKey(String key) {
        if (key.isEmpty()) {
            throw new IllegalArgumentException("empty object key");
        }
        if (key.endsWith("/")) {
            throw new IllegalArgumentException("object key ends with '/': " + key);
        }
        requireValidSegments(key, key);
        return key;
    }

    /**
     * Checks a list prefix: empty, or segments as in a key where the last may be partial or empty (a trailing
     * {@code /}).
     *
     * @return {@code prefix}
     */
    public static String requireValidPrefix(String prefix) {
        if (prefix.isEmpty()) {
            return prefix;
        }
        String body = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        if (body.isEmpty()) {
            throw new IllegalArgumentException("invalid object key prefix: " + prefix);
        }
        requireValidSegments(body, prefix);
        return prefix;
    }

    private static void requireValidSegments(String path, String original) {
        if (path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("object key contains '\\' or NUL: " + original);
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("invalid object key: " + original);
            }
        }
    }
}
