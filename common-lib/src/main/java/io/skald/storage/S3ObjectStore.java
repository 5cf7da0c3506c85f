package io.skald.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import io.minio.errors.ServerException;
import io.minio.messages.Item;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Objects in one or more S3 buckets through the MinIO Java SDK, retrying transient failures with backoff. */
public final class S3ObjectStore implements ObjectStore {
    private static final Logger log = LoggerFactory.getLogger(S3ObjectStore.class);

    /** S3 error codes that mean "no such object". */
    private static final Set<String> NOT_FOUND = Set.of("NoSuchKey", "NoSuchObject", "NotFound");

    /** S3 error codes worth another try. */
    private static final Set<String> TRANSIENT = Set.of(
            "InternalError", "SlowDown", "ServiceUnavailable", "RequestTimeout", "RequestTimeTooSkewed", "Throttling");

    private final S3Settings settings;
    private final RetryPolicy retry;
    private final OkHttpClient http;
    private final MinioClient client;

    public S3ObjectStore(S3Settings settings) {
        this(settings, RetryPolicy.defaults());
    }

    public S3ObjectStore(S3Settings settings, RetryPolicy retry) {
        this.settings = settings;
        this.retry = retry;
        this.http = new OkHttpClient.Builder()
                .connectTimeout(10, TimeUnit.SECONDS)
                .readTimeout(60, TimeUnit.SECONDS)
                .writeTimeout(60, TimeUnit.SECONDS)
                // Retries are ours, with backoff; OkHttp's silent ones would double them.
                .retryOnConnectionFailure(false)
                .build();
        MinioClient.Builder builder = MinioClient.builder()
                .endpoint(settings.endpoint())
                .region(settings.region())
                .httpClient(http, true);
        if (!settings.accessKeyId().isEmpty()) {
            builder.credentials(settings.accessKeyId(), settings.secretAccessKey());
        }
        this.client = builder.build();
        if (settings.forcePathStyle()) {
            client.disableVirtualStyleEndpoint();
        }
        client.setAppInfo("skald", "0");
    }

    /** The resolved settings. */
    public S3Settings settings() {
        return settings;
    }

    /** Creates any configured bucket that does not exist yet (local setups and tests; Loki expects them to exist). */
    public void createBucketsIfMissing() {
        for (String bucket : settings.buckets()) {
            call("create bucket", bucket, () -> {
                if (!client.bucketExists(
                        BucketExistsArgs.builder().bucket(bucket).build())) {
                    client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
                }
                return null;
            });
        }
    }

    @Override
    public void put(String key, byte[] data) {
        ObjectKeys.requireValidKey(key);
        call(
                "put",
                key,
                () -> client.putObject(PutObjectArgs.builder()
                        .bucket(settings.bucketFor(key))
                        .object(key)
                        .data(data, data.length)
                        .contentType("application/octet-stream")
                        .build()));
    }

    @Override
    public byte[] get(String key) {
        ObjectKeys.requireValidKey(key);
        return call(
                "get",
                key,
                () -> read(GetObjectArgs.builder()
                        .bucket(settings.bucketFor(key))
                        .object(key)
                        .build()));
    }

