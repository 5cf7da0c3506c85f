package io.skald.frontend;

import io.skald.server.LokiHttpException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/**
 * The frontend's fallback without a query-scheduler: forwards a request to one querier ({@code
 * frontend.downstream_url}) with its method, query string, body and the headers the querier needs, and answers with
 * the querier's status, content type and body.
 */
final class HttpForwarder {
    private final String downstream;
    private final Duration timeout;
    private final HttpClient http;

    HttpForwarder(String downstreamUrl, Duration timeout) {
        this.downstream =
                downstreamUrl.endsWith("/") ? downstreamUrl.substring(0, downstreamUrl.length() - 1) : downstreamUrl;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    boolean configured() {
        return !downstream.isBlank();
    }

    ResponseEntity<byte[]> forward(HttpServletRequest request) throws IOException {
        if (downstream.isBlank()) {
            throw new LokiHttpException(
                    501, "no querier to forward to: set frontend.scheduler_address or frontend.downstream_url");
        }
        String query = request.getQueryString();
        URI uri = URI.create(downstream + request.getRequestURI() + (query == null ? "" : "?" + query));
        byte[] body = request.getInputStream().readAllBytes();
        if (body.length == 0
                && "POST".equals(request.getMethod())
                && !request.getParameterMap().isEmpty()) {
            // The container consumed a form body to build the parameter map: rebuild it.
            body = FormBody.encode(request.getParameterMap(), query).getBytes(StandardCharsets.UTF_8);
        }
        HttpRequest.Builder out = HttpRequest.newBuilder(uri).timeout(timeout);
        for (String name : ForwardedHeaders.NAMES) {
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
        return answer.body(response.body());
    }
}
