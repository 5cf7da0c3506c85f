package io.skald.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.config.LokiConfig;
import io.skald.server.Target;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gateway hands the query string to the frontend byte for byte, as NGINX's {@code proxy_pass} without a URI does:
 * logcli and curl send selectors raw ({@code match[]={app="x"}}), others percent-encode them; neither may be
 * re-encoded on the way.
 */
class GatewayRawQueryTest {
    private static ServerSocket frontend;
    private static final BlockingQueue<String> requestLines = new LinkedBlockingQueue<>();
    private static ServiceHandle gateway;

    @BeforeAll
    static void start() throws IOException {
        frontend = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(GatewayRawQueryTest::serve);
        String url = "http://127.0.0.1:" + frontend.getLocalPort();
        LokiConfig config = SkaldServices.localConfig(
                SkaldServices.referenceConfig(),
                Map.of(
                        "gateway.distributor_url", url,
                        "gateway.query_frontend_url", url,
                        "gateway.querier_url", url));
        gateway = SkaldServices.start(Target.GATEWAY, config);
    }

    @AfterAll
    static void stop() throws IOException {
        if (gateway != null) {
            gateway.close();
        }
        frontend.close();
    }

    /** A frontend that records each request line and answers {@code {}}. */
    private static void serve() {
        while (!frontend.isClosed()) {
            try (Socket socket = frontend.accept()) {
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
                String requestLine = in.readLine();
                for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
                    // headers are not needed
                }
                requestLines.add(requestLine == null ? "" : requestLine);
                OutputStream out = socket.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
                                + "Connection: close\r\n\r\n{}")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                // closed at the end of the test, or a client gave up
            }
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/loki/api/v1/series?match[]={app=\"x\"}",
                "/loki/api/v1/series?match[]={app=\"x\",env=~\"p.*\"}&start=1&end=2",
                "/loki/api/v1/series?match%5B%5D=%7Bapp%3D%22x%22%7D",
                "/loki/api/v1/query_range?query={app=\"x\"}%20|=%20%22a+b%22&limit=10",
                "/loki/api/v1/labels?query={app=\"x\"}&since=1h",
                "/api/prom/label/app/values?query=%7Bapp%3D\"x\"}",
                "/loki/api/v1/series?match[]=%7Bapp%3D%22x%22%7D",
                "/loki/api/v1/series?match[]=x",
            })
    void queryStringReachesTheFrontendUnchanged(String pathAndQuery) throws Exception {
        assertThat(send(pathAndQuery, "")).startsWith("HTTP/1.1 200");
        assertThat(requestLines.poll(10, TimeUnit.SECONDS)).isEqualTo("GET " + pathAndQuery + " HTTP/1.1");
    }

    @Test
    void aClientCannotChooseTheTargetSentThroughTheInternalHeader() throws Exception {
        assertThat(send("/loki/api/v1/labels?query={a=\"b\"}", RawRequestTargetHeader.NAME + ": /flush?x=1\r\n"))
                .startsWith("HTTP/1.1 200");
        assertThat(requestLines.poll(10, TimeUnit.SECONDS))
                .isEqualTo("GET /loki/api/v1/labels?query={a=\"b\"} HTTP/1.1");
    }

    /** Sends a GET with the target as written (no client library would send it raw) and returns the status line. */
    private static String send(String pathAndQuery, String extraHeaders) throws IOException {
        requestLines.clear();
        URI gatewayUri = URI.create(gateway.baseUrl());
        String status;
        try (Socket client = new Socket(gatewayUri.getHost(), gatewayUri.getPort())) {
            client.getOutputStream()
                    .write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + gatewayUri.getHost() + "\r\n" + extraHeaders
                                    + "X-Scope-OrgID: team-a\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
            client.getOutputStream().flush();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
            status = in.readLine();
        }
        return status == null ? "" : status;
    }

    /** The gateway's internal header (package-private there), spelled out as a client would send it. */
    private static final class RawRequestTargetHeader {
        static final String NAME = "X-Skald-Raw-Request-Target";
    }
}
