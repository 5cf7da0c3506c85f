package io.skald.config;

import java.time.Duration;

/** {@code ingester:} lifecycler (ring membership), chunk cutting, WAL and flushing. */
public record IngesterConfig(Lifecycler lifecycler, Chunks chunks, Wal wal, Duration queryStoreMaxLookBackPeriod) {

    /** {@code ingester.lifecycler}: how an ingester joins and leaves the ring. */
    public record Lifecycler(
            String id,
            String ringStore,
            int replicationFactor,
            Duration heartbeatTimeout,
            int numTokens,
            Duration heartbeatPeriod,
            Duration joinAfter,
            Duration observePeriod,
            Duration minReadyDuration,
            Duration finalSleep,
            String availabilityZone,
            boolean zoneAwarenessEnabled) {}

    /** When chunks are cut and flushed, and how they are compressed. */
    public record Chunks(
            String encoding,
            Duration idlePeriod,
            int blockSize,
            int targetSize,
            Duration retainPeriod,
            Duration maxChunkAge,
            int concurrentFlushes,
            Duration flushCheckPeriod,
            int contentFilterBits) {}

    /** {@code ingester.wal}. */
    public record Wal(
            boolean enabled,
            String dir,
            Duration checkpointDuration,
            boolean flushOnShutdown,
            long replayMemoryCeiling) {}

    static IngesterConfig bind(ConfigReader r) {
        ConfigReader p = r.pending();
        p.deprecated("max_transfer_retries");
        ConfigReader lifecycle = r.section("lifecycler");
        ConfigReader lc = lifecycle;
        // The ring keys are read by every ring client (distributor, querier), so they are in effect already.
        ConfigReader ring = lifecycle.section("ring");
        Lifecycler lifecycler = new Lifecycler(
                // Empty means the host name, resolved at start-up so the defaults stay machine-independent.
                lc.string("id", ""),
                ring.section("kvstore").string("store", "memberlist"),
                ring.integer("replication_factor", 3),
                ring.duration("heartbeat_timeout", Duration.ofMinutes(1)),
                lc.integer("num_tokens", 128),
                lc.duration("heartbeat_period", Duration.ofSeconds(5)),
                lc.duration("join_after", Duration.ZERO),
                lc.duration("observe_period", Duration.ZERO),
                lc.duration("min_ready_duration", Duration.ofSeconds(15)),
                lc.duration("final_sleep", Duration.ZERO),
                lc.string("availability_zone", ""),
                ring.bool("zone_awareness_enabled", false));
        Chunks chunks = new Chunks(
                r.string("chunk_encoding", "gzip"),
                r.duration("chunk_idle_period", Duration.ofMinutes(30)),
                r.integer("chunk_block_size", 262_144),
                r.integer("chunk_target_size", 1_572_864),
                r.duration("chunk_retain_period", Duration.ZERO),
                r.duration("max_chunk_age", Duration.ofHours(2)),
                r.integer("concurrent_flushes", 32),
                r.duration("flush_check_period", Duration.ofSeconds(30)),
                // Skald only: bits of per-block quadgram Bloom filter per distinct quadgram, 0 for none.
                r.integer("chunk_content_filter_bits", 2));
        ConfigReader walSection = r.section("wal");
        Wal wal = new Wal(
                walSection.bool("enabled", true),
                walSection.string("dir", "wal"),
                walSection.duration("checkpoint_duration", Duration.ofMinutes(5)),
                walSection.bool("flush_on_shutdown", false),
                walSection.bytes("replay_memory_ceiling", 4_000_000_000L));
        return new IngesterConfig(
                lifecycler, chunks, wal, p.duration("query_store_max_look_back_period", Duration.ZERO));
    }
}
