package io.skald.config;

/** {@code common:} settings shared by every component (path prefix, replication factor, local storage). */
public record CommonConfig(
        String pathPrefix,
        int replicationFactor,
        String instanceAddr,
        String ringStore,
        String chunksDirectory,
        String rulesDirectory,
        String compactorAddress) {

    static CommonConfig bind(ConfigReader r) {
        ConfigReader p = r.pending();
        ConfigReader ring = r.section("ring");
        ConfigReader filesystem = r.section("storage").section("filesystem");
        return new CommonConfig(
                r.string("path_prefix", ""),
                r.integer("replication_factor", 3),
                r.string("instance_addr", ""),
                ring.section("kvstore").string("store", "memberlist"),
                filesystem.pending().string("chunks_directory", ""),
                filesystem.pending().string("rules_directory", ""),
                p.string("compactor_address", ""));
    }
}
