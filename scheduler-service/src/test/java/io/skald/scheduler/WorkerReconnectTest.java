package io.skald.scheduler;

import static io.skald.scheduler.RunningScheduler.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyServerBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.skald.proto.scheduler.HttpRequest;
import io.skald.proto.scheduler.TaskResult;
import io.skald.scheduler.client.SchedulerAddresses;
import io.skald.scheduler.client.SchedulerChannels;
import io.skald.scheduler.client.SchedulerClient;
import io.skald.scheduler.client.SchedulerWorker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The worker against bare gRPC schedulers (the services on a plain server, without Spring): it keeps retrying until a
 * scheduler listens, comes back after a restart, and abandons its task when the scheduler goes away.
 */
class WorkerReconnectTest {
    @Test
    void theWorkerConnectsOnceTheSchedulerListensAndReconnectsAfterARestart() throws Exception {
        int port = freePort();
        String address = "127.0.0.1:" + port;
        RecordingHandler handler = new RecordingHandler();
        try (SchedulerWorker worker = new SchedulerWorker(
                        "querier-r",
                        2,
                        SchedulerAddresses.fixed(address),
                        new SchedulerChannels(1 << 20),
                        handler,
                        new SchedulerWorker.Settings(
                                Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(1)));
                SchedulerClient client = new SchedulerClient(
                        "frontend-r",
                        SchedulerAddresses.fixed(address),
                        new SchedulerChannels(1 << 20),
                        Clock.systemUTC())) {
            worker.start();
            Thread.sleep(300); // a few failed attempts: nothing listens yet

            for (int round = 0; round < 2; round++) {
                QueryScheduler scheduler =
                        new QueryScheduler(10, new SchedulerMetrics(new SimpleMeterRegistry()), Clock.systemUTC());
                Server server = NettyServerBuilder.forAddress(
                                new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port))
                        .addService(new FrontendService(scheduler))
                        .addService(new QuerierService(scheduler))
                        .build()
                        .start();
                try {
                    await(() -> scheduler.connectedQueriers() == 2, "both loops connected in round " + round);
                    TaskResult result = client.submit(
                                    "t",
                                    HttpRequest.newBuilder()
                                            .setPath("/r/" + round)
                                            .build(),
                                    Instant.now().plusSeconds(10))
                            .get(10, TimeUnit.SECONDS);
                    assertThat(result.getStatus()).isEqualTo(200);
                    assertThat(result.getBody().toStringUtf8()).isEqualTo("t /r/" + round + "?");
                } finally {
                    scheduler.stop();
                    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
                }
            }
            assertThat(handler.paths()).containsExactly("/r/0", "/r/1");
        }
    }

    @Test
    void whenTheSchedulerGoesAwayTheRunningTaskIsAbandonedAndItsFrontendToldUnavailable() throws Exception {
        int port = freePort();
        String address = "127.0.0.1:" + port;
        RecordingHandler handler = new RecordingHandler();
        QueryScheduler scheduler =
                new QueryScheduler(10, new SchedulerMetrics(new SimpleMeterRegistry()), Clock.systemUTC());
        Server server = NettyServerBuilder.forAddress(
                        new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port))
                .addService(new FrontendService(scheduler))
                .addService(new QuerierService(scheduler))
                .build()
                .start();
        try (SchedulerWorker worker = new SchedulerWorker(
                        "querier-s",
                        1,
                        SchedulerAddresses.fixed(address),
                        new SchedulerChannels(1 << 20),
                        handler,
                        SchedulerWorker.Settings.defaults());
                SchedulerClient client = new SchedulerClient(
                        "frontend-s",
                        SchedulerAddresses.fixed(address),
                        new SchedulerChannels(1 << 20),
                        Clock.systemUTC())) {
            worker.start();
            await(() -> scheduler.connectedQueriers() == 1, "the worker connected");
            CompletableFuture<TaskResult> running = client.submit(
                    "t",
                    HttpRequest.newBuilder().setPath(RecordingHandler.BLOCK).build(),
                    Instant.now().plusSeconds(10));
            await(() -> handler.handled.size() == 1, "the task running");

            scheduler.stop();
            assertThatThrownBy(() -> running.get(10, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOfSatisfying(
                            StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
            await(() -> handler.interrupted.get() == 1, "the handler interrupted");
        } finally {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
