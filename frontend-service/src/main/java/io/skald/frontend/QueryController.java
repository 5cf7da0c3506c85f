package io.skald.frontend;

import io.skald.config.LokiConfig;
import io.skald.server.LokiHttpException;
import io.skald.tenant.TenantResolver;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Loki's query API. Until the scheduler path exists, each request is forwarded to a querier ({@code
 * frontend.downstream_url}, else {@code skald.frontend.downstream-url}) with its method, query string, body and tenant
 * header; the querier's status and body come back as they are, gzip-compressed when {@code compress_responses} is on
 * and the client accepts it.
 */
@RestController
class QueryController {
    /** Request headers the querier needs to answer as Loki would. */
    private static final List<String> FORWARDED_HEADERS = List.of(
            TenantResolver.HEADER,
            HttpHeaders.CONTENT_TYPE,
            HttpHeaders.ACCEPT,
            "X-Loki-Response-Encoding-Flags",
            "X-Query-Tags",
            "X-Grafana-User");

    private final TenantResolver tenants;
    private final String downstream;
    private final boolean compress;
    private final Duration timeout;
    private final HttpClient http;

    QueryController(
            TenantResolver tenants,
            LokiConfig config,
            @Value("${skald.frontend.downstream-url:}") String fallbackDownstream) {
        this.tenants = tenants;
        String url = config.query().frontendDownstreamUrl().isBlank()
                ? fallbackDownstream
                : config.query().frontendDownstreamUrl();
        this.downstream = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.compress = config.query().compressResponses();
        this.timeout = config.limits().queryTimeout().plusSeconds(5);
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @RequestMapping({
        "/loki/api/v1/query",
        "/loki/api/v1/query_range",
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
    ResponseEntity<byte[]> forward(HttpServletRequest request) throws IOException {
        // Authenticate here so a missing tenant is answered without a round trip.
        tenants.tenants(request.getHeader(TenantResolver.HEADER));
        if (downstream.isBlank()) {
            throw new LokiHttpException(501, "no querier to forward to: set frontend.downstream_url");
        }
        String query = request.getQueryString();
        URI uri = URI.create(downstream + request.getRequestURI() + (query == null ? "" : "?" + query));
        byte[] body = request.getInputStream().readAllBytes();
        if (body.length == 0
                && "POST".equals(request.getMethod())
                && !request.getParameterMap().isEmpty()) {
            // The container consumed a form body to build the parameter map: rebuild it.
            body = FormBody.encode(request.getParameterMap(), query).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        HttpRequest.Builder out = HttpRequest.newBuilder(uri).timeout(timeout);
        for (String name : FORWARDED_HEADERS) {
            String value = request.getHeader(name);
            if (value != null) {
                out.header(name, value);
            }
        }
        out.method(
                request.getMethod(),
                body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<byte[]> response;
        try {
            response = http.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LokiHttpException(500, "interrupted");
        } catch (IOException e) {
            // Loki answers a failed downstream round trip with a plain 500.
            throw new LokiHttpException(500, "querier unreachable: " + e.getMessage());
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(response.statusCode());
        response.headers()
                .firstValue(HttpHeaders.CONTENT_TYPE)
                .ifPresent(t -> answer.header(HttpHeaders.CONTENT_TYPE, t));
        byte[] payload = response.body();
        String accept = request.getHeader(HttpHeaders.ACCEPT_ENCODING);
        if (compress && accept != null && accept.contains("gzip")) {
            answer.header(HttpHeaders.CONTENT_ENCODING, "gzip");
            answer.header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
            payload = gzip(payload);
        }
        return answer.body(payload);
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, bytes.length / 4));
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
