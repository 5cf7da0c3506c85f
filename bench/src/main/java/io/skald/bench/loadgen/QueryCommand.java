package io.skald.bench.loadgen;

import io.skald.bench.corpus.Timestamps;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code query}: runs each query of a file through {@code GET /loki/api/v1/query_range}, warm-up runs first, then
 * reports client latency percentiles and the server's processed bytes and lines per second from the response stats.
 */
public record QueryCommand(
        String url,
        @Nullable String tenant,
        List<NamedQuery> queries,
        long startNanos,
        long endNanos,
        @Nullable String step,
        int limit,
        int repeat,
        int warmup) {

    static final String USAGE = """
            query   --url http://127.0.0.1:3100 [--tenant T] --file queries.logql --start TIME --end TIME
                    [--step 60s] [--limit 100] [--repeat 10] [--warmup 2]
                    (file: one LogQL query per line, '#' comments, optional 'name: ' prefix)""";

    public QueryCommand {
        queries = List.copyOf(queries);
    }

    public static QueryCommand fromArgs(Args args) throws IOException {
        String file = args.string("file");
        String start = args.string("start");
        String end = args.string("end");
        if (file == null || start == null || end == null) {
            throw new IllegalArgumentException("query needs --file, --start and --end");
        }
        QueryCommand command = new QueryCommand(
                args.string("url", "http://127.0.0.1:3100"),
                args.string("tenant"),
                NamedQuery.parseFile(Files.readString(Path.of(file), StandardCharsets.UTF_8)),
                Timestamps.parseNanos(start),
                Timestamps.parseNanos(end),
                args.string("step"),
                args.intValue("limit", 100),
                args.intValue("repeat", 10),
                args.intValue("warmup", 2));
        args.requireAllUsed();
        return command;
    }

    public List<QueryResult> run(PrintStream out) throws InterruptedException {
        List<QueryResult> results = new ArrayList<>();
        try (HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build()) {
            for (NamedQuery query : queries) {
                HttpRequest request = request(query);
                for (int i = 0; i < warmup; i++) {
                    send(client, request);
                }
                long[] latencies = new long[repeat];
                List<QueryStats> stats = new ArrayList<>();
                Map<Integer, Long> statuses = new HashMap<>();
                for (int i = 0; i < repeat; i++) {
                    long t0 = System.nanoTime();
                    HttpResponse<byte[]> response = send(client, request);
                    latencies[i] = System.nanoTime() - t0;
                    int status = response == null ? 0 : response.statusCode();
                    statuses.merge(status, 1L, Long::sum);
                    if (response != null && status >= 200 && status <= 299) {
                        stats.add(QueryStats.parse(response.body()));
                    } else if (statuses.get(status) == 1L) {
                        out.println("query " + query.name() + ": HTTP " + status + " "
                                + (response == null ? "(no response)" : abbreviate(response.body())));
                    }
                }
                QueryResult result = new QueryResult(query, new Percentiles(latencies), stats, statuses);
                out.println(result.format());
                results.add(result);
            }
        }
        return results;
    }

    private HttpRequest request(NamedQuery query) {
        StringBuilder uri = new StringBuilder(url.endsWith("/") ? url.substring(0, url.length() - 1) : url)
                .append("/loki/api/v1/query_range?query=")
                .append(URLEncoder.encode(query.query(), StandardCharsets.UTF_8))
                .append("&start=")
                .append(startNanos)
                .append("&end=")
                .append(endNanos)
                .append("&limit=")
                .append(limit);
        String s = step;
        if (s != null) {
            uri.append("&step=").append(URLEncoder.encode(s, StandardCharsets.UTF_8));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri.toString()))
                .timeout(Duration.ofMinutes(5))
                .GET();
        String t = tenant;
        if (t != null) {
            request.header("X-Scope-OrgID", t);
        }
        return request.build();
    }

    private static @Nullable HttpResponse<byte[]> send(HttpClient client, HttpRequest request)
            throws InterruptedException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            return null;
        }
    }

    private static String abbreviate(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
