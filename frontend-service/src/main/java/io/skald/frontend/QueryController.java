package io.skald.frontend;

import io.skald.api.RequestParams;
import io.skald.config.LokiConfig;
import io.skald.frontend.scheduler.RequestScope;
import io.skald.frontend.scheduler.TaskSubmitter;
import io.skald.proto.scheduler.HttpRequest;
import io.skald.proto.scheduler.NameValue;
import io.skald.server.LokiHttpException;
import io.skald.tenant.TenantResolver;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.zip.GZIPOutputStream;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Loki's query API. With a query-scheduler ({@code frontend.scheduler_address}), {@code query_range} runs through the
 * split/cache/shard pipeline and every other request runs unsplit on a querier, both as scheduler tasks that are
 * cancelled when the client goes away or {@code query_timeout} passes. Without one, requests are forwarded to {@code
 * frontend.downstream_url}. Answers are gzip-compressed when {@code compress_responses} is on and the client accepts
 * it.
 */
@RestController
class QueryController {
    private static final String QUERY_RANGE = "/loki/api/v1/query_range";

    private final TenantResolver tenants;
    private final SchedulerFrontend frontend;
    private final HttpForwarder forwarder;
    private final boolean compress;

    QueryController(TenantResolver tenants, LokiConfig config, SchedulerFrontend frontend, HttpForwarder forwarder) {
        this.tenants = tenants;
        this.frontend = frontend;
        this.forwarder = forwarder;
        this.compress = config.query().compressResponses();
    }

    @RequestMapping(QUERY_RANGE)
    DeferredResult<ResponseEntity<byte[]>> queryRange(HttpServletRequest request) throws IOException {
        RequestParams params = params(request);
        if (params.get("interval") != null) {
            // Entry sampling by interval is not split: the querier answers the whole range.
            return other(request);
        }
        return serve(
                request,
                "query_range",
                scope -> frontend.queryRange(
                        tenant(request), params, ForwardedHeaders.of(request), categorize(request), scope));
    }

    @RequestMapping({
        "/loki/api/v1/query",
        "/loki/api/v1/labels",
        "/loki/api/v1/label",
        "/loki/api/v1/label/{name}/values",
        "/loki/api/v1/series",
        "/loki/api/v1/index/stats",
        "/loki/api/v1/index/volume",
        "/loki/api/v1/index/volume_range",
        "/loki/api/v1/format_query",
        "/loki/api/v1/detected_labels",
        "/loki/api/v1/detected_fields",
        "/loki/api/v1/detected_field/{name}/values",
        "/loki/api/v1/patterns",
        "/loki/api/v1/drilldown-limits",
        "/api/prom/query",
        "/api/prom/label",
        "/api/prom/label/{name}/values",
        "/api/prom/series"
    })
    DeferredResult<ResponseEntity<byte[]>> other(HttpServletRequest request) throws IOException {
        return serve(request, op(request), scope -> frontend.passThrough(tenant(request), task(request), scope));
    }

    /** One request: through the scheduler when there is one, else forwarded; compressed on the way out. */
    private DeferredResult<ResponseEntity<byte[]>> serve(HttpServletRequest request, String op, ScopedCall call)
            throws IOException {
        // Authenticate first, so a missing tenant is answered without any work.
        String tenant = tenant(request);
        boolean gzip = gzip(request);
        if (!frontend.enabled()) {
            DeferredResult<ResponseEntity<byte[]>> done = new DeferredResult<>();
            done.setResult(compressed(forwarder.forward(request), gzip));
            return done;
        }
        frontend.countQuery(op, tenant);
        RequestScope scope = frontend.scope();
        DeferredResult<ResponseEntity<byte[]>> result =
                new DeferredResult<>(frontend.queryTimeout().plusSeconds(5).toMillis());
        // The client went away or time is up: cancel what is queued or running on the queriers.
        result.onError(error -> scope.cancel());
        result.onTimeout(() -> {
            scope.cancel();
            result.setErrorResult(new LokiHttpException(504, TaskSubmitter.TIMED_OUT));
        });
        CompletableFuture<ResponseEntity<byte[]>> answer;
        try {
            answer = call.run(scope);
        } catch (RuntimeException e) {
            scope.cancel();
            throw e;
        }
        var unused = answer.whenComplete((response, error) -> {
            if (error == null) {
                result.setResult(compressed(response, gzip));
            } else {
                scope.cancel();
                result.setErrorResult(clientError(error));
            }
        });
        return result;
    }

    /** What the client sees for a failed request: Loki's status and text. */
    private static Throwable clientError(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof CancellationException) {
            return new LokiHttpException(499, "context canceled");
        }
        if (cause instanceof LokiHttpException) {
            return cause;
        }
        return new LokiHttpException(500, String.valueOf(cause.getMessage()));
    }

    /** The scheduler task for a request served unsplit: its parameters (query string and form) as parameters. */
    private static HttpRequest task(HttpServletRequest request) {
        HttpRequest.Builder task =
                HttpRequest.newBuilder().setMethod(request.getMethod()).setPath(request.getRequestURI());
        request.getParameterMap().forEach((name, values) -> {
            for (String value : values) {
                task.addParams(NameValue.newBuilder().setName(name).setValue(value));
            }
        });
        return task.addAllHeaders(ForwardedHeaders.of(request)).build();
    }

    /** The operation label of a request: its route after the API prefix, e.g. {@code label_values}. */
    private static String op(HttpServletRequest request) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String route = pattern == null ? request.getRequestURI() : pattern.toString();
        String legacy = route.startsWith("/api/prom/") ? "legacy_" : "";
        route = route.replaceFirst("^/loki/api/v1/", "").replaceFirst("^/api/prom/", "");
        return legacy
                + route.replace("/{name}", "")
                        .replace("index/", "")
                        .replace('/', '_')
                        .replace('-', '_');
    }

    private String tenant(HttpServletRequest request) {
        return String.join("|", tenants.tenants(request.getHeader(TenantResolver.HEADER)));
    }

    private static boolean categorize(HttpServletRequest request) {
        String flags = request.getHeader(ForwardedHeaders.ENCODING_FLAGS);
        return flags != null && flags.contains("categorize-labels");
    }

    private static RequestParams params(HttpServletRequest request) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        request.getParameterMap().forEach((k, v) -> values.put(k, List.of(v)));
        return new RequestParams(values);
    }

    private boolean gzip(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT_ENCODING);
        return compress && accept != null && accept.contains("gzip");
    }

    private static ResponseEntity<byte[]> compressed(ResponseEntity<byte[]> response, boolean gzip) {
        byte[] body = response.getBody();
        if (!gzip || body == null) {
            return response;
        }
        return ResponseEntity.status(response.getStatusCode())
                .headers(response.getHeaders())
                .header(HttpHeaders.CONTENT_ENCODING, "gzip")
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING)
                .body(gzipBytes(body));
    }

    private static byte[] gzipBytes(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, bytes.length / 4));
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Starts a request's work within its scope. */
    @FunctionalInterface
    private interface ScopedCall {
        CompletableFuture<ResponseEntity<byte[]>> run(RequestScope scope);
    }
}
