package io.skald.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class IngestCommandTest {
    private static final Pattern RESULT = Pattern.compile(
            "^RESULT ingest lines=(\\d+) sent_lines=(\\d+) bytes=(\\d+) seconds=([\\d.]+) lines_per_s=(\\d+)"
                    + " mb_per_s=([\\d.]+) p50_ms=([\\d.]+) p99_ms=([\\d.]+) max_ms=([\\d.]+) pushes=(\\d+)"
                    + " non2xx=none server_cpu_s=([\\d.]+) lines_per_cpu_s=(\\d+)$",
            Pattern.MULTILINE);

    @Test
    void durationRunReportsExactlyTheLinesTheServerDecoded() throws Exception {
        try (LokiStub stub = new LokiStub(false)) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            long self = ProcessHandle.current().pid();
            int code = LoadGen.run(
                    new String[] {
                        "ingest",
                        "--url",
                        stub.url(),
                        "--tenant",
                        "bench",
                        "--streams",
                        "8",
                        "--clients",
                        "2",
                        "--batch",
                        "100",
                        "--duration",
                        "2s",
                        "--pool-lines",
                        "20000",
                        "--progress",
                        "500ms",
                        "--server-pids",
                        Long.toString(self)
                    },
                    new PrintStream(buffer, true, StandardCharsets.UTF_8),
                    System.err);
            String out = buffer.toString(StandardCharsets.UTF_8);

            assertThat(code).as(out).isZero();
            Matcher result = RESULT.matcher(out);
            assertThat(result.find()).as(out).isTrue();
            long reported = Long.parseLong(result.group(1));
            assertThat(reported).isPositive().isEqualTo(stub.lines.get());
            assertThat(Long.parseLong(result.group(2))).isEqualTo(reported);
            assertThat(Long.parseLong(result.group(10))).isEqualTo(stub.pushes.get());
            assertThat(Double.parseDouble(result.group(4))).isBetween(1.9, 10.0);
            // The stub runs in this JVM, so the "server" CPU is this process's and must have grown.
            assertThat(Double.parseDouble(result.group(11))).isPositive();
            assertThat(out)
                    .contains("== ingest report ==")
                    .contains("push latency : p50=")
                    .contains("non-2xx      : none")
                    .contains("lines per server CPU-second")
                    .containsPattern("\\[\\s+\\d+\\.\\ds\\] lines=\\d+ lines/s=\\d+");
            assertThat(stub.tenants).isNotEmpty().allMatch("bench"::equals);
        }
    }

    @Test
    void fixedLineCountInJsonSendsEveryLineOnce() throws Exception {
        try (LokiStub stub = new LokiStub(true)) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            int code = LoadGen.run(
                    new String[] {
                        "ingest",
                        "--url",
                        stub.url(),
                        "--streams",
                        "5",
                        "--clients",
                        "3",
                        "--batch",
                        "64",
                        "--lines",
                        "3001",
                        "--encoding",
                        "json"
                    },
                    new PrintStream(buffer, true, StandardCharsets.UTF_8),
                    System.err);
            String out = buffer.toString(StandardCharsets.UTF_8);

            assertThat(code).as(out).isZero();
            assertThat(out).contains("RESULT ingest lines=3001 sent_lines=3001 ");
            assertThat(stub.lines.get()).isEqualTo(3001);
            assertThat(stub.tenants).isEmpty();
            // Every line is distinct (stream, timestamp), so nothing the server would drop as a duplicate.
            assertThat(stub.sortedEntries().stream()
                            .map(e -> e.labels() + e.timestampNanos())
                            .distinct()
                            .count())
                    .isEqualTo(3001);
            // Multi-line stack traces are part of the plain-text mix.
            assertThat(stub.entries).anyMatch(e -> e.line().contains("\n\tat "));
            assertThat(stub.entries).anyMatch(e -> e.line().startsWith("{\"time\":\""));
        }
    }

    @Test
    void failedPushesAreCountedByStatus() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        // Nothing listens on port 1 of the loopback address: every push is a transport error (status 0).
        int code = LoadGen.run(
                new String[] {"ingest", "--url", "http://127.0.0.1:1", "--streams", "2", "--lines", "10"},
                new PrintStream(buffer, true, StandardCharsets.UTF_8),
                System.err);
        String out = buffer.toString(StandardCharsets.UTF_8);

        assertThat(code).isEqualTo(1);
        assertThat(out).contains("RESULT ingest lines=0 sent_lines=10 ").contains("non2xx=0:");
        assertThat(out).contains("first transport error");
    }
}
