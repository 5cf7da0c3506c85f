package io.skald.ingester;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.config.LimitsConfig;
import io.skald.config.LokiConfigLoader;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StreamLimitsTest {

    @ParameterizedTest(name = "local {0}, global {1}, {2} ingesters, rf {3} -> {4}")
    @CsvSource({
        // Loki's conversion: global / healthy ingesters * replication factor, the smaller non-zero of it and local.
        "0, 5000, 3, 3, 5000",
        "0, 5000, 6, 3, 2500",
        "1000, 5000, 6, 3, 1000",
        "3000, 5000, 10, 3, 1500",
        "0, 0, 3, 3, 0",
        "200, 0, 3, 3, 200",
        // No healthy ingester in the ring yet: only the local limit applies.
        "0, 5000, 0, 3, 0",
        "0, 1, 10, 1, 1",
    })
    void convertsTheGlobalLimitToThisIngestersShare(int local, int global, int ingesters, int rf, int expected) {
        LimitsConfig limits = LokiConfigLoader.parse(
                        "",
                        false,
                        n -> null,
                        Map.of(
                                "limits_config.max_streams_per_user", Integer.toString(local),
                                "limits_config.max_global_streams_per_user", Integer.toString(global)))
                .limits();
        assertThat(new StreamLimits(tenant -> limits, () -> ingesters, rf).maxStreams("t"))
                .isEqualTo(expected);
    }
}
