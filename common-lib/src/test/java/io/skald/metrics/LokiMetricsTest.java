package io.skald.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LokiMetricsTest {
    @ParameterizedTest
    @CsvSource({
        "/loki/api/v1/push, loki_api_v1_push",
        "/loki/api/v1/label/{name}/values, loki_api_v1_label_name_values",
        "/ready, ready",
        "/, root"
    })
    void routeNamesFollowLoki(String pattern, String route) {
        assertThat(LokiMetrics.routeName(pattern)).isEqualTo(route);
    }
}
