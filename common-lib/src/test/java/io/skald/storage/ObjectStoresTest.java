package io.skald.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skald.config.SchemaConfig;
import io.skald.config.StorageConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObjectStoresTest {
    @TempDir
    Path dir;

    private static StorageConfig storage(String filesystemDirectory, String s3) {
        return new StorageConfig(
                new StorageConfig.Aws(s3, true, "", "", "", "", "", false),
                filesystemDirectory,
                new StorageConfig.TsdbShipper("", "", Duration.ofHours(24), ""));
    }

    @ParameterizedTest
    @CsvSource({"filesystem,FILESYSTEM", "s3,S3", "aws,S3", " S3 ,S3"})
    void parsesObjectStoreNames(String name, ObjectStores.Kind kind) {
        assertThat(ObjectStores.Kind.parse(name)).isEqualTo(kind);
    }

    @Test
    void rejectsStoresSkaldDoesNotImplement() {
        assertThatThrownBy(() -> ObjectStores.Kind.parse("gcs"))
                .hasMessage("unsupported object_store \"gcs\": Skald implements filesystem and s3");
    }

    @Test
    void createsFilesystemStoreInTheConfiguredDirectoryOrTheFallback() {
        try (ObjectStore configured = ObjectStores.create(
                        ObjectStores.Kind.FILESYSTEM, storage(dir.resolve("a").toString(), ""), dir.resolve("b"));
                ObjectStore fallback =
                        ObjectStores.create(ObjectStores.Kind.FILESYSTEM, storage("", ""), dir.resolve("b"))) {
            configured.put("k", new byte[] {1});
            fallback.put("k", new byte[] {2});
        }

        assertThat(dir.resolve("a/k")).hasBinaryContent(new byte[] {1});
        assertThat(dir.resolve("b/k")).hasBinaryContent(new byte[] {2});
    }

    @Test
    void createsS3StoreFromTheAwsSection() {
        try (ObjectStore store =
                ObjectStores.create(ObjectStores.Kind.S3, storage("", "s3://k:s@127.0.0.1:9/bucket"), dir)) {
            assertThat(store).isInstanceOf(S3ObjectStore.class);
            assertThat(((S3ObjectStore) store).settings().endpoint()).isEqualTo("http://127.0.0.1:9");
        }
    }

    @Test
    void picksThePeriodInForceOnADay() {
        SchemaConfig.Period old = new SchemaConfig.Period(
                LocalDate.parse("2023-01-01"), "tsdb", "filesystem", "v12", "index_", Duration.ofHours(24));
        SchemaConfig.Period current = new SchemaConfig.Period(
                LocalDate.parse("2024-01-01"), "tsdb", "s3", "v13", "index_", Duration.ofHours(24));
        SchemaConfig schema = new SchemaConfig(List.of(current, old));

        assertThat(ObjectStores.periodFor(schema, LocalDate.parse("2023-06-01")))
                .isEqualTo(old);
        assertThat(ObjectStores.periodFor(schema, LocalDate.parse("2024-01-01")))
                .isEqualTo(current);
        assertThat(ObjectStores.periodFor(schema, LocalDate.parse("2030-01-01")))
                .isEqualTo(current);
        assertThatThrownBy(() -> ObjectStores.periodFor(schema, LocalDate.parse("2022-12-31")))
                .hasMessage("no schema_config period covers 2022-12-31");
    }
}
