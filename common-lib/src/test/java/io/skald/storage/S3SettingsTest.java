package io.skald.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skald.config.StorageConfig;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class S3SettingsTest {

    private static StorageConfig.Aws aws(
            String s3,
            boolean pathStyle,
            String endpoint,
            String region,
            String key,
            String secret,
            String buckets,
            boolean insecure) {
        return new StorageConfig.Aws(s3, pathStyle, endpoint, region, key, secret, buckets, insecure);
    }

    static Stream<Arguments> configs() {
        return Stream.of(
                // The fixture's form: region as host, bucket as path.
                Arguments.of(
                        aws("s3://access-key:secret-key@region/bucket-name", false, "", "", "", "", "", false),
                        new S3Settings(
                                S3Settings.AWS_ENDPOINT,
                                "region",
                                "access-key",
                                "secret-key",
                                List.of("bucket-name"),
                                false)),
                // Escaped key and secret.
                Arguments.of(
                        aws("s3://AK%2FID:s%2Bcr%40t%3A1@eu-west-1/logs", false, "", "", "", "", "", false),
                        new S3Settings(
                                S3Settings.AWS_ENDPOINT, "eu-west-1", "AK/ID", "s+cr@t:1", List.of("logs"), false)),
                // A host with a port is a custom endpoint over http.
                Arguments.of(
                        aws("s3://k:s@minio:9000/loki", true, "", "", "", "", "", false),
                        new S3Settings(
                                "http://minio:9000", S3Settings.DEFAULT_REGION, "k", "s", List.of("loki"), true)),
                // A host with a dot is a custom endpoint too (Loki's rule).
                Arguments.of(
                        aws("s3://k:s@storage.example.com/loki", false, "", "", "", "", "", false),
                        new S3Settings(
                                "http://storage.example.com",
                                S3Settings.DEFAULT_REGION,
                                "k",
                                "s",
                                List.of("loki"),
                                false)),
                // Separate keys override the URL; bucketnames is a comma-separated list.
                Arguments.of(
                        aws(
                                "s3://k:s@region/bucket",
                                false,
                                "minio.local:9000",
                                "us-west-2",
                                "key2",
                                "secret2",
                                "a, b,c",
                                true),
                        new S3Settings(
                                "http://minio.local:9000",
                                "us-west-2",
                                "key2",
                                "secret2",
                                List.of("a", "b", "c"),
                                false)),
                Arguments.of(
                        aws("", true, "https://s3.example.net", "", "", "", "chunks", false),
                        new S3Settings(
                                "https://s3.example.net", S3Settings.DEFAULT_REGION, "", "", List.of("chunks"), true)),
                Arguments.of(
                        aws("", false, "objects.internal", "eu-central-1", "id", "secret", "chunks", false),
                        new S3Settings(
                                "https://objects.internal", "eu-central-1", "id", "secret", List.of("chunks"), false)));
    }

    @ParameterizedTest
    @MethodSource("configs")
    void resolvesLokisAwsSection(StorageConfig.Aws aws, S3Settings expected) {
        assertThat(S3Settings.from(aws)).isEqualTo(expected);
    }

    @Test
    void rejectsMissingBucketHalfCredentialsAndOtherSchemes() {
        assertThatThrownBy(() -> S3Settings.from(aws("s3://k:s@region", false, "", "", "", "", "", false)))
                .hasMessageContaining("no bucket");
        assertThatThrownBy(() -> S3Settings.from(aws("", false, "", "", "id", "", "b", false)))
                .hasMessageContaining("must supply both an Access Key ID and Secret Access Key or neither");
        assertThatThrownBy(() -> S3Settings.from(aws("gs://k:secret@host/b", false, "", "", "", "", "", false)))
                .hasMessageContaining("expected an s3:// URL")
                .hasMessageNotContaining("secret");
    }

    @Test
    void toStringHidesTheSecret() {
        S3Settings settings = new S3Settings("http://h:1", "r", "id", "top-secret", List.of("b"), true);

        assertThat(settings.toString()).contains("id").doesNotContain("top-secret");
    }

    @Test
    void bucketForSpreadsKeysDeterministically() {
        S3Settings settings = new S3Settings("http://h:1", "r", "", "", List.of("b0", "b1", "b2"), true);

        // FNV-1a 32 of "" is 0x811c9dc5 = 2166136261, and 2166136261 % 3 = 1.
        assertThat(settings.bucketFor("")).isEqualTo("b1");
        assertThat(Stream.of("a", "b", "c", "d", "e", "f", "g", "h")
                        .map(settings::bucketFor)
                        .distinct())
                .hasSize(3);
        assertThat(settings.bucketFor("tenant/chunk")).isEqualTo(settings.bucketFor("tenant/chunk"));
    }
}
