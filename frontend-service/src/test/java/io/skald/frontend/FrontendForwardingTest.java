package io.skald.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.skald.config.LokiConfig;
import io.skald.config.LokiConfigLoader;
import io.skald.server.SkaldApplication;
import io.skald.server.Target;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** A real frontend forwarding the query API to a stand-in querier over HTTP. */
class FrontendForwardingTest {
    /** What the stand-in querier received. */
    record Seen(String method, String uri, String tenant, String contentType, String body) {}

    private static final List<Seen> seen = new CopyOnWriteArrayList<>();
    private static HttpServer querier;
    private static ConfigurableApplicationContext context;
    private static String baseUrl;
    private static final HttpClient http = HttpClient.newHttpClient();

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @BeforeAll
    static void start() throws IOException {
        querier = HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        querier.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(new Seen(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders().getFirst("X-Scope-OrgID"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    body));
            boolean bad = exchange.getRequestURI().getQuery() != null
                    && exchange.getRequestURI().getQuery().contains("limit=-1");
            byte[] answer = (bad ? "limit must be a positive value\n" : "{\"status\":\"success\",\"echo\":\"x\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", bad ? "text/plain; charset=utf-8" : "application/json");
            exchange.sendResponseHeaders(bad ? 400 : 200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        querier.start();
        int grpcPort = freePort();
        String yaml = """
                auth_enabled: true
                server:
                  http_listen_address: 127.0.0.1
                  http_listen_port: 0
                  grpc_listen_address: 127.0.0.1
                  grpc_listen_port: %d
                memberlist:
                  join_members: []
                frontend:
                  compress_responses: true
                  downstream_url: http://127.0.0.1:%d
                """.formatted(grpcPort, querier.getAddress().getPort());
        LokiConfig config = LokiConfigLoader.parse(yaml, false, name -> null, Map.of());
        context = SkaldApplication.start(
                QueryFrontendApplication.class,
                Target.QUERY_FRONTEND,
                config,
                Map.of("spring.grpc.server.address", "127.0.0.1:" + grpcPort));
        baseUrl = "http://127.0.0.1:" + context.getEnvironment().getRequiredProperty("local.server.port");
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
        if (querier != null) {
            querier.stop(0);
        }
    }

    @Test
    void forwardsGetWithParamsAndTenantAndReturnsTheQueriersAnswer() throws Exception {
        seen.clear();
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/loki/api/v1/label/app/values?start=1&end=2"))
                        .header("X-Scope-OrgID", "tenant-a")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"success\",\"echo\":\"x\"}");
        assertThat(seen).singleElement().satisfies(s -> {
            assertThat(s.method()).isEqualTo("GET");
            assertThat(s.uri()).isEqualTo("/loki/api/v1/label/app/values?start=1&end=2");
            assertThat(s.tenant()).isEqualTo("tenant-a");
        });
    }

    @Test
    void forwardsPostFormBodies() throws Exception {
        seen.clear();
        String form = "query=%7Bapp%3D%22a%22%7D&limit=5";
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/loki/api/v1/query_range"))
                        .header("X-Scope-OrgID", "tenant-a")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(seen).singleElement().satisfies(s -> {
            assertThat(s.method()).isEqualTo("POST");
            assertThat(s.contentType()).isEqualTo("application/x-www-form-urlencoded");
            assertThat(s.body()).contains("limit=5").contains("query=%7Bapp%3D%22a%22%7D");
        });
    }

    @Test
    void passesErrorsThroughAndCompressesWhenAccepted() throws Exception {
        HttpResponse<String> error = http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/loki/api/v1/query_range?query=x&limit=-1"))
                        .header("X-Scope-OrgID", "tenant-a")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(error.body()).isEqualTo("limit must be a positive value\n");

        HttpResponse<byte[]> gzipped = http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/loki/api/v1/labels"))
                        .header("X-Scope-OrgID", "tenant-a")
                        .header("Accept-Encoding", "gzip")
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"status\":\"success\",\"echo\":\"x\"}");
        }
    }

    @Test
    void missingTenantIsRejectedWithoutForwarding() throws Exception {
        seen.clear();
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/loki/api/v1/labels"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("no org id\n");
        assertThat(seen).isEmpty();
    }
}
