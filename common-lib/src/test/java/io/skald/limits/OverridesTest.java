package io.skald.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skald.config.ConfigException;
import io.skald.config.LimitsConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverridesTest {
    @TempDir
    Path dir;

    private final LimitsConfig defaults = LimitsConfig.defaults();

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("runtime.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void overridesAreLaidOverDefaultsKeyByKey() throws IOException {
        Path file = write("""
                overrides:
                  acme:
                    ingestion_rate_mb: 10
                    max_line_size: 1MB
                    reject_old_samples_max_age: 1h
                  quiet:
                configs: {}
                """);
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try (Overrides overrides = Overrides.watch(file, defaults, Duration.ofHours(1), executor)) {
            LimitsConfig acme = overrides.forTenant("acme");
            assertThat(acme.ingestionRateMb()).isEqualTo(10);
            assertThat(acme.maxLineSize()).isEqualTo(1_000_000);
            assertThat(acme.rejectOldSamplesMaxAge()).isEqualTo(Duration.ofHours(1));
            assertThat(acme.ingestionBurstSizeMb()).isEqualTo(defaults.ingestionBurstSizeMb());
            assertThat(acme.maxLabelNamesPerSeries()).isEqualTo(defaults.maxLabelNamesPerSeries());
            assertThat(overrides.forTenant("quiet")).isEqualTo(defaults);
            assertThat(overrides.forTenant("nobody")).isSameAs(defaults);
            assertThat(overrides.tenantOverrides()).containsOnlyKeys("acme", "quiet");
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void overlayKeepsNonDefaultBaseValues() {
        LimitsConfig base = LimitsConfig.fromYaml(java.util.Map.of("max_line_size", 10), defaults);
        LimitsConfig overlaid = LimitsConfig.fromYaml(java.util.Map.of("ingestion_rate_mb", 1), base);

        assertThat(overlaid.maxLineSize()).isEqualTo(10);
        assertThat(overlaid.ingestionRateMb()).isEqualTo(1);
    }

    @Test
    void reloadPicksUpChangesAndKeepsLastGoodOnError() throws IOException {
        Path file = write("overrides:\n  acme:\n    ingestion_rate_mb: 10\n");
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try (Overrides overrides = Overrides.watch(file, defaults, Duration.ofHours(1), executor)) {
            long generation = overrides.generation();

            write("overrides:\n  acme:\n    ingestion_rate_mb: 20\n  beta:\n    max_line_size: 5\n");
            overrides.reload();
            assertThat(overrides.forTenant("acme").ingestionRateMb()).isEqualTo(20);
            assertThat(overrides.forTenant("beta").maxLineSize()).isEqualTo(5);
            assertThat(overrides.generation()).isEqualTo(generation + 1);

            write("overrides:\n  acme:\n    ingestion_rate_mb: lots\n");
            assertThatThrownBy(overrides::reload)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("overrides.acme.ingestion_rate_mb");
            assertThat(overrides.forTenant("acme").ingestionRateMb()).isEqualTo(20);

            write("");
            overrides.reload();
            assertThat(overrides.tenantOverrides()).isEmpty();
            assertThat(overrides.forTenant("acme")).isSameAs(defaults);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void appliedContentHoldsUntilTheFileItselfChanges() throws IOException {
        Path file = write("overrides:\n  acme:\n    ingestion_rate_mb: 10\n");
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try (Overrides overrides = Overrides.watch(file, defaults, Duration.ofHours(1), executor)) {
            long generation = overrides.generation();

            // The ConfigMap changed in the API; the mounted file still has the old content.
            overrides.apply("overrides:\n  acme:\n    ingestion_rate_mb: 30\n");
            assertThat(overrides.forTenant("acme").ingestionRateMb()).isEqualTo(30);
            assertThat(overrides.generation()).isEqualTo(generation + 1);
            overrides.reload();
            assertThat(overrides.forTenant("acme").ingestionRateMb()).isEqualTo(30);

            // The same content applied again changes nothing; an invalid one keeps what is in force.
            overrides.apply("overrides:\n  acme:\n    ingestion_rate_mb: 30\n");
            assertThat(overrides.generation()).isEqualTo(generation + 1);
            assertThatThrownBy(() -> overrides.apply("overrides: [1, 2"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("invalid YAML");
            assertThat(overrides.forTenant("acme").ingestionRateMb()).isEqualTo(30);

            // The kubelet catches up: the file's content is in force again (here equal to what was applied).
            write("overrides:\n  acme:\n    ingestion_rate_mb: 30\n");
            overrides.reload();
            assertThat(overrides.forTenant("acme").ingestionRateMb()).isEqualTo(30);
            assertThat(overrides.generation()).isEqualTo(generation + 1);
            write("overrides:\n  acme:\n    ingestion_rate_mb: 40\n");
            overrides.reload();
            assertThat(overrides.forTenant("acme").ingestionRateMb()).isEqualTo(40);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void periodicReloadAppliesWithoutRestartAndStopsOnClose() throws Exception {
        Path file = write("overrides:\n  acme:\n    ingestion_rate_mb: 10\n");
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try {
            Overrides overrides = Overrides.watch(file, defaults, Duration.ofMillis(20), executor);
            IngestionRateLimiter limiter = new IngestionRateLimiter(overrides, () -> 1, new FakeClock());
            assertThat(limiter.limit("acme")).isEqualTo(10L << 20);

            write("overrides:\n  acme:\n    ingestion_rate_mb: 30\n");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (overrides.forTenant("acme").ingestionRateMb() != 30 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(limiter.limit("acme")).isEqualTo(30L << 20);

            overrides.close();
            Thread.sleep(50); // a reload already running may finish
            write("overrides:\n  acme:\n    ingestion_rate_mb: 40\n");
            Thread.sleep(200);
            assertThat(overrides.forTenant("acme").ingestionRateMb()).isEqualTo(30);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void invalidFileFailsAtStart() throws IOException {
        Path file = write("overrides: [1, 2]\n");
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try {
            assertThatThrownBy(() -> Overrides.watch(file, defaults, Duration.ofSeconds(1), executor))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("expected a mapping of tenant to limits");
            assertThatThrownBy(() ->
                            Overrides.watch(dir.resolve("missing.yaml"), defaults, Duration.ofSeconds(1), executor))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("cannot read");
        } finally {
            executor.shutdownNow();
        }
    }
}
