package io.skald.wal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An acknowledged push survives SIGKILL of the writing process. */
class WalKillTest {
    @TempDir
    Path directory;

    @Test
    void everyAcknowledgedRecordSurvivesKillMinus9() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(
                        java.toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        WalCrashChild.class.getName(),
                        directory.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        Set<String> acknowledged = new HashSet<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("ACK ")) {
                    acknowledged.add(line.substring(4));
                }
                if (acknowledged.size() == 2_000) {
                    child.destroyForcibly(); // SIGKILL on Unix
                    break;
                }
            }
            // destroyForcibly closes our end of the pipe; lines not read yet are simply not counted.
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(2_000);

        Set<String> replayed = new HashSet<>();
        ReplayReport report = WalReplayer.replay(directory, (record, bytes) -> {
            if (record instanceof WalRecord.Entries entries) {
                replayed.add(entries.fingerprint() + " "
                        + entries.entries().getFirst().timestampNanos());
            }
        });
        assertThat(replayed).containsAll(acknowledged);
        assertThat(report.segments()).isGreaterThan(1);
        assertThat(report.corruptTails()).isLessThanOrEqualTo(1);
    }
}
