package io.skald.bench.corpus;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Produces realistic, deterministic log lines of one {@link LogFormat} from a seeded random source: the same seed
 * gives the same lines. Vocabulary is small and repetitive, as in real logs, so compression ratios are realistic.
 * Not thread-safe: one generator per stream.
 */
public final class LineGenerator {
    private static final String[] LEVELS = {"info", "info", "info", "info", "debug", "debug", "warn", "error"};
    private static final String[] COMPONENTS = {"api", "auth", "billing", "cache", "db", "queue", "scheduler", "web"};
    private static final String[] MESSAGES = {
        "request completed",
        "user logged in",
        "cache miss",
        "retrying operation",
        "connection established",
        "slow query detected",
        "payment processed",
        "job finished",
        "token refreshed",
        "upstream timeout"
    };
    private static final String[] METHODS = {"GET", "GET", "GET", "POST", "PUT", "DELETE"};
    private static final String[] PATHS = {
        "/api/v1/users", "/api/v1/orders", "/api/v1/items/search", "/healthz", "/static/app.js", "/login", "/metrics"
    };
    private static final int[] STATUSES = {200, 200, 200, 200, 201, 204, 301, 304, 400, 404, 500, 503};
    private static final String[] AGENTS = {
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
        "curl/8.5.0",
        "Go-http-client/1.1",
        "Prometheus/2.48.0"
    };
    private static final String[] EXCEPTIONS = {
        "java.lang.IllegalStateException: connection pool exhausted",
        "java.io.IOException: Broken pipe",
        "java.lang.NullPointerException: Cannot invoke \"String.length()\" because \"name\" is null",
        "java.util.concurrent.TimeoutException: no reply within 5000 ms"
    };
    private static final String[] FRAMES = {
        "com.example.shop.OrderService.place(OrderService.java:142)",
        "com.example.shop.OrderController.post(OrderController.java:57)",
        "com.example.db.Pool.acquire(Pool.java:88)",
        "org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:885)",
        "jakarta.servlet.http.HttpServlet.service(HttpServlet.java:658)",
        "org.apache.catalina.core.ApplicationFilterChain.doFilter(ApplicationFilterChain.java:166)",
        "java.base/java.lang.Thread.run(Thread.java:1583)"
    };

    private final LogFormat format;
    private final SplittableRandom random;
    private final StringBuilder line = new StringBuilder(256);

    public LineGenerator(LogFormat format, long seed) {
        this.format = format;
        this.random = new SplittableRandom(seed);
    }

    public LogFormat format() {
        return format;
    }

    /** The next line; {@code timestampNanos} is the entry's time, echoed in the line as real loggers do. */
    public String next(long timestampNanos) {
        line.setLength(0);
        switch (format) {
            case LOGFMT -> logfmt(timestampNanos);
            case JSON -> json(timestampNanos);
            case NGINX -> nginx(timestampNanos);
            case PLAIN -> plain(timestampNanos);
        }
        return line.toString();
    }

    private void logfmt(long ts) {
        line.append("ts=");
        Timestamps.appendIso(line, ts);
        line.append(" level=").append(pick(LEVELS));
        line.append(" component=").append(pick(COMPONENTS));
        line.append(" msg=\"").append(pick(MESSAGES)).append('"');
        line.append(" trace_id=");
        hex(16);
        line.append(" user_id=").append(random.nextInt(100_000));
        line.append(" duration=").append(random.nextInt(2_000)).append("ms");
        line.append(" status=").append(STATUSES[random.nextInt(STATUSES.length)]);
    }

    private void json(long ts) {
        line.append("{\"time\":\"");
        Timestamps.appendIso(line, ts);
        line.append("\",\"level\":\"").append(pick(LEVELS));
        line.append("\",\"component\":\"").append(pick(COMPONENTS));
        line.append("\",\"message\":\"").append(pick(MESSAGES));
        line.append("\",\"request\":{\"method\":\"").append(pick(METHODS));
        line.append("\",\"path\":\"").append(pick(PATHS));
        line.append("\",\"status\":").append(STATUSES[random.nextInt(STATUSES.length)]);
        line.append(",\"bytes\":").append(random.nextInt(50_000));
        line.append("},\"latency_ms\":")
                .append(random.nextInt(2_000))
                .append('.')
                .append(random.nextInt(10));
        line.append(",\"trace_id\":\"");
        hex(16);
        line.append("\"}");
    }

    private void nginx(long ts) {
        line.append("10.")
                .append(random.nextInt(256))
                .append('.')
                .append(random.nextInt(256))
                .append('.')
                .append(random.nextInt(256));
        line.append(" - - [");
        Timestamps.appendClf(line, ts);
        line.append("] \"").append(pick(METHODS)).append(' ').append(pick(PATHS));
        if (random.nextInt(3) == 0) {
            line.append("?page=").append(random.nextInt(50));
        }
        line.append(" HTTP/1.1\" ").append(STATUSES[random.nextInt(STATUSES.length)]);
        line.append(' ').append(random.nextInt(50_000));
        line.append(" \"-\" \"").append(pick(AGENTS)).append('"');
        line.append(" rt=0.").append(random.nextInt(1000));
    }

    private void plain(long ts) {
        Timestamps.appendIso(line, ts);
        String level = pick(LEVELS);
        line.append(' ').append(level.toUpperCase(Locale.ROOT));
        line.append(" [")
                .append(pick(COMPONENTS))
                .append("-worker-")
                .append(random.nextInt(16))
                .append("] ");
        if (level.equals("error") && random.nextInt(2) == 0) {
            line.append("Unhandled exception while serving request\n").append(pick(EXCEPTIONS));
            int frames = 3 + random.nextInt(FRAMES.length - 2);
            for (int i = 0; i < frames; i++) {
                line.append("\n\tat ").append(FRAMES[i]);
            }
            if (random.nextInt(3) == 0) {
                line.append("\nCaused by: ")
                        .append(pick(EXCEPTIONS))
                        .append("\n\t... ")
                        .append(frames)
                        .append(" more");
            }
            return;
        }
        line.append(pick(MESSAGES)).append(" id=").append(random.nextInt(1_000_000));
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private void hex(int digits) {
        for (int i = 0; i < digits; i++) {
            line.append(Character.forDigit(random.nextInt(16), 16));
        }
    }
}
