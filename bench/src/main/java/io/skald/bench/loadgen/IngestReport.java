package io.skald.bench.loadgen;

import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * The end-of-run summary of {@code ingest} and {@code fill}: human-readable lines, then one {@code RESULT} line of
 * {@code key=value} pairs for scripts.
 */
public record IngestReport(
        String command, PushResult result, @Nullable CpuUsage cpu) {

    public double linesPerSecond() {
        return result.acceptedLines() / result.seconds();
    }

    public double megabytesPerSecond() {
        return result.acceptedBytes() / 1e6 / result.seconds();
    }

    /** Accepted lines per server CPU-second, or NaN without a CPU measurement. */
    public double linesPerCpuSecond() {
        CpuUsage usage = cpu;
        return usage == null || usage.seconds() <= 0 ? Double.NaN : result.acceptedLines() / usage.seconds();
    }

    public String format() {
        Percentiles latency = result.latencyNanos();
        StringBuilder out = new StringBuilder();
        out.append("== ").append(command).append(" report ==\n");
        out.append(String.format(
                Locale.ROOT,
                "lines        : %d accepted (%d sent) in %.3f s%n",
                result.acceptedLines(),
                result.sentLines(),
                result.seconds()));
        out.append(String.format(
                Locale.ROOT,
                "throughput   : %.0f lines/s, %.2f MB/s of raw line bytes (%d bytes)%n",
                linesPerSecond(),
                megabytesPerSecond(),
                result.acceptedBytes()));
        out.append(String.format(
                Locale.ROOT,
                "push latency : p50=%.2f ms p99=%.2f ms max=%.2f ms over %d pushes%n",
                millis(latency.percentile(50)),
                millis(latency.percentile(99)),
                millis(latency.max()),
                result.pushes()));
        Map<Integer, Long> failures = result.failures();
        out.append("non-2xx      : ")
                .append(failures.isEmpty() ? "none" : statusList(failures))
                .append('\n');
        result.firstErrors()
                .forEach((status, text) -> out.append("  first ")
                        .append(status == 0 ? "transport error" : "HTTP " + status)
                        .append(": ")
                        .append(text)
                        .append('\n'));
        if (result.wraps() > 0) {
            out.append("note         : clients wrapped their pre-encoded pools ")
                    .append(result.wraps())
                    .append(" times; repeated entries are duplicates the server may drop (raise --pool-lines)\n");
        }
        CpuUsage usage = cpu;
        if (usage != null) {
            out.append(String.format(
                    Locale.ROOT,
                    "server cpu   : %.2f s over pids %s -> %.0f lines per server CPU-second%n",
                    usage.seconds(),
                    usage.pids(),
                    linesPerCpuSecond()));
        }
        out.append(String.format(
                Locale.ROOT,
                "RESULT %s lines=%d sent_lines=%d bytes=%d seconds=%.3f lines_per_s=%.0f mb_per_s=%.3f"
                        + " p50_ms=%.3f p99_ms=%.3f max_ms=%.3f pushes=%d non2xx=%s",
                command,
                result.acceptedLines(),
                result.sentLines(),
                result.acceptedBytes(),
                result.seconds(),
                linesPerSecond(),
                megabytesPerSecond(),
                millis(latency.percentile(50)),
                millis(latency.percentile(99)),
                millis(latency.max()),
                result.pushes(),
                failures.isEmpty() ? "none" : statusList(failures)));
        if (usage != null) {
            out.append(String.format(
                    Locale.ROOT, " server_cpu_s=%.3f lines_per_cpu_s=%.0f", usage.seconds(), linesPerCpuSecond()));
        }
        out.append('\n');
        return out.toString();
    }

    private static String statusList(Map<Integer, Long> counts) {
        StringJoiner joiner = new StringJoiner(",");
        counts.forEach((status, count) -> joiner.add(status + ":" + count));
        return joiner.toString();
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
