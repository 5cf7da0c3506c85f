package io.skald.chunk;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Deterministic, realistic log lines: a mix of logfmt, JSON and nginx access lines as one service emits them. */
final class LogSamples {
    private static final String[] LEVELS = {"debug", "info", "info", "info", "warn", "error"};
    private static final String[] PATHS = {
        "/api/v1/users",
        "/api/v1/orders",
        "/api/v1/orders/checkout",
        "/healthz",
        "/metrics",
        "/static/app.js",
        "/api/v1/search",
        "/login",
        "/api/v2/cart/items"
    };
    private static final String[] METHODS = {"GET", "GET", "GET", "POST", "PUT", "DELETE"};
    private static final int[] STATUSES = {200, 200, 200, 200, 201, 204, 301, 400, 404, 500, 503};
    private static final String[] AGENTS = {
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
        "curl/8.5.0",
        "Prometheus/2.48.1",
        "Go-http-client/1.1",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_2) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15"
    };
    private static final String[] MESSAGES = {
        "request completed",
        "cache miss",
        "retrying upstream call",
        "user authenticated",
        "order placed",
        "connection reset by peer",
        "slow query detected",
        "flushing batch"
    };

    private LogSamples() {}

    /** {@code count} entries one to a few milliseconds apart starting at {@code start} nanoseconds. */
    static List<LogEntry> mixed(long seed, int count, long start) {
        Random random = new Random(seed);
        List<LogEntry> entries = new ArrayList<>(count);
        long time = start;
        for (int i = 0; i < count; i++) {
            time += 1_000_000L + random.nextInt(5_000_000);
            String line = switch (random.nextInt(3)) {
                case 0 -> logfmt(random, time);
                case 1 -> json(random, time);
                default -> nginx(random, time);
            };
            entries.add(new LogEntry(time, line));
        }
        return entries;
    }

    private static String logfmt(Random random, long time) {
        return String.format(
                Locale.ROOT,
                "ts=%s level=%s caller=%s.go:%d msg=\"%s\" trace_id=%016x duration=%.3fms user_id=%d",
                iso(time),
                pick(random, LEVELS),
                pick(random, new String[] {"handler", "store", "client", "worker"}),
                20 + random.nextInt(400),
                pick(random, MESSAGES),
                random.nextLong(),
                random.nextDouble() * 250,
                random.nextInt(50_000));
    }

    private static String json(Random random, long time) {
        return String.format(
                Locale.ROOT,
                "{\"time\":\"%s\",\"level\":\"%s\",\"msg\":\"%s\",\"service\":\"checkout\",\"span_id\":\"%08x\","
                        + "\"http\":{\"method\":\"%s\",\"path\":\"%s\",\"status\":%d},\"latency_ms\":%d}",
                iso(time),
                pick(random, LEVELS),
                pick(random, MESSAGES),
                random.nextInt(),
                pick(random, METHODS),
                pick(random, PATHS),
                STATUSES[random.nextInt(STATUSES.length)],
                random.nextInt(2_000));
    }

    private static String nginx(Random random, long time) {
        return String.format(
                Locale.ROOT,
                "%d.%d.%d.%d - - [%s] \"%s %s HTTP/1.1\" %d %d \"-\" \"%s\"",
                10 + random.nextInt(200),
                random.nextInt(256),
                random.nextInt(256),
                random.nextInt(256),
                java.time.format.DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT)
                        .format(java.time.Instant.ofEpochSecond(0, time).atZone(java.time.ZoneOffset.UTC)),
                pick(random, METHODS),
                pick(random, PATHS),
                STATUSES[random.nextInt(STATUSES.length)],
                random.nextInt(80_000),
                pick(random, AGENTS));
    }

    private static String iso(long time) {
        return java.time.Instant.ofEpochSecond(0, time).toString();
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
