package io.skald.bench.loadgen;

import io.skald.bench.corpus.CorpusPlan;
import io.skald.bench.corpus.StreamSpec;
import io.skald.labels.Labels;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code ingest}: pushes a realistic log mix for a duration (cycling a pre-encoded pool) or a total number of lines,
 * and reports throughput, push latency, failures and, given the server's pids, lines per server CPU-second.
 *
 * @param lines total lines to send once; 0 means run for {@code duration} cycling a pool of {@code poolLines}
 */
public record IngestCommand(
        String url,
        @Nullable String tenant,
        int streams,
        Labels labels,
        int batch,
        int clients,
        long lines,
        Duration duration,
        long poolLines,
        PushEncoding encoding,
        long seed,
        List<Long> serverPids,
        @Nullable Pattern serverPattern,
        Duration progress) {

    private static final Pattern COMMA = Pattern.compile(",");

    public IngestCommand {
        serverPids = List.copyOf(serverPids);
    }

    static final String USAGE = """
            ingest  --url http://127.0.0.1:3100 [--tenant T] [--streams 100] [--labels k=v,...] [--batch 1000]
                    [--clients 4] (--duration 30s [--pool-lines 1000000] | --lines N) [--encoding protobuf|json]
                    [--seed 1] [--server-pids PID,... | --server-pattern REGEX] [--progress 5s]""";

    public static IngestCommand fromArgs(Args args) {
        List<Long> pids = new ArrayList<>();
        String pidList = args.string("server-pids");
        if (pidList != null && !pidList.isBlank()) {
            for (String pid : COMMA.split(pidList, -1)) {
                pids.add(Long.parseLong(pid.strip()));
            }
        }
        String pattern = args.string("server-pattern");
        IngestCommand command = new IngestCommand(
                args.string("url", "http://127.0.0.1:3100"),
                args.string("tenant"),
                args.intValue("streams", 100),
                args.labels("labels"),
                args.intValue("batch", 1000),
                args.intValue("clients", 4),
                args.longValue("lines", 0),
                args.duration("duration", Duration.ofSeconds(30)),
                args.longValue("pool-lines", 1_000_000),
                PushEncoding.parse(args.string("encoding", "protobuf")),
                args.longValue("seed", 1),
                pids,
                pattern == null ? null : Pattern.compile(pattern),
                args.duration("progress", Duration.ofSeconds(5)));
        args.requireAllUsed();
        return command;
    }

    public IngestReport run(PrintStream out) throws InterruptedException {
        long corpusLines = lines > 0 ? lines : poolLines;
        // One microsecond per line, ending now: every stream's timestamps increase and none is in the future.
        long span = corpusLines * 1_000L;
        long first = System.currentTimeMillis() * 1_000_000L - span;
        CorpusPlan plan = new CorpusPlan(StreamSpec.of(streams, labels), corpusLines, first, span, seed);
        long t0 = System.nanoTime();
        List<List<EncodedPush>> pools = Pools.encode(plan, clients, batch, encoding);
        out.printf(
                Locale.ROOT,
                "encoded %d lines of %d streams into %d-line %s pushes, %.1f MB of bodies, in %.1f s%n",
                corpusLines,
                streams,
                batch,
                encoding.name().toLowerCase(Locale.ROOT),
                Pools.bodyBytes(pools) / 1e6,
                (System.nanoTime() - t0) / 1e9);

        ProcCpu proc = ProcCpu.system();
        List<Long> pids = new ArrayList<>(serverPids);
        Pattern pattern = serverPattern;
        if (pattern != null) {
            pids.addAll(proc.findPids(pattern));
        }
        if (!pids.isEmpty()) {
            out.println("measuring server CPU of pids " + pids + " (" + proc.ticksPerSecond() + " ticks/s)");
        } else if (pattern != null) {
            out.println("no process matches --server-pattern " + pattern + "; server CPU is not measured");
        }
        Map<Long, Long> before = proc.sample(pids);
        PushRunner runner = new PushRunner(new PushTarget(PushTarget.pushUri(url), tenant, encoding), progress, out);
        PushResult result = lines > 0 ? runner.runOnce(pools) : runner.run(pools, duration);
        Map<Long, Long> after = proc.sample(pids);
        CpuUsage cpu =
                pids.isEmpty() ? null : new CpuUsage(proc.secondsBetween(before, after), List.copyOf(after.keySet()));
        IngestReport report = new IngestReport("ingest", result, cpu);
        out.print(report.format());
        return report;
    }
}