    @Override
    public byte[] getRange(String key, long offset, int length) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset or length");
        }
        ObjectKeys.requireValidKey(key);
        if (length == 0) {
            if (!exists(key)) {
                throw new ObjectNotFoundException(key);
            }
            return new byte[0];
        }
        try {
            return call(
                    "get",
                    key,
                    () -> read(GetObjectArgs.builder()
                            .bucket(settings.bucketFor(key))
                            .object(key)
                            .offset(offset)
                            .length((long) length)
                            .build()));
        } catch (RangeNotSatisfiable e) {
            // The offset is at or past the end of an existing object.
            return new byte[0];
        }
    }

    private byte[] read(GetObjectArgs args) throws MinioException, IOException {
        try (GetObjectResponse response = client.getObject(args)) {
            return response.readAllBytes();
        }
    }

    @Override
    public boolean exists(String key) {
        ObjectKeys.requireValidKey(key);
        try {
            call(
                    "stat",
                    key,
                    () -> client.statObject(StatObjectArgs.builder()
                            .bucket(settings.bucketFor(key))
                            .object(key)
                            .build()));
            return true;
        } catch (ObjectNotFoundException e) {
            return false;
        }
    }

    @Override
    public List<String> list(String prefix) {
        ObjectKeys.requireValidPrefix(prefix);
        List<String> keys = new ArrayList<>();
        for (String bucket : settings.buckets()) {
            keys.addAll(call("list", prefix, () -> {
                List<String> found = new ArrayList<>();
                ListObjectsArgs.Builder args =
                        ListObjectsArgs.builder().bucket(bucket).recursive(true);
                if (!prefix.isEmpty()) {
                    args.prefix(prefix);
                }
                for (Result<Item> result : client.listObjects(args.build())) {
                    Item item = result.get();
                    if (!item.isDir()) {
                        found.add(item.objectName());
                    }
                }
                return found;
            }));
        }
        keys.sort(null);
        return List.copyOf(keys);
    }

    @Override
    public void delete(String key) {
        ObjectKeys.requireValidKey(key);
        try {
            call("delete", key, () -> {
                client.removeObject(RemoveObjectArgs.builder()
                        .bucket(settings.bucketFor(key))
                        .object(key)
                        .build());
                return null;
            });
        } catch (ObjectNotFoundException e) {
            // Deleting a missing object is not an error.
        }
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Override
    public String toString() {
        return "s3:" + settings.endpoint() + "/" + String.join(",", settings.buckets());
    }

    /** One S3 request. */
    @FunctionalInterface
    private interface Request<T> {
        @Nullable
        T run() throws MinioException, IOException;
    }

    /** Signals HTTP 416 for a range starting at or past the end of the object. */
    private static final class RangeNotSatisfiable extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    /**
     * Runs {@code request}, retrying transient failures with backoff.
     *
     * @param operation names the request in errors: {@code get}, {@code put}, ...
     * @param target the key (or prefix, bucket) the request is about
     */
    private <T> T call(String operation, String target, Request<T> request) {
        for (int attempt = 1; ; attempt++) {
            Exception failure;
            try {
                return request.run();
            } catch (MinioException | IOException e) {
                failure = e;
            } catch (IllegalStateException e) {
                // The SDK wraps I/O failures (connection refused, reset) in an IllegalStateException.
                if (e.getCause() instanceof IOException || e.getCause() instanceof MinioException) {
                    failure = (Exception) e.getCause();
                } else {
                    throw e;
                }
            }
            String code = errorCode(failure);
            if (code != null && NOT_FOUND.contains(code)) {
                throw new ObjectNotFoundException(target);
            }
            if ("InvalidRange".equals(code)) {
                throw new RangeNotSatisfiable();
            }
            String what = operation + " " + target;
            if (!isTransient(failure, code) || attempt >= retry.maxAttempts()) {
                throw new ObjectStoreException(
                        what + " failed" + (attempt > 1 ? " after " + attempt + " attempts" : "") + ": " + failure,
                        failure);
            }
            Duration backoff = retry.backoff(attempt);
            log.debug("{} failed (attempt {}), retrying in {}: {}", what, attempt, backoff, failure.toString());
            sleep(backoff, what, failure);
        }
    }

    private static @Nullable String errorCode(Exception e) {
        Throwable t = e;
        while (t != null) {
            if (t instanceof ErrorResponseException error && error.errorResponse() != null) {
                return error.errorResponse().code();
            }
            t = t.getCause();
        }
        return null;
    }

    private static boolean isTransient(Exception e, @Nullable String code) {
        if (code != null) {
            return TRANSIENT.contains(code);
        }
        Throwable t = e;
        while (t != null) {
            if (t instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
                return false;
            }
            if (t instanceof ServerException server) {
                return server.statusCode() >= 500 || server.statusCode() == 429;
            }
            if (t instanceof IOException) {
                return true;
            }
            t = t.getCause();
        }
        return false;
    }

    private static void sleep(Duration backoff, String what, Exception cause) {
        try {
            Thread.sleep(backoff);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new ObjectStoreException(what + " interrupted while retrying", cause);
        }
    }
}
