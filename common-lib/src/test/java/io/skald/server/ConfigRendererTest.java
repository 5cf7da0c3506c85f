package io.skald.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.config.LokiConfigLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigRendererTest {

    @Test
    void hidesSecretsAndListsIgnoredKeys() {
        var config = LokiConfigLoader.parse(
                "storage_config:\n  aws:\n    s3: s3://key:secret@region/bucket\n    secret_access_key: abc\n"
                        + "limits_config:\n  enforce_metric_name: false\n",
                false,
                n -> null,
                Map.of());

        String rendered = ConfigRenderer.render(config.report(), "");

        assertThat(rendered)
                .contains("s3: s3://key:<secret>@region/bucket")
                .contains("secret_access_key: <secret>")
                .doesNotContain("abc")
                .contains("#   limits_config.enforce_metric_name (deprecated in Loki, ignored)");
    }

    @Test
    void diffsModeShowsOnlyChangedKeys() {
        var config = LokiConfigLoader.parse("frontend:\n  encoding: protobuf\n", false, n -> null, Map.of());
        assertThat(ConfigRenderer.render(config.report(), "diffs"))
                .isEqualTo("frontend:\n  encoding: protobuf\n# keys in the config file that Skald ignores:\n"
                        + "#   frontend.encoding (accepted, not in effect yet)\n");
    }
}
