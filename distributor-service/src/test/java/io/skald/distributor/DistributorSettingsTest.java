package io.skald.distributor;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.config.LokiConfig;
import io.skald.config.LokiConfigLoader;
import io.skald.labels.Labels;
import io.skald.push.PushTokens;
import io.skald.ring.Tokens;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DistributorSettingsTest {
    private static DistributorSettings settings(String yaml) {
        LokiConfig config = LokiConfigLoader.parse(yaml, false, name -> null, Map.of());
        return DistributorSettings.from(config);
    }

    @Test
    void defaults() {
        DistributorSettings defaults = settings("");

        assertThat(defaults.maxRecvMsgSize()).isEqualTo(4 * 1024 * 1024);
        assertThat(defaults.ingesterRing().name()).isEqualTo("ingester");
        assertThat(defaults.ingesterRing().replicationFactor()).isEqualTo(3);
        assertThat(defaults.ingesterRing().heartbeatTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(defaults.remoteTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.distributorRing().name()).isEqualTo("distributor");
        assertThat(defaults.distributorRing().heartbeatTimeout()).isEqualTo(Duration.ofMinutes(1));
    }

    static Stream<Arguments> replicationFactors() {
        return Stream.of(
                Arguments.of("", 3),
                Arguments.of("common: {replication_factor: 1}", 1),
                Arguments.of("ingester: {lifecycler: {ring: {replication_factor: 2}}}", 2),
                Arguments.of(
                        "common: {replication_factor: 1}\ningester: {lifecycler: {ring: {replication_factor: 5}}}", 5));
    }

    @ParameterizedTest
    @MethodSource("replicationFactors")
    void replicationFactorFromTheIngesterRingElseCommon(String yaml, int expected) {
        assertThat(settings(yaml).ingesterRing().replicationFactor()).isEqualTo(expected);
    }

    @Test
    void bodyLimitIsTheGrpcReceiveLimit() {
        assertThat(settings("server: {grpc_server_max_recv_msg_size: 104857600}")
                        .maxRecvMsgSize())
                .isEqualTo(104_857_600);
    }

    @Test
    void theValidatorsTokenIsTheRingsStreamToken() {
        for (Labels labels : new Labels[] {
            Labels.of("app", "api"), Labels.of("app", "ünïcode", "env", "prod"), Labels.of("a", "\"quoted\"")
        }) {
            assertThat(PushTokens.tokenFor("tenant-1", labels)).isEqualTo(Tokens.forStream("tenant-1", labels));
        }
    }
}
