package io.skald.querier.worker;

import com.google.protobuf.ByteString;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.skald.proto.scheduler.HttpRequest;
import io.skald.proto.scheduler.NameValue;
import io.skald.proto.scheduler.QueryTask;
import io.skald.proto.scheduler.TaskResult;
import io.skald.scheduler.client.TaskHandler;
import io.skald.tenant.TenantResolver;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * Serves a scheduler task through this querier's own HTTP API on loopback: the same controllers, parameter parsing,
 * error texts and request metrics as a direct request. The request carries {@link RunningTasks#TASK_HEADER}, so a
 * cancellation (this thread interrupted by the worker loop) also interrupts the request thread running the query.
 */
final class LoopbackTaskHandler implements TaskHandler {
    /** Exposed as {@code skald_querier_worker_tasks_total{path,status}}: tasks served for a scheduler. */
    static final String TASKS = "skald.querier.worker.tasks";

    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final String host;
    private final IntSupplier port;
    private final RunningTasks running;
    private final Duration defaultTimeout;
    private final MeterRegistry registry;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /**
     * @param host the loopback host of this querier's HTTP server
     * @param port its bound port, read per task (known only once the server listens)
     */
    LoopbackTaskHandler(
            String host, IntSupplier port, RunningTasks running, Duration defaultTimeout, MeterRegistry registry) {
        this.host = host;
        this.port = port;
        this.running = running;
        this.defaultTimeout = defaultTimeout;
        this.registry = registry;
    }

    @Override
    public TaskResult handle(QueryTask task) throws Exception {
        HttpRequest request = task.getRequest();
        java.net.http.HttpRequest.Builder out = java.net.http.HttpRequest.newBuilder(uri(request))
                .timeout(timeout(task))
                .header(RunningTasks.TASK_HEADER, task.getQueryId());
        boolean tenantSent = false;
        for (NameValue header : request.getHeadersList()) {
            String name = header.getName().toLowerCase(Locale.ROOT);
            if (RESTRICTED.contains(name) || name.equalsIgnoreCase(RunningTasks.TASK_HEADER)) {
                continue;
            }
            tenantSent |= name.equalsIgnoreCase(TenantResolver.HEADER);
            out.header(header.getName(), header.getValue());
        }
        if (!tenantSent && !task.getTenant().isEmpty()) {
            out.header(TenantResolver.HEADER, task.getTenant());
        }
        String method = request.getMethod().isEmpty() ? "GET" : request.getMethod();
        out.method(
                method,
                request.getBody().isEmpty()
                        ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofByteArray(
                                request.getBody().toByteArray()));
        HttpResponse<byte[]> response;
        try {
            response = http.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            // The scheduler cancelled the task: stop the query too, not only our wait for it.
            running.cancel(task.getQueryId());
            count(request, WorkerSettings.STATUS_CLIENT_CLOSED_REQUEST);
            throw e;
        } catch (IOException e) {
            count(request, 500);
            throw new IOException("querier unreachable on loopback: " + e.getMessage(), e);
        }
        count(request, response.statusCode());
        TaskResult.Builder result = TaskResult.newBuilder()
                .setQueryId(task.getQueryId())
                .setStatus(response.statusCode())
                .setBody(ByteString.copyFrom(response.body()));
        response.headers()
                .firstValue("Content-Type")
                .ifPresent(type -> result.addHeaders(
                        NameValue.newBuilder().setName("Content-Type").setValue(type)));
        return result.build();
    }

    private void count(HttpRequest request, int status) {
        Counter.builder(TASKS)
                .description("Scheduler tasks served by this querier")
                .tag("path", request.getPath())
                .tag("status", Integer.toString(status))
                .register(registry)
                .increment();
    }

    private URI uri(HttpRequest request) {
        StringBuilder query = new StringBuilder();
        for (NameValue param : request.getParamsList()) {
            query.append(query.isEmpty() ? '?' : '&')
                    .append(URLEncoder.encode(param.getName(), StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(param.getValue(), StandardCharsets.UTF_8));
        }
        String path = request.getPath().startsWith("/") ? request.getPath() : "/" + request.getPath();
        return URI.create("http://" + host + ":" + port.getAsInt() + path + query);
    }

    private Duration timeout(QueryTask task) {
        if (task.getDeadlineUnixMillis() <= 0) {
            return defaultTimeout;
        }
        long left = task.getDeadlineUnixMillis() - System.currentTimeMillis();
        return Duration.ofMillis(Math.max(1, left));
    }
}
