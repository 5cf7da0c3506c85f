package io.skald.config;

import java.time.Duration;

/** The backend components' sections: {@code compactor} and {@code ruler}. */
public record BackendConfig(
        String compactorWorkingDirectory,
        Duration compactionInterval,
        boolean retentionEnabled,
        Duration retentionDeleteDelay,
        int retentionDeleteWorkerCount,
        String deleteRequestStore,
        String rulerStorageType,
        String rulerS3BucketNames,
        String rulerLocalDirectory,
        String rulePath,
        String alertmanagerUrl,
        boolean rulerEnableApi,
        Duration rulerEvaluationInterval) {

    static BackendConfig bind(ConfigReader root) {
        ConfigReader compactor = root.section("compactor").pending();
        compactor.deprecated("shared_store", "deletion_mode");
        String workingDirectory = compactor.string("working_directory", "");
        Duration interval = compactor.duration("compaction_interval", Duration.ofMinutes(10));
        boolean retention = compactor.bool("retention_enabled", false);
        Duration deleteDelay = compactor.duration("retention_delete_delay", Duration.ofHours(2));
        int workers = compactor.integer("retention_delete_worker_count", 150);
        String deleteStore = compactor.string("delete_request_store", "");
        ConfigReader ruler = root.section("ruler").pending();
        ConfigReader storage = ruler.section("storage");
        String storageType = storage.string("type", "");
        String bucket = storage.section("s3").string("bucketnames", "");
        String local = storage.section("local").string("directory", "");
        ruler.section("ring").section("kvstore").string("store", "memberlist");
        return new BackendConfig(
                workingDirectory,
                interval,
                retention,
                deleteDelay,
                workers,
                deleteStore,
                storageType,
                bucket,
                local,
                ruler.string("rule_path", "/rules"),
                ruler.string("alertmanager_url", ""),
                ruler.bool("enable_api", false),
                ruler.duration("evaluation_interval", Duration.ofMinutes(1)));
    }
}
