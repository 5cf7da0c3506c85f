package io.skald.ingester;

import static io.skald.ingester.IngesterProcess.entry;
import static io.skald.ingester.IngesterProcess.push;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.skald.chunk.Chunk;
import io.skald.chunk.Direction;
import io.skald.chunk.LogEntry;
import io.skald.ring.InstanceDesc;
import io.skald.ring.InstanceState;
import io.skald.ring.Ring;
import io.skald.ring.autoconfigure.RingRegistry;
import io.skald.storage.FilesystemObjectStore;
import io.skald.storage.ObjectStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ring membership, the shutdown endpoint, and the replay memory ceiling. */
class IngesterLifecycleTest {
    private static final long BASE = 1_760_000_000_000_000_000L;

    @TempDir
    Path dataDir;

    @Test
    void joinsTheRingWithItsGrpcAddressAndShutdownFlushesAndLeaves() throws Exception {
        try (IngesterProcess ingester = IngesterProcess.start(dataDir, "", Map.of())) {
            Ring ring = ingester.bean(RingRegistry.class).ring("ingester");
            ring.refresh();
            assertThat(ring.instances()).singleElement().satisfies(instance -> {
                assertThat(instance.id()).isEqualTo("ingester-test");
                assertThat(instance.address()).isEqualTo("127.0.0.1:" + ingester.grpcPort());
                assertThat(instance.state()).isEqualTo(InstanceState.ACTIVE);
                assertThat(instance.tokens()).hasSize(16);
            });

            ingester.pusher("t").push(push("{app=\"bye\"}", entry(BASE, "last words")));
            assertThat(ingester.http("POST", "/ingester/shutdown").statusCode()).isEqualTo(204);

            ObjectStore store = new FilesystemObjectStore(dataDir.resolve("chunks"));
            assertThat(store.list("t/chunks/")).hasSize(1);
            ring.refresh();
            assertThat(ring.instances()).extracting(InstanceDesc::id).doesNotContain("ingester-test");
            assertThat(ingester.http("GET", "/ready").statusCode()).isEqualTo(503);
            assertThatThrownBy(() -> ingester.pusher("t").push(push("{app=\"bye\"}", entry(BASE + 1, "too late"))))
                    .isInstanceOfSatisfying(
                            StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        }
    }

    @Test
    void replayPastTheMemoryCeilingFlushesToTheStore() {
        List<String> pushed = new ArrayList<>();
        try (IngesterProcess first = IngesterProcess.start(dataDir, "", Map.of())) {
            for (int i = 0; i < 50; i++) {
                String line = "entry " + i + " " + "x".repeat(100);
                first.pusher("ceiling").push(push("{app=\"c" + (i % 5) + "\"}", entry(BASE + i, line)));
                pushed.add(line);
            }
            first.crash();
        }
        try (IngesterProcess second =
                IngesterProcess.start(dataDir, "", Map.of("ingester.wal.replay_memory_ceiling", "2KB"))) {
            ObjectStore store = new FilesystemObjectStore(dataDir.resolve("chunks"));
            List<String> flushedLines = new ArrayList<>();
            for (String key : store.list("ceiling/chunks/")) {
                Chunk.decode(store.get(key)).iterator(0, Long.MAX_VALUE, Direction.FORWARD).toList().stream()
                        .map(LogEntry::line)
                        .forEach(flushedLines::add);
            }
            assertThat(flushedLines)
                    .isNotEmpty()
                    .allSatisfy(line -> assertThat(pushed).contains(line));
            assertThat(second.http("GET", "/metrics").body()).doesNotContain("reason=\"forced\"} 0.0");
            second.awaitReady(Duration.ofSeconds(5));
        }
    }
}
