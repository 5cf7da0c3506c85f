package io.skald.distributor.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.skald.labels.Labels;
import io.skald.proto.logproto.PushRequest;
import io.skald.proto.logproto.StreamAdapter;
import io.skald.push.PushEntry;
import io.skald.push.PushTokens;
import io.skald.push.ValidatedStream;
import io.skald.ring.InMemoryRingStore;
import io.skald.ring.InstanceDesc;
import io.skald.ring.InstanceState;
import io.skald.ring.Operation;
import io.skald.ring.Ring;
import io.skald.ring.RingConfig;
import io.skald.ring.Tokens;
import io.skald.server.LokiHttpException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Replication against a ring of five ingesters with replication factor 3, through a hand-written pusher. */
class ReplicatorTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final InMemoryRingStore store = new InMemoryRingStore("ingester");
    private final Ring ring =
            new Ring(new RingConfig("ingester", 3, Duration.ofMinutes(1), false), store, Clock.systemUTC());
    private final RecordingPusher pusher = new RecordingPusher();
    private final CountingMetrics metrics = new CountingMetrics();

    @BeforeEach
    void fiveIngesters() {
        SplittableRandom random = new SplittableRandom(42);
        Set<Integer> taken = new HashSet<>();
        long now = System.currentTimeMillis();
        for (int i = 0; i < 5; i++) {
            List<Integer> tokens = Tokens.generate(64, taken, random);
            taken.addAll(tokens);
            store.put(new InstanceDesc(
                    "ingester-" + i, "10.0.0." + i + ":9095", "", "", InstanceState.ACTIVE, tokens, now, now));
        }
        ring.start(scheduler, Duration.ZERO);
    }

    @AfterEach
    void stop() {
        ring.close();
        scheduler.shutdownNow();
    }

    private static List<ValidatedStream> streams(String tenant, int count) {
        List<ValidatedStream> streams = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Labels labels = Labels.of("app", "app-" + i);
            streams.add(new ValidatedStream(
                    labels, PushTokens.tokenFor(tenant, labels), List.of(new PushEntry(i, "line " + i)), 6));
        }
        return streams;
    }

    @Test
    void eachStreamGoesToItsThreeReplicasInOneBatchPerIngester() {
        List<ValidatedStream> streams = streams("tenant-a", 50);

        new Replicator(ring, pusher, metrics, Duration.ofSeconds(5)).replicate("tenant-a", streams);

        // One push per ingester that owns any stream, each carrying exactly the streams the ring assigns it.
        Map<String, Set<String>> expected = new HashMap<>();
        for (ValidatedStream stream : streams) {
            for (String address : ring.get(stream.token(), Operation.WRITE).addresses()) {
                expected.computeIfAbsent(address, a -> new HashSet<>()).add(stream.labelText());
            }
        }
        assertThat(pusher.pushes).hasSize(expected.size());
        for (RecordingPusher.Push push : pusher.pushes) {
            assertThat(push.tenant()).isEqualTo("tenant-a");
            assertThat(push.request().getStreamsList())
                    .extracting(StreamAdapter::getLabels)
                    .containsExactlyInAnyOrderElementsOf(expected.get(push.address()));
        }
        long copies = pusher.pushes.stream()
                .mapToLong(p -> p.request().getStreamsCount())
                .sum();
        assertThat(copies).isEqualTo(3L * streams.size());
        assertThat(metrics.appended).hasSize(expected.size());
    }

    @Test
    void oneIngesterDownStillReachesQuorumTwoDownFail() {
        pusher.failing.add("10.0.0.0:9095");
        new Replicator(ring, pusher, metrics, Duration.ofSeconds(5)).replicate("tenant-a", streams("tenant-a", 50));
        assertThat(metrics.failed).contains("10.0.0.0:9095");

        pusher.failing.add("10.0.0.1:9095");
        assertThatThrownBy(() -> new Replicator(ring, pusher, metrics, Duration.ofSeconds(5))
                        .replicate("tenant-a", streams("tenant-a", 50)))
                .isInstanceOfSatisfying(
                        IngesterPushException.class, e -> assertThat(e.status()).isEqualTo(500))
                .hasMessage("rpc error: code = Unavailable desc = down");
    }

    @Test
    void anEmptyRingIsA500() {
        store.getAll().keySet().forEach(ring::forget);

        assertThatThrownBy(() -> new Replicator(ring, pusher, metrics, Duration.ofSeconds(5))
                        .replicate("tenant-a", streams("tenant-a", 1)))
                .isInstanceOfSatisfying(
                        LokiHttpException.class, e -> assertThat(e.status()).isEqualTo(500))
                .hasMessage("empty ring");
    }

    @Test
    void encodesTimestampsLabelsAndHash() throws Exception {
        Labels labels = Labels.of("app", "api");
        ValidatedStream stream =
                new ValidatedStream(labels, 0, List.of(new PushEntry(1_700_000_000_123_456_789L, "line")), 4);

        StreamAdapter encoded = StreamAdapter.parseFrom(StreamEncoder.encodeOnce(stream));

        assertThat(encoded.getLabels()).isEqualTo("{app=\"api\"}");
        assertThat(encoded.getHash()).isEqualTo(labels.hash());
        assertThat(encoded.getEntries(0).getTimestamp())
                .isEqualTo(Timestamp.newBuilder()
                        .setSeconds(1_700_000_000L)
                        .setNanos(123_456_789)
                        .build());
        assertThat(encoded.getEntries(0).getLine()).isEqualTo("line");
    }

    /** Acknowledges at once, or fails with UNAVAILABLE for the addresses in {@link #failing}. */
    private static final class RecordingPusher implements IngesterPusher {
        record Push(String address, String tenant, PushRequest request) {}

        final List<Push> pushes = new CopyOnWriteArrayList<>();
        final Set<String> failing = ConcurrentHashMap.newKeySet();

        @Override
        public CompletableFuture<Void> push(String address, String tenant, IngesterPush request) {
            if (failing.contains(address)) {
                return CompletableFuture.failedFuture(
                        Status.UNAVAILABLE.withDescription("down").asRuntimeException());
            }
            pushes.add(new Push(address, tenant, request.toProto()));
            return CompletableFuture.completedFuture(null);
        }
    }

    private static final class CountingMetrics implements AppendMetrics {
        final List<String> appended = new CopyOnWriteArrayList<>();
        final List<String> failed = new CopyOnWriteArrayList<>();

        @Override
        public void appended(String ingester) {
            appended.add(ingester);
        }

        @Override
        public void appendFailed(String ingester) {
            failed.add(ingester);
        }
    }
}
