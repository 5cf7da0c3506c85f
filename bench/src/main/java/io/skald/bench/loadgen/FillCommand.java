package io.skald.bench.loadgen;

import io.skald.bench.corpus.CorpusPlan;
import io.skald.bench.corpus.StreamSpec;
import io.skald.bench.corpus.Timestamps;
import io.skald.labels.Labels;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * {@code fill}: sends a fixed corpus, the same for the same seed and options, of {@code lines} lines spread evenly
 * over {@code [from, to)}, once, then exits; for query benchmarks over known data.
 */
public record FillCommand(
        String url,
        @Nullable String tenant,
        int streams,
        Labels labels,
        int batch,
        int clients,
        long lines,
        long fromNanos,
        long toNanos,
        PushEncoding encoding,
        long seed) {

    static final String USAGE = """
            fill    --url http://127.0.0.1:3100 [--tenant T] --from TIME --to TIME [--lines 1000000] [--streams 100]
                    [--labels k=v,...] [--batch 1000] [--clients 4] [--encoding protobuf|json] [--seed 1]
                    (TIME: RFC 3339, Unix seconds or Unix nanoseconds; Loki rejects lines older than
                    reject_old_samples_max_age, 1 week by default)""";

    public FillCommand {
        if (toNanos <= fromNanos) {
            throw new IllegalArgumentException("--to must be after --from");
        }
    }

    public static FillCommand fromArgs(Args args) {
        String from = args.string("from");
        String to = args.string("to");
        if (from == null || to == null) {
            throw new IllegalArgumentException("fill needs --from and --to");
        }
        FillCommand command = new FillCommand(
                args.string("url", "http://127.0.0.1:3100"),
                args.string("tenant"),
                args.intValue("streams", 100),
                args.labels("labels"),
                args.intValue("batch", 1000),
                args.intValue("clients", 4),
                args.longValue("lines", 1_000_000),
                Timestamps.parseNanos(from),
                Timestamps.parseNanos(to),
                PushEncoding.parse(args.string("encoding", "protobuf")),
                args.longValue("seed", 1));
        args.requireAllUsed();
        return command;
    }

    /** The corpus this command sends. */
    public CorpusPlan plan() {
        return new CorpusPlan(StreamSpec.of(streams, labels), lines, fromNanos, toNanos - fromNanos, seed);
    }

    /** The request bodies, one list per client. */
    public List<List<EncodedPush>> encode() {
        return Pools.encode(plan(), clients, batch, encoding);
    }

    public IngestReport run(PrintStream out) throws InterruptedException {
        long t0 = System.nanoTime();
        List<List<EncodedPush>> pools = encode();
        out.printf(
                Locale.ROOT,
                "encoded %d lines (seed %d) of %d streams, %.1f MB of bodies, in %.1f s%n",
                lines,
                seed,
                streams,
                Pools.bodyBytes(pools) / 1e6,
                (System.nanoTime() - t0) / 1e9);
        PushRunner runner =
                new PushRunner(new PushTarget(PushTarget.pushUri(url), tenant, encoding), Duration.ofSeconds(5), out);
        IngestReport report = new IngestReport("fill", runner.runOnce(pools), null);
        out.print(report.format());
        return report;
    }
}
