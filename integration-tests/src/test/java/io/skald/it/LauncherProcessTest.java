package io.skald.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's run command, as a user runs it: {@code ./skald up}, every service ready, {@code ./skald down}; in
 * between, the write path's durability promise checked on the real processes (see {@link IngestDurability}).
 */
class LauncherProcessTest {
    private static final int OFFSET = 2000;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    void upStartsEveryServiceSurvivesKillMinus9OfAnIngesterAndDownLeavesNoProcess() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path state = Files.createTempDirectory("skald-state");
        Path data = Files.createTempDirectory("skald-data");
        Map<String, String> env = Map.of(
                "SKALD_PORT_OFFSET", Integer.toString(OFFSET),
                "SKALD_STATE_DIR", state.toString(),
                "SKALD_DATA_DIR", data.toString(),
                "SKALD_NO_BUILD", "1",
                "JAVA_HOME", System.getProperty("java.home"));
        try {
            Result up = run(root, env, "up");
            assertThat(up.exitCode()).as(up.output()).isZero();
            assertThat(up.output()).contains("Skald is ready in");

            List<Integer> ports =
                    new ArrayList<>(List.of(3100, 3101, 3111, 3112, 3113, 3121, 3131, 3141, 3151, 3161, 3171));
            for (int port : ports) {
                HttpResponse<String> ready = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (port + OFFSET) + "/ready"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(ready.body()).as("port %d", port + OFFSET).isEqualTo("ready\n");
            }

            Result status = run(root, env, "status");
            assertThat(status.output().lines().filter(line -> line.endsWith(" ready")))
                    .hasSize(11);

            Result again = run(root, env, "up");
            assertThat(again.output()).contains("ingester-2 already running").doesNotContain("started ");

            new IngestDurability(OFFSET, state, args -> run(root, env, args)).acknowledgedLinesSurviveKillMinus9();
        } finally {
            Result down = run(root, env, "down");
            assertThat(down.exitCode()).as(down.output()).isZero();
        }
        try (var pids = Files.list(state.resolve("run"))) {
            assertThat(pids).as("pid files left behind").isEmpty();
        }
        Result status = run(root, env, "status");
        assertThat(status.output().lines()).allMatch(line -> line.endsWith(" stopped"));
    }

    record Result(int exitCode, String output) {}

    /** Runs the launcher with arguments. */
    @FunctionalInterface
    interface Launcher {
        Result run(String... args) throws IOException, InterruptedException;
    }

    private static Result run(Path root, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("bash");
        command.add(root.resolve("skald").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }
}
