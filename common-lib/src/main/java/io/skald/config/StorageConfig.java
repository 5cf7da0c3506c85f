package io.skald.config;

import java.time.Duration;

/** {@code storage_config:} object store settings (S3, filesystem) and the index shipper's local directories. */
public record StorageConfig(Aws aws, String filesystemDirectory, TsdbShipper tsdbShipper) {

    /** {@code storage_config.aws}: an {@code s3://key:secret@region/bucket} URL or the separate keys. */
    public record Aws(
            String s3,
            boolean s3ForcePathStyle,
            String endpoint,
            String region,
            String accessKeyId,
            String secretAccessKey,
            String bucketNames,
            boolean insecure) {}

    /** {@code storage_config.tsdb_shipper}. */
    public record TsdbShipper(
            String activeIndexDirectory, String cacheLocation, Duration cacheTtl, String indexGatewayAddress) {}

    static StorageConfig bind(ConfigReader r) {
        ConfigReader aws = r.section("aws").pending();
        ConfigReader tsdb = r.section("tsdb_shipper").pending();
        tsdb.deprecated("shared_store");
        return new StorageConfig(
                new Aws(
                        aws.string("s3", ""),
                        aws.bool("s3forcepathstyle", false),
                        aws.string("endpoint", ""),
                        aws.string("region", ""),
                        aws.string("access_key_id", ""),
                        aws.string("secret_access_key", ""),
                        aws.string("bucketnames", ""),
                        aws.bool("insecure", false)),
                r.section("filesystem").pending().string("directory", ""),
                new TsdbShipper(
                        tsdb.string("active_index_directory", ""),
                        tsdb.string("cache_location", ""),
                        tsdb.duration("cache_ttl", Duration.ofHours(24)),
                        tsdb.section("index_gateway_client").string("server_address", "")));
    }
}
