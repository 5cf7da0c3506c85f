package io.skald.bench.loadgen;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.skald.push.JsonPushDecoder;
import io.skald.push.ProtobufPushDecoder;
import io.skald.push.PushEntry;
import io.skald.push.PushRequest;
import io.skald.push.PushStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * An in-test stand-in for Loki on 127.0.0.1: decodes pushes with the real decoders (snappy protobuf or JSON) and
 * records every entry; answers {@code query_range} with a canned body per query text.
 */
final class LokiStub implements AutoCloseable {
    /** One received entry, comparable across runs. */
    record Received(String labels, long timestampNanos, String line) {}

    private static final Pattern AMPERSAND = Pattern.compile("&");

    final AtomicLong lines = new AtomicLong();
    final AtomicLong pushes = new AtomicLong();
    final Queue<Received> entries = new ConcurrentLinkedQueue<>();
    final Queue<String> tenants = new ConcurrentLinkedQueue<>();
    final Map<String, Response> queryResponses = new ConcurrentHashMap<>();
    private final boolean keepEntries;
    private final HttpServer server;

    record Response(int status, String body) {}

    LokiStub(boolean keepEntries) throws IOException {
        this.keepEntries = keepEntries;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/loki/api/v1/push", this::push);
        server.createContext("/loki/api/v1/query_range", this::query);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void push(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        String tenant = exchange.getRequestHeaders().getFirst("X-Scope-OrgID");
        if (tenant != null) {
            tenants.add(tenant);
        }
        PushRequest request = "application/json".equals(contentType)
                ? JsonPushDecoder.decode(body, 0, body.length)
                : ProtobufPushDecoder.decodeSnappy(body, 0, body.length, 64L << 20);
        if (keepEntries) {
            for (PushStream stream : request.streams()) {
                for (PushEntry entry : stream.entries()) {
                    entries.add(new Received(stream.labels(), entry.timestampNanos(), entry.line()));
                }
            }
        }
        lines.addAndGet(request.entryCount());
        pushes.incrementAndGet();
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    private void query(HttpExchange exchange) throws IOException {
        String rawQuery = exchange.getRequestURI().getRawQuery();
        String query = "";
        for (String pair : AMPERSAND.split(rawQuery, -1)) {
            if (pair.startsWith("query=")) {
                query = URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
            }
        }
        Response response = queryResponses.getOrDefault(query, new Response(400, "parse error"));
        byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(response.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    List<Received> sortedEntries() {
        List<Received> sorted = new ArrayList<>(entries);
        sorted.sort((a, b) -> {
            int c = a.labels().compareTo(b.labels());
            return c != 0 ? c : Long.compare(a.timestampNanos(), b.timestampNanos());
        });
        return sorted;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
