package io.skald.querier.drilldown;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DetectedLabelsTest {
    @Test
    void identifierLikeLabelsAreLeftOutStaticOnesKept() {
        Map<String, Set<String>> values = Map.of(
                "app", Set.of("api", "web", "db"),
                "pod", Set.of("1", "2", "3"), // static: kept though numeric
                "request_id", Set.of("550e8400-e29b-41d4-a716-446655440000", "6ba7b810-9dad-11d1-80b4-00c04fd430c8"),
                "port", Set.of("8080", "9090", "3100"),
                "canary", Set.of("0", "1"),
                "empty", Set.of(),
                "version", Set.of("1.2", "v1.3"));

        assertThat(DetectedLabels.of(values))
                .containsExactly(
                        new DetectedLabels.Label("app", 3),
                        new DetectedLabels.Label("canary", 2),
                        new DetectedLabels.Label("pod", 3),
                        new DetectedLabels.Label("version", 2));
        assertThat(DetectedLabels.of(Map.of())).isEqualTo(List.of());
    }
}
