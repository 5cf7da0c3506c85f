package io.skald.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LimitsConfigFromYamlTest {

    @Test
    void everyFieldMapsToAKeyThatBindReads() {
        ConfigReport report = new ConfigReport();
        LimitsConfig.bind(ConfigReader.root(Map.of(), report));

        for (RecordComponent component : LimitsConfig.class.getRecordComponents()) {
            assertThat(report.defaults()).containsKey(LimitsConfig.yamlKey(component.getName()));
        }
    }

    @Test
    void emptySectionGivesTheDefaultsBack() {
        LimitsConfig base = LimitsConfig.fromYaml(Map.of("max_line_size", 7), LimitsConfig.defaults());

        assertThat(LimitsConfig.fromYaml(Map.of(), base)).isEqualTo(base);
        assertThat(LimitsConfig.fromYaml(Map.of(), LimitsConfig.defaults())).isEqualTo(LimitsConfig.defaults());
    }
}
