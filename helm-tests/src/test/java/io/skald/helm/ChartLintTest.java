package io.skald.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** {@code helm lint --strict} on the chart, with its defaults and with each values file under ci/. */
class ChartLintTest {
    @TempDir
    Path dir;

    @Test
    void lintsCleanInStrictModeWithDefaults() {
        assertClean(new Helm(RenderedChart.chartDir()).lint().strict().call());
    }

    /** helm-java's lint takes no values file, so lint a copy of the chart whose defaults include the profile. */
    @ParameterizedTest
    @ValueSource(strings = {"production-values.yaml", "minimal-values.yaml"})
    void lintsCleanInStrictModeWithEachCiValuesFile(String valuesFile) throws IOException {
        Path source = RenderedChart.chartDir();
        Path copy = dir.resolve("skald");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        Map<String, Object> merged = deepMerge(
                load(source.resolve("values.yaml")), load(source.resolve("ci").resolve(valuesFile)));
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Files.writeString(copy.resolve("values.yaml"), new Yaml(options).dump(merged));

        assertClean(new Helm(copy).lint().strict().call());
    }

    private static void assertClean(LintResult result) {
        assertThat(result.isFailed())
                .as("lint messages: %s", result.getMessages())
                .isFalse();
        List<String> messages = result.getMessages();
        assertThat(messages).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    private static Map<String, Object> load(Path file) throws IOException {
        Map<String, Object> map = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
        return map == null ? Map.of() : map;
    }

    /** Helm's merge: maps merge key by key, anything else in the override replaces the default. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepMerge(Map<String, Object> defaults, Map<String, Object> override) {
        Map<String, Object> out = new LinkedHashMap<>(defaults);
        override.forEach((key, value) -> {
            Object base = out.get(key);
            if (base instanceof Map<?, ?> baseMap && value instanceof Map<?, ?> valueMap) {
                out.put(key, deepMerge((Map<String, Object>) baseMap, (Map<String, Object>) valueMap));
            } else {
                out.put(key, value);
            }
        });
        return out;
    }
}
