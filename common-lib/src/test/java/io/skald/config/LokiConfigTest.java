package io.skald.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LokiConfigTest {

    static String resource(String name) throws IOException {
        try (InputStream in = LokiConfigTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static LokiConfig parse(String yaml) {
        return LokiConfigLoader.parse(yaml, false, name -> null, Map.of());
    }

    @Test
    void everySupportedKeyAndItsDefaultIsPinned() throws IOException {
        String actual = LokiConfig.defaults().report().defaults().entrySet().stream()
                .map(e -> e.getKey() + " = " + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
        assertThat(actual).isEqualTo(resource("/config/defaults.txt"));
    }

    @Test
    void referenceConfigLoadsUnchangedWithTypedValues() throws IOException {
        LokiConfig config = parse(resource("/config/reference-loki-config.yaml"));

        assertThat(config.authEnabled()).isTrue();
        assertThat(config.server().httpListenPort()).isEqualTo(3100);
        assertThat(config.server().grpcServerMaxRecvMsgSize()).isEqualTo(104_857_600L);
        assertThat(config.common().replicationFactor()).isEqualTo(3);
        assertThat(config.memberlist().joinMembers()).containsExactly("loki-memberlist:7946");
        assertThat(config.schema().configs()).singleElement().satisfies(period -> {
            assertThat(period.objectStore()).isEqualTo("s3");
            assertThat(period.indexPrefix()).isEqualTo("loki_index_");
            assertThat(period.indexPeriod()).isEqualTo(Duration.ofHours(24));
        });
        assertThat(config.storage().aws().s3()).isEqualTo("s3://access-key:secret-key@region/bucket-name");
        assertThat(config.limits().rejectOldSamplesMaxAge()).isEqualTo(Duration.ofHours(168));
        assertThat(config.limits().maxLineSize()).isEqualTo(256_000L);
        assertThat(config.limits().perStreamRateLimit()).isEqualTo(5_000_000L);
        assertThat(config.limits().ingestionRateMb()).isEqualTo(64);
        assertThat(config.query().chunkCache().maxSizeMb()).isEqualTo(500);
        assertThat(config.query().queryIngestersWithin()).isEqualTo(Duration.ofHours(3));
        assertThat(config.ingester().lifecycler().finalSleep()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.ingester().chunks().encoding()).isEqualTo("snappy");
        assertThat(config.ingester().wal().replayMemoryCeiling()).isEqualTo(4_000_000_000L);
        assertThat(config.backend().retentionDeleteDelay()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void deprecatedAndUnknownKeysAreReportedNotFatal() throws IOException {
        LokiConfig config = parse(resource("/config/reference-loki-config.yaml") + "\nbloom_build:\n  enabled: true\n");

        assertThat(config.report().deprecated())
                .containsExactlyInAnyOrder(
                        "limits_config.enforce_metric_name", "ingester.max_transfer_retries", "compactor.shared_store");
        assertThat(config.report().unsupported()).contains("bloom_build");
        assertThat(config.report().ignoredKeyLines())
                .contains("bloom_build (not implemented by Skald, ignored)")
                .contains("compactor.shared_store (deprecated in Loki, ignored)");
    }

    @Test
    void unknownNestedKeyIsReportedWithItsPath() {
        LokiConfig config = parse("limits_config:\n  max_line_size: 1MB\n  no_such_limit: 3\n");
        assertThat(config.report().unsupported()).containsExactly("limits_config.no_such_limit");
        assertThat(config.limits().maxLineSize()).isEqualTo(1_000_000L);
    }

    @Test
    void environmentVariablesExpandOnlyWhenAsked() {
        String yaml =
                "storage_config:\n  aws:\n    secret_access_key: ${S3_SECRET}\n    region: ${REGION:-eu-west-1}\n";
        Map<String, String> env = Map.of("S3_SECRET", "s3cr3t");

        LokiConfig expanded = LokiConfigLoader.parse(yaml, true, env::get, Map.of());
        LokiConfig literal = LokiConfigLoader.parse(yaml, false, env::get, Map.of());

        assertThat(expanded.storage().aws().secretAccessKey()).isEqualTo("s3cr3t");
        assertThat(expanded.storage().aws().region()).isEqualTo("eu-west-1");
        assertThat(literal.storage().aws().secretAccessKey()).isEqualTo("${S3_SECRET}");
    }

    @Test
    void flagOverridesWinOverTheFile() {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("server.http_listen_port", "3101");
        overrides.put("memberlist.join_members", "[a:1,b:2]");
        LokiConfig config = LokiConfigLoader.parse("server:\n  http_listen_port: 3100\n", false, n -> null, overrides);
        assertThat(config.server().httpListenPort()).isEqualTo(3101);
        assertThat(config.memberlist().joinMembers()).containsExactly("a:1", "b:2");
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> parse("ingester:\n  chunk_idle_period: soon\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("ingester.chunk_idle_period: time: invalid duration \"soon\"");
        assertThatThrownBy(() -> parse("limits_config:\n  max_line_size: big\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("limits_config.max_line_size");
        assertThatThrownBy(() -> parse("server:\n  http_listen_port: [1]\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("server.http_listen_port");
        assertThatThrownBy(() -> parse("a: [unclosed\n")).isInstanceOf(ConfigException.class);
    }

    @Test
    void diffsListOnlyChangedKeys() {
        LokiConfig config = parse("querier:\n  max_concurrent: 4\n  query_ingesters_within: 2h\n");
        assertThat(config.report().diffs()).containsExactly(Map.entry("querier.query_ingesters_within", "2h0m0s"));
    }
}
