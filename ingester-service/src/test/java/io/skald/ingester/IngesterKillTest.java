package io.skald.ingester;

import static io.skald.ingester.IngesterGrpcTest.eq;
import static io.skald.ingester.IngesterProcess.entry;
import static io.skald.ingester.IngesterProcess.push;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.skald.proto.ingester.PusherGrpc;
import io.skald.proto.ingester.QueryRequest;
import io.skald.proto.logproto.StreamAdapter;
import io.skald.tenant.TenantResolver;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An acknowledged push survives SIGKILL of the ingester's JVM: pushes race the kill, then a new ingester replays. */
class IngesterKillTest {
    private static final long BASE = 1_760_000_000_000_000_000L;

    @TempDir
    Path dataDir;

    @Test
    void everyAcknowledgedPushSurvivesKillMinus9() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        // The test JVM's flags (module opens, quick-start JIT and GC settings) make the child start as fast.
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(arg -> !arg.startsWith("-javaagent") && !arg.startsWith("-agentlib"))
                .toList());
        command.addAll(List.of(
                "-cp", System.getProperty("java.class.path"), IngesterKillChild.class.getName(), dataDir.toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        Set<String> acknowledged = new HashSet<>();
        try {
            int port = awaitReady(child).get(60, TimeUnit.SECONDS);
            ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port)
                    .usePlaintext()
                    .build();
            Metadata headers = new Metadata();
            headers.put(Metadata.Key.of(TenantResolver.GRPC_METADATA_KEY, Metadata.ASCII_STRING_MARSHALLER), "kill");
            PusherGrpc.PusherBlockingStub pusher = PusherGrpc.newBlockingStub(channel)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                int writer = w;
                writers.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        String line = "w" + writer + "-" + i;
                        try {
                            pusher.push(push("{app=\"kill\", writer=\"" + writer + "\"}", entry(BASE + i, line)));
                        } catch (RuntimeException e) {
                            return; // the child died mid-call: not acknowledged
                        }
                        synchronized (acknowledged) {
                            acknowledged.add(line);
                        }
                    }
                }));
            }
            while (true) {
                synchronized (acknowledged) {
                    if (acknowledged.size() >= 300) {
                        break;
                    }
                }
                Thread.sleep(5);
            }
            child.destroyForcibly(); // SIGKILL on Unix, while pushes are in flight
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            stop.set(true);
            for (Thread writer : writers) {
                writer.join();
            }
            channel.shutdownNow();
        } finally {
            child.destroyForcibly();
        }

        try (IngesterProcess restarted = IngesterProcess.start(dataDir, "", Map.of())) {
            Set<String> replayed = new HashSet<>();
            restarted
                    .querier("kill")
                    .query(QueryRequest.newBuilder()
                            .addMatchers(eq("app", "kill"))
                            .setStartNanos(0)
                            .setEndNanos(Long.MAX_VALUE)
                            .build())
                    .forEachRemaining(response -> {
                        for (StreamAdapter stream : response.getStreamsList()) {
                            stream.getEntriesList().forEach(e -> replayed.add(e.getLine()));
                        }
                    });
            assertThat(replayed).containsAll(acknowledged);
        }
    }

    /** The child's gRPC port once it prints READY; its output is drained so it never blocks on a full pipe. */
    private static CompletableFuture<Integer> awaitReady(Process child) {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        StringBuilder output = new StringBuilder();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("READY ")) {
                        port.complete(Integer.parseInt(line.substring(6).trim()));
                    } else if (output.length() < 20_000) {
                        output.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                // The child was killed.
            }
            port.completeExceptionally(new IllegalStateException("child exited before ready:\n" + output));
        });
        return port;
    }
}
