package io.skald.storage;

import io.skald.config.StorageConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Resolved S3 connection settings.
 *
 * @param endpoint full endpoint URL with scheme, e.g. {@code https://s3.amazonaws.com} or {@code http://minio:9000}
 * @param region signing region
 * @param accessKeyId static access key, empty to connect anonymously
 * @param secretAccessKey static secret key
 * @param buckets one or more buckets; objects are spread over them by key hash, like Loki
 * @param forcePathStyle address buckets as {@code endpoint/bucket} rather than {@code bucket.endpoint}
 */
public record S3Settings(
        String endpoint,
        String region,
        String accessKeyId,
        String secretAccessKey,
        List<String> buckets,
        boolean forcePathStyle) {

    /** The AWS endpoint used when only a region is configured. */
    public static final String AWS_ENDPOINT = "https://s3.amazonaws.com";

    /** The region assumed for a custom endpoint that names none (S3-compatible servers accept it). */
    public static final String DEFAULT_REGION = "us-east-1";

    public S3Settings {
        buckets = List.copyOf(buckets);
        if (buckets.isEmpty() || buckets.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("storage_config.aws: no bucket configured (bucketnames or s3 URL path)");
        }
        if (accessKeyId.isEmpty() != secretAccessKey.isEmpty()) {
            throw new IllegalArgumentException(
                    "storage_config.aws: must supply both an Access Key ID and Secret Access Key or neither");
        }
    }

    /**
     * Resolves Loki's {@code storage_config.aws}. The {@code s3} URL comes first: {@code s3://key:secret@region/bucket}
     * (key and secret URL-escaped) names an AWS region, while a host with a dot, a port or {@code localhost}, as in
     * {@code s3://key:secret@minio.local:9000/bucket}, is a custom endpoint over plain HTTP. Then the separate keys
     * override it: {@code endpoint} (scheme optional; {@code insecure} selects http), {@code region}, {@code
     * access_key_id}/{@code secret_access_key} and {@code bucketnames} (comma-separated).
     */
    public static S3Settings from(StorageConfig.Aws aws) {
        String endpoint = "";
        String region = "";
        String accessKey = "";
        String secretKey = "";
        List<String> buckets = List.of();
        if (!aws.s3().isBlank()) {
            URI url = parse(aws.s3().trim());
            String userInfo = url.getRawUserInfo();
            if (userInfo != null) {
                int colon = userInfo.indexOf(':');
                accessKey = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
                secretKey = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
            }
            String host = url.getHost() == null ? "" : url.getHost();
            if (host.contains(".") || url.getPort() >= 0 || host.equals("localhost")) {
                // Loki reads a host with a dot as an emulated service's endpoint, reached over plain HTTP.
                endpoint = "http://" + host + (url.getPort() >= 0 ? ":" + url.getPort() : "");
            } else if (!host.isEmpty()) {
                region = host;
            }
            String path = url.getPath() == null ? "" : url.getPath();
            if (path.startsWith("/")) {
                path = path.substring(1);
            }
            if (!path.isEmpty()) {
                buckets = List.of(path);
            }
        }
        if (!aws.endpoint().isBlank()) {
            String configured = aws.endpoint().trim();
            endpoint = configured.contains("://") ? configured : (aws.insecure() ? "http://" : "https://") + configured;
        }
        if (!aws.region().isBlank()) {
            region = aws.region().trim();
        }
        if (!aws.accessKeyId().isBlank() || !aws.secretAccessKey().isBlank()) {
            accessKey = aws.accessKeyId().trim();
            secretKey = aws.secretAccessKey().trim();
        }
        if (!aws.bucketNames().isBlank()) {
            buckets = Arrays.stream(aws.bucketNames().split(","))
                    .map(String::trim)
                    .filter(b -> !b.isEmpty())
                    .toList();
        }
        if (endpoint.isEmpty()) {
            endpoint = AWS_ENDPOINT;
        }
        if (region.isEmpty()) {
            region = DEFAULT_REGION;
        }
        return new S3Settings(endpoint, region, accessKey, secretKey, buckets, aws.s3ForcePathStyle());
    }

    private static URI parse(String url) {
        try {
            URI uri = new URI(url);
            if (!"s3".equalsIgnoreCase(uri.getScheme())) {
                throw new IllegalArgumentException("storage_config.aws.s3: expected an s3:// URL, got " + redact(url));
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("storage_config.aws.s3: invalid URL " + redact(url), e);
        }
    }

    private static String redact(String url) {
        return url.replaceAll("//[^@/]*@", "//<redacted>@");
    }

    private static String decode(String escaped) {
        return URLDecoder.decode(escaped.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The bucket holding {@code key}: Loki's choice, FNV-1a 32 of the key modulo the bucket count. */
    public String bucketFor(String key) {
        if (buckets.size() == 1) {
            return buckets.getFirst();
        }
        int hash = 0x811c9dc5;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        return buckets.get((int) (Integer.toUnsignedLong(hash) % buckets.size()));
    }

    @Override
    public String toString() {
        // Never print the secret.
        return "S3Settings[endpoint=" + endpoint + ", region=" + region + ", accessKeyId=" + accessKeyId + ", buckets="
                + buckets + ", forcePathStyle=" + forcePathStyle + "]";
    }
}
