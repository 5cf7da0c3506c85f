package io.skald.frontend.split;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.config.LokiConfig;
import io.skald.config.LokiConfigLoader;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrontendSettingsTest {

    private static LokiConfig parse(String yaml) {
        return LokiConfigLoader.parse(yaml, false, name -> null, Map.of());
    }

    @Test
    void readsLokisKeysWithLokisDefaults() {
        LokiConfig config = parse("auth_enabled: false\n");
        FrontendSettings settings = FrontendSettings.from(config.limits(), config.query());
        assertThat(settings)
                .isEqualTo(new FrontendSettings(
                        Duration.ofHours(1),
                        32,
                        Duration.ofHours(721),
                        5000,
                        500,
                        Duration.ofMinutes(10),
                        5,
                        true,
                        FrontendSettings.DEFAULT_SHARDS,
                        600L << 20));
    }

    @Test
    void readsConfiguredValues() {
        LokiConfig config = parse("""
                limits_config:
                  split_queries_by_interval: 30m
                  max_query_parallelism: 8
                  max_query_length: 24h
                  max_entries_limit_per_query: 100
                  max_query_series: 50
                  max_cache_freshness_per_query: 1m
                  tsdb_max_bytes_per_shard: 256MiB
                query_range:
                  max_retries: 2
                  parallelise_shardable_queries: false
                """);
        FrontendSettings settings = FrontendSettings.from(config.limits(), config.query());
        assertThat(settings)
                .isEqualTo(new FrontendSettings(
                        Duration.ofMinutes(30),
                        8,
                        Duration.ofHours(24),
                        100,
                        50,
                        Duration.ofMinutes(1),
                        2,
                        false,
                        FrontendSettings.DEFAULT_SHARDS,
                        256L << 20));
    }
}
