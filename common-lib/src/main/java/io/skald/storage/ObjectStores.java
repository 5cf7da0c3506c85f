package io.skald.storage;

import io.skald.config.LokiConfig;
import io.skald.config.SchemaConfig;
import io.skald.config.StorageConfig;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Locale;

/** Builds the object store a configuration names. */
public final class ObjectStores {
    private ObjectStores() {}

    /** The object store kinds Skald implements. */
    public enum Kind {
        /** Files under a local directory. */
        FILESYSTEM,
        /** An S3 (or S3-compatible) bucket. */
        S3;

        /**
         * Parses a {@code schema_config} {@code object_store} value: {@code filesystem}, {@code s3} or Loki's alias
         * {@code aws}.
         *
         * @throws IllegalArgumentException for an object store Skald does not implement
         */
        public static Kind parse(String objectStore) {
            return switch (objectStore.trim().toLowerCase(Locale.ROOT)) {
                case "filesystem" -> FILESYSTEM;
                case "s3", "aws" -> S3;
                default ->
                    throw new IllegalArgumentException(
                            "unsupported object_store \"" + objectStore + "\": Skald implements filesystem and s3");
            };
        }
    }

    /**
     * The store for {@code kind}. The filesystem store lives in {@code storage_config.filesystem.directory}, else
     * {@code filesystemFallback} (e.g. {@code common.storage.filesystem.chunks_directory} or {@code
     * <path_prefix>/chunks}).
     */
    public static ObjectStore create(Kind kind, StorageConfig storage, Path filesystemFallback) {
        return switch (kind) {
            case FILESYSTEM -> {
                String directory = storage.filesystemDirectory();
                yield new FilesystemObjectStore(directory.isBlank() ? filesystemFallback : Path.of(directory));
            }
            case S3 -> new S3ObjectStore(S3Settings.from(storage.aws()));
        };
    }

    /** The {@code schema_config} period in force on {@code day}: the latest one starting on or before it. */
    public static SchemaConfig.Period periodFor(SchemaConfig schema, LocalDate day) {
        return schema.configs().stream()
                .filter(p -> !p.from().isAfter(day))
                .max(Comparator.comparing(SchemaConfig.Period::from))
                .orElseThrow(() -> new IllegalArgumentException("no schema_config period covers " + day));
    }

    /**
     * The store for the schema period in force on {@code day}; with no periods configured, the filesystem. The
     * filesystem fallback is {@code common.storage.filesystem.chunks_directory}, else {@code <path_prefix>/chunks}.
     */
    public static ObjectStore create(LokiConfig config, LocalDate day) {
        Kind kind = config.schema().configs().isEmpty()
                ? Kind.FILESYSTEM
                : Kind.parse(periodFor(config.schema(), day).objectStore());
        String chunks = config.common().chunksDirectory();
        Path fallback = !chunks.isBlank()
                ? Path.of(chunks)
                : Path.of(
                        config.common().pathPrefix().isBlank()
                                ? "."
                                : config.common().pathPrefix(),
                        "chunks");
        return create(kind, config.storage(), fallback);
    }
}
