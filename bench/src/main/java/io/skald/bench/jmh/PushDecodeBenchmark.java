package io.skald.bench.jmh;

import io.skald.bench.corpus.PushBatch;
import io.skald.bench.loadgen.PushEncoding;
import io.skald.push.JsonPushDecoder;
import io.skald.push.ProtobufPushDecoder;
import io.skald.push.PushRequest;
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

/** Push body decoding, 10,000 mixed lines over 100 streams per request; one op = one line. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PushDecodeBenchmark {
    byte[] protobuf = new byte[0];
    byte[] json = new byte[0];

    @Setup
    public void setup() {
        PushBatch batch = BenchData.batch(100, BenchData.LINES);
        protobuf = PushEncoding.PROTOBUF.encode(batch);
        json = PushEncoding.JSON.encode(batch);
        BenchData.describe("push (raw line bytes)", batch.lines(), batch.lineBytes());
        System.out.printf("# bodies: protobuf+snappy %d bytes, json %d bytes%n", protobuf.length, json.length);
    }

    @Benchmark
    @OperationsPerInvocation(BenchData.LINES)
    public PushRequest protobufSnappy() {
        return ProtobufPushDecoder.decodeSnappy(protobuf, 0, protobuf.length, 256L << 20);
    }

    @Benchmark
    @OperationsPerInvocation(BenchData.LINES)
    public PushRequest json() {
        return JsonPushDecoder.decode(json, 0, json.length);
    }
}
