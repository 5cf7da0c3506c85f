package io.skald.bench.jmh;

import io.skald.bench.corpus.PushBatch;
import io.skald.bench.loadgen.PushEncoding;
import io.skald.config.LimitsConfig;
import io.skald.push.ProtobufPushDecoder;
import io.skald.push.PushRequest;
import io.skald.push.PushStream;
import io.skald.push.PushTokens;
import io.skald.push.PushValidator;
import io.skald.push.StreamLabelCache;
import io.skald.push.ValidationResult;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Distributor validation of a decoded push (10,000 lines, 100 streams; one op = one line) with a warm label cache, and
 * ring token hashing of stream label texts (one op = one stream).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PushValidateBenchmark {
    static final int STREAMS = 100;

    PushRequest request = new PushRequest(java.util.List.of());
    String[] labelTexts = new String[0];
    final PushValidator validator = new PushValidator(new StreamLabelCache(10_000));
    final LimitsConfig limits = LimitsConfig.defaults();

    @Setup
    public void setup() {
        PushBatch batch = BenchData.batch(STREAMS, BenchData.LINES);
        byte[] body = PushEncoding.PROTOBUF.encode(batch);
        request = ProtobufPushDecoder.decodeSnappy(body, 0, body.length, 256L << 20);
        labelTexts = request.streams().stream().map(PushStream::labels).toArray(String[]::new);
        BenchData.describe("validate", batch.lines(), batch.lineBytes());
    }

    @Benchmark
    @OperationsPerInvocation(BenchData.LINES)
    public ValidationResult validate() {
        return validator.validate("bench", request, limits, System.currentTimeMillis() * 1_000_000L);
    }

    @Benchmark
    @OperationsPerInvocation(STREAMS)
    public int tokens() {
        int acc = 0;
        for (String labels : labelTexts) {
            acc ^= PushTokens.tokenFor("bench", labels);
        }
        return acc;
    }
}
