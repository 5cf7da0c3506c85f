package io.skald.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.skald.proto.ingester.IngesterQuerierGrpc;
import io.skald.proto.ingester.LabelMatcher;
import io.skald.proto.ingester.QueryRequest;
import io.skald.proto.ingester.QueryResponse;
import io.skald.proto.logproto.EntryAdapter;
import io.skald.proto.logproto.PushRequest;
import io.skald.proto.logproto.StreamAdapter;
import io.skald.tenant.TenantResolver;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.xerial.snappy.Snappy;

/**
 * Issue #3's promise on the processes {@code ./skald up} started (RF 3, three ingesters): 200k unique lines pushed
 * through the gateway as snappy protobuf; ingester-2 restarted gracefully half-way (its final checkpoint), then killed
 * with SIGKILL after the rest was acknowledged, and started again with {@code ./skald start}. Every acknowledged line
 * must then be on ingester-2 (checkpoint plus segments replayed) exactly once, and on the other two ingesters.
 */
final class IngestDurability {
    private static final String TENANT = "fake";
    private static final int STREAMS = 10;
    private static final int PUSHES = 200;
    private static final int LINES_PER_PUSH = 1000;
    private static final int KILLED = 2;

    private final int offset;
    private final Path state;
    private final LauncherProcessTest.Launcher launcher;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Lines of every push the gateway answered 2xx; a push answered otherwise may or may not be stored. */
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    /** All lines start within the last few minutes, so no limit rejects them as too old. */
    private final long base =
            System.currentTimeMillis() * 1_000_000L - Duration.ofMinutes(5).toNanos();

    IngestDurability(int offset, Path state, LauncherProcessTest.Launcher launcher) {
        this.offset = offset;
        this.state = state;
        this.launcher = launcher;
    }

    void acknowledgedLinesSurviveKillMinus9() throws Exception {
        int failed = push(0, PUSHES / 2);
        // A graceful restart writes the final checkpoint; the second half then lands in segments after it.
        LauncherProcessTest.Result restart = launcher.run("restart", "ingester-" + KILLED);
        assertThat(restart.exitCode()).as(restart.output()).isZero();
        awaitReplicaTakesWrites(KILLED);
        failed += push(PUSHES / 2, PUSHES);
        assertThat(acknowledged)
                .as("acknowledged lines (%d pushes failed)", failed)
                .hasSizeGreaterThan(PUSHES * LINES_PER_PUSH * 9 / 10);
        // Quorum (2 of 3) acknowledges a push; give the third replica's push, already sent, time to land.
        Thread.sleep(2000);

        long pid = Long.parseLong(Files.readString(state.resolve("run/ingester-" + KILLED + ".pid"))
                .strip());
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
        assertThat(process.destroyForcibly()).isTrue(); // SIGKILL: no checkpoint, no flush, no ring exit
        process.onExit().get(30, TimeUnit.SECONDS);
        LauncherProcessTest.Result start = launcher.run("start", "ingester-" + KILLED);
        assertThat(start.exitCode()).as(start.output()).isZero();
        assertThat(start.output()).contains("ingester-" + KILLED + " is ready");

        for (int ingester = 1; ingester <= 3; ingester++) {
            Map<String, Integer> stored = linesOn(ingester, "durability");
            assertThat(acknowledged)
                    .as("acknowledged lines missing on ingester-%d", ingester)
                    .allMatch(stored::containsKey);
            assertThat(stored.entrySet())
                    .as("lines stored more than once on ingester-%d", ingester)
                    .allMatch(e -> e.getValue() == 1);
        }
    }

    /** Pushes pushes [from, to) on four connections; returns how many were not acknowledged. */
    private int push(int from, int to) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = from; i < to; i++) {
                int index = i;
                results.add(clients.submit(() -> pushOne(index)));
            }
            int failed = 0;
            for (Future<Boolean> result : results) {
                failed += result.get() ? 0 : 1;
            }
            return failed;
        } finally {
            clients.shutdownNow();
        }
    }

    /** Push {@code index} holds lines {@code index * 100 ..} of every stream, each line unique. */
    private boolean pushOne(int index) throws IOException, InterruptedException {
        PushRequest.Builder request = PushRequest.newBuilder();
        List<String> lines = new ArrayList<>(LINES_PER_PUSH);
        int perStream = LINES_PER_PUSH / STREAMS;
        for (int s = 0; s < STREAMS; s++) {
            StreamAdapter.Builder stream =
                    StreamAdapter.newBuilder().setLabels("{job=\"durability\", stream=\"s" + s + "\"}");
            for (int n = index * perStream; n < (index + 1) * perStream; n++) {
                long nanos = base + n * 1000L;
                String line = "durability stream=s" + s + " n=" + n + " level=info msg=\"acknowledged lines survive\"";
                stream.addEntries(EntryAdapter.newBuilder()
                        .setTimestamp(Timestamp.newBuilder()
                                .setSeconds(nanos / 1_000_000_000L)
                                .setNanos((int) (nanos % 1_000_000_000L)))
                        .setLine(line));
                lines.add(line);
            }
            request.addStreams(stream);
        }
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(gateway("/loki/api/v1/push"))
                        .header("Content-Type", "application/x-protobuf")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(
                                Snappy.compress(request.build().toByteArray())))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            return false;
        }
        acknowledged.addAll(lines);
        return true;
    }

    /**
     * Pushes probe lines until one reaches ingester {@code n}: the distributor's ring view has it back, so the next
     * pushes replicate to it again.
     */
    private void awaitReplicaTakesWrites(int n) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        for (int probe = 0; System.nanoTime() < deadline; probe++) {
            String body = "{\"streams\":[{\"stream\":{\"job\":\"probe\"},\"values\":[[\""
                    + (System.currentTimeMillis() * 1_000_000L) + "\",\"probe " + probe + "\"]]}]}";
            http.send(
                    HttpRequest.newBuilder(gateway("/loki/api/v1/push"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            if (linesOn(n, "probe").containsKey("probe " + probe)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("ingester-" + n + " got no writes within 90 s of its restart");
    }

    /** Every line of {@code {job="<job>"}} ingester {@code n} holds, with how often it holds it. */
    private Map<String, Integer> linesOn(int n, String job) {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", 9110 + n + offset)
                .usePlaintext()
                .maxInboundMessageSize(64 << 20)
                .build();
        try {
            Metadata headers = new Metadata();
            headers.put(Metadata.Key.of(TenantResolver.GRPC_METADATA_KEY, Metadata.ASCII_STRING_MARSHALLER), TENANT);
            Iterator<QueryResponse> responses = IngesterQuerierGrpc.newBlockingStub(channel)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                    .withDeadlineAfter(60, TimeUnit.SECONDS)
                    .query(QueryRequest.newBuilder()
                            .addMatchers(LabelMatcher.newBuilder()
                                    .setName("job")
                                    .setType(LabelMatcher.Type.EQ)
                                    .setValue(job))
                            .setStartNanos(base - Duration.ofHours(1).toNanos())
                            .setEndNanos(System.currentTimeMillis() * 1_000_000L
                                    + Duration.ofHours(1).toNanos())
                            .build());
            Map<String, Integer> lines = new HashMap<>();
            responses.forEachRemaining(response -> {
                for (StreamAdapter stream : response.getStreamsList()) {
                    for (EntryAdapter entry : stream.getEntriesList()) {
                        lines.merge(entry.getLine(), 1, Integer::sum);
                    }
                }
            });
            return lines;
        } finally {
            channel.shutdownNow();
        }
    }

    private URI gateway(String path) {
        return URI.create("http://127.0.0.1:" + (3100 + offset) + path);
    }
}
