package io.skald.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the contract against a real S3-protocol server (S3Proxy, in process, on loopback). */
class S3ObjectStoreTest extends ObjectStoreContractTest {
    private static final String ACCESS_KEY = "test-access";
    private static final String SECRET_KEY = "test/secret+key";
    private static final AtomicInteger buckets = new AtomicInteger();
    private static S3Proxy proxy;
    private static String endpoint;

    @BeforeAll
    static void startProxy() throws Exception {
        proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!"STARTED".equals(proxy.getState()) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        endpoint = "http://127.0.0.1:" + proxy.getPort();
    }

    @AfterAll
    static void stopProxy() throws Exception {
        proxy.stop();
    }

    private static S3Settings settings(List<String> bucketNames) {
        return new S3Settings(endpoint, "us-east-1", ACCESS_KEY, SECRET_KEY, bucketNames, true);
    }

    @Override
    protected ObjectStore newStore() {
        S3ObjectStore s3 = new S3ObjectStore(settings(List.of("bucket-" + buckets.incrementAndGet())));
        s3.createBucketsIfMissing();
        return s3;
    }

    @Test
    void spreadsObjectsOverSeveralBucketsAndListsThemAll() {
        int n = buckets.incrementAndGet();
        List<String> names = List.of("multi-a-" + n, "multi-b-" + n);
        try (S3ObjectStore s3 = new S3ObjectStore(settings(names))) {
            s3.createBucketsIfMissing();
            for (int i = 0; i < 20; i++) {
                s3.put("t/" + i, ("v" + i).getBytes(StandardCharsets.UTF_8));
            }

            assertThat(s3.list("t/")).hasSize(20).isSorted();
            assertThat(s3.get("t/7")).isEqualTo("v7".getBytes(StandardCharsets.UTF_8));
            assertThat(names)
                    .allSatisfy(bucket -> assertThat(s3.list("t/").stream()
                                    .filter(k -> s3.settings().bucketFor(k).equals(bucket)))
                            .isNotEmpty());
        }
    }

    @Test
    void wrongCredentialsFailWithoutRetrying() {
        S3Settings wrong = new S3Settings(endpoint, "us-east-1", ACCESS_KEY, "wrong", List.of("bucket-1"), true);
        try (S3ObjectStore s3 = new S3ObjectStore(wrong)) {
            assertThatThrownBy(() -> s3.put("k", new byte[] {1}))
                    .isInstanceOf(ObjectStoreException.class)
                    .isNotInstanceOf(ObjectNotFoundException.class)
                    .hasMessageStartingWith("put k failed: ")
                    .hasMessageNotContaining("attempts");
        }
    }

    @Test
    void unreachableServerIsRetriedWithBackoffThenFails() {
        S3Settings nowhere = new S3Settings("http://127.0.0.1:1", "us-east-1", "", "", List.of("unreachable"), true);
        RetryPolicy retry = new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(100));
        try (S3ObjectStore s3 = new S3ObjectStore(nowhere, retry)) {
            long start = System.nanoTime();

            assertThatThrownBy(() -> s3.get("k")).hasMessageStartingWith("get k failed after 3 attempts");

            // Two waits: 50 ms and 100 ms.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        }
    }
}
