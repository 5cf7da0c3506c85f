package io.skald.bench.loadgen;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sends pre-encoded pushes from one thread per client, each with its own HTTP/1.1 connection, either once through
 * (a fixed corpus) or cycling until a deadline (then entries repeat, and Loki drops exact duplicates). Prints a
 * progress line every interval.
 */
public final class PushRunner {
    private static final int ERROR_TEXT_LIMIT = 300;

    private final PushTarget target;
    private final Duration progressEvery;
    private final PrintStream out;

    public PushRunner(PushTarget target, Duration progressEvery, PrintStream out) {
        this.target = target;
        this.progressEvery = progressEvery;
        this.out = out;
    }

    /**
     * Runs the clients, one pool of pushes each.
     *
     * @param duration clients cycle their pools until it has passed
     */
    public PushResult run(List<List<EncodedPush>> pools, Duration duration) throws InterruptedException {
        return run(pools, duration, false);
    }

    /** Sends every push of every pool exactly once. */
    public PushResult runOnce(List<List<EncodedPush>> pools) throws InterruptedException {
        return run(pools, Duration.ZERO, true);
    }

    private PushResult run(List<List<EncodedPush>> pools, Duration duration, boolean once) throws InterruptedException {
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        Map<Integer, String> firstErrors = new ConcurrentHashMap<>();
        LongAdder acceptedLines = new LongAdder();
        LongAdder acceptedBytes = new LongAdder();
        LongAdder sentLines = new LongAdder();
        LongAdder pushes = new LongAdder();
        AtomicLong wraps = new AtomicLong();
        List<LongList> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        long startNanos = System.nanoTime();
        long[] deadline = {Long.MAX_VALUE};
        for (int c = 0; c < pools.size(); c++) {
            List<EncodedPush> pool = pools.get(c);
            LongList latency = new LongList();
            latencies.add(latency);
            Thread thread = new Thread(
                    () -> {
                        HttpClient client = HttpClient.newBuilder()
                                .version(HttpClient.Version.HTTP_1_1)
                                .connectTimeout(Duration.ofSeconds(10))
                                .build();
                        try {
                            start.await();
                            int index = 0;
                            while (!pool.isEmpty()) {
                                if (index == pool.size()) {
                                    if (once) {
                                        break;
                                    }
                                    index = 0;
                                    wraps.incrementAndGet();
                                }
                                if (!once && System.nanoTime() - deadline[0] >= 0) {
                                    break;
                                }
                                EncodedPush push = pool.get(index++);
                                long t0 = System.nanoTime();
                                int status = send(client, push, firstErrors);
                                latency.add(System.nanoTime() - t0);
                                statuses.computeIfAbsent(status, s -> new LongAdder())
                                        .increment();
                                pushes.increment();
                                sentLines.add(push.lines());
                                if (status >= 200 && status <= 299) {
                                    acceptedLines.add(push.lines());
                                    acceptedBytes.add(push.lineBytes());
                                }
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        } finally {
                            client.close();
                        }
                    },
                    "loadgen-client-" + c);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        Thread progress = new Thread(
                () -> {
                    long lastLines = 0;
                    long last = System.nanoTime();
                    try {
                        while (true) {
                            Thread.sleep(progressEvery);
                            long now = System.nanoTime();
                            long lines = acceptedLines.sum();
                            out.printf(
                                    Locale.ROOT,
                                    "[%7.1fs] lines=%d lines/s=%.0f pushes=%d non2xx=%d%n",
                                    (now - startNanos) / 1e9,
                                    lines,
                                    (lines - lastLines) / ((now - last) / 1e9),
                                    pushes.sum(),
                                    nonSuccess(statuses));
                            lastLines = lines;
                            last = now;
                        }
                    } catch (InterruptedException e) {
                        // the run is over
                    }
                },
                "loadgen-progress");
        progress.setDaemon(true);
        long t0 = System.nanoTime();
        deadline[0] = t0 + duration.toNanos();
        start.countDown();
        progress.start();
        for (Thread thread : threads) {
            thread.join();
        }
        long elapsed = System.nanoTime() - t0;
        progress.interrupt();
        progress.join();
        List<long[]> all = new ArrayList<>();
        int total = 0;
        for (LongList list : latencies) {
            long[] values = list.toArray();
            all.add(values);
            total += values.length;
        }
        long[] merged = new long[total];
        int at = 0;
        for (long[] values : all) {
            System.arraycopy(values, 0, merged, at, values.length);
            at += values.length;
        }
        Map<Integer, Long> counts = new ConcurrentHashMap<>();
        statuses.forEach((status, count) -> counts.put(status, count.sum()));
        return new PushResult(
                acceptedLines.sum(),
                acceptedBytes.sum(),
                sentLines.sum(),
                pushes.sum(),
                elapsed,
                new Percentiles(merged),
                counts,
                firstErrors,
                wraps.get());
    }

    private static long nonSuccess(Map<Integer, LongAdder> statuses) {
        long n = 0;
        for (Map.Entry<Integer, LongAdder> entry : statuses.entrySet()) {
            if (entry.getKey() < 200 || entry.getKey() > 299) {
                n += entry.getValue().sum();
            }
        }
        return n;
    }

    private int send(HttpClient client, EncodedPush push, Map<Integer, String> firstErrors)
            throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.pushUri())
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", target.encoding().contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(push.body()));
        String tenant = target.tenant();
        if (tenant != null) {
            request.header("X-Scope-OrgID", tenant);
        }
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            int status = response.statusCode();
            if (status < 200 || status > 299) {
                firstErrors.putIfAbsent(status, truncate(new String(response.body(), StandardCharsets.UTF_8)));
            }
            return status;
        } catch (IOException e) {
            firstErrors.putIfAbsent(0, truncate(String.valueOf(e)));
            return 0;
        }
    }

    private static String truncate(String text) {
        String trimmed = text.strip();
        return trimmed.length() <= ERROR_TEXT_LIMIT ? trimmed : trimmed.substring(0, ERROR_TEXT_LIMIT) + "...";
    }
}
