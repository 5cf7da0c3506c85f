package io.skald.distributor;

import static io.skald.distributor.PushBodies.entry;
import static io.skald.distributor.PushBodies.json;
import static io.skald.distributor.PushBodies.nowNanos;
import static io.skald.distributor.PushBodies.protobuf;
import static io.skald.distributor.PushBodies.stream;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.skald.proto.logproto.StreamAdapter;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The distributor over real HTTP, replicating over real gRPC to three fake ingesters registered in its ingester ring
 * (replication factor 3), with per-tenant limits from a runtime overrides file.
 */
class DistributorPushTest {
    private static final String PROTOBUF = "application/x-protobuf";
    private static final String JSON = "application/json";
    private static final long HOUR_NANOS = 3_600_000_000_000L;

    @TempDir
    static Path dir;

    private static Path runtimeFile;
    private static final List<FakeIngester> ingesters = new java.util.ArrayList<>();
    private static RunningDistributor distributor;

    @BeforeAll
    static void start() throws IOException {
        runtimeFile = dir.resolve("runtime.yaml");
        writeOverrides("changing", "max_line_size: 10");
        String yaml = """
                auth_enabled: true
                server:
                  grpc_server_max_recv_msg_size: 65536
                ingester:
                  lifecycler:
                    ring:
                      replication_factor: 3
                limits_config:
                  discover_service_name: []
                  discover_log_levels: false
                runtime_config:
                  file: %s
                  period: 100ms
                """.formatted(runtimeFile);
        distributor = RunningDistributor.start(yaml);
        for (int i = 0; i < 3; i++) {
            FakeIngester ingester = new FakeIngester();
            ingesters.add(ingester);
            distributor.registerIngester("ingester-" + i, ingester.address());
        }
        distributor.awaitHealthyIngesters(3);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (distributor != null) {
            distributor.close();
        }
        for (FakeIngester ingester : ingesters) {
            ingester.close();
        }
    }

    @BeforeEach
    void resetIngesters() {
        ingesters.forEach(FakeIngester::reset);
    }

    /** The base overrides plus one tenant's extra keys. */
    private static void writeOverrides(String tenant, String limits) throws IOException {
        String yaml = """
                overrides:
                  validation:
                    max_label_names_per_series: 3
                    max_label_name_length: 10
                    max_label_value_length: 10
                    max_line_size: 50
                    reject_old_samples_max_age: 1h
                    creation_grace_period: 1m
                    allow_structured_metadata: false
                  limited:
                    ingestion_rate_mb: 0.0001
                    ingestion_burst_size_mb: 0.0001
                  per-stream:
                    per_stream_rate_limit: 100
                    per_stream_rate_limit_burst: 100
                  %s:
                    %s
                """.formatted(tenant, limits);
        Path temp = Files.createTempFile(dir, "runtime", ".yaml");
        Files.writeString(temp, yaml, StandardCharsets.UTF_8);
        Files.move(
                temp,
                runtimeFile,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** A push returns at quorum, so the last replica may still be receiving: wait for every fake to have the lines. */
    private static void awaitReplicas(List<FakeIngester> replicas, String tenant, int lines) {
        for (FakeIngester ingester : replicas) {
            RunningDistributor.await(
                    () -> ingester.lines(tenant).size() >= lines, lines + " lines at " + ingester.address());
        }
    }

    private static HttpResponse<String> push(@Nullable String tenant, byte[] body, String contentType) {
        return distributor.post("/loki/api/v1/push", tenant, body, "Content-Type", contentType);
    }

    @Test
    void protobufPushReachesEveryReplicaInOneBatchPerIngester() {
        byte[] body = protobuf(
                stream("{app=\"api\", env=\"prod\"}", entry("first"), entry("second")),
                stream("{app=\"web\"}", entry(nowNanos(), "with metadata", "trace_id", "abc")),
                stream("{app=\"db\"}", entry("third")));

        HttpResponse<String> response = push("team-a", body, PROTOBUF);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
        awaitReplicas(ingesters, "team-a", 4);
        for (FakeIngester ingester : ingesters) {
            assertThat(ingester.received("team-a")).hasSize(1);
            FakeIngester.Received received = ingester.received("team-a").getFirst();
            assertThat(received.tenant()).isEqualTo("team-a");
            assertThat(received.request().getStreamsList())
                    .extracting(StreamAdapter::getLabels)
                    .containsExactlyInAnyOrder("{app=\"api\", env=\"prod\"}", "{app=\"web\"}", "{app=\"db\"}");
            assertThat(ingester.lines("team-a")).containsExactlyInAnyOrder("first", "second", "with metadata", "third");
            StreamAdapter web = received.request().getStreamsList().stream()
                    .filter(s -> s.getLabels().equals("{app=\"web\"}"))
                    .findFirst()
                    .orElseThrow();
            assertThat(web.getEntries(0).getStructuredMetadata(0).getName()).isEqualTo("trace_id");
            assertThat(web.getEntries(0).getStructuredMetadata(0).getValue()).isEqualTo("abc");
            assertThat(web.getHash()).isNotZero();
        }
    }

    @Test
    void jsonGzipJsonLegacyPathAndOtlpAreAccepted() {
        assertThat(push("team-b", json("{\"app\":\"json\"}", "plain json"), JSON)
                        .statusCode())
                .isEqualTo(204);
        HttpResponse<String> gzip = distributor.post(
                "/loki/api/v1/push",
                "team-b",
                PushBodies.gzip(json("{\"app\":\"gzip\"}", "gzipped json")),
                "Content-Type",
                JSON,
                "Content-Encoding",
                "gzip");
        assertThat(gzip.statusCode()).as(gzip.body()).isEqualTo(204);
        HttpResponse<String> legacy = distributor.post(
                "/api/prom/push", "team-b", json("{\"app\":\"legacy\"}", "legacy path"), "Content-Type", JSON);
        assertThat(legacy.statusCode()).as(legacy.body()).isEqualTo(204);
        String otlp = """
                {"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"checkout"}}]},
                 "scopeLogs":[{"logRecords":[{"timeUnixNano":"%d","body":{"stringValue":"otlp line"}}]}]}]}
                """.formatted(nowNanos());
        HttpResponse<String> otlpResponse = distributor.post(
                "/otlp/v1/logs", "team-b", otlp.getBytes(StandardCharsets.UTF_8), "Content-Type", JSON);
        assertThat(otlpResponse.statusCode()).as(otlpResponse.body()).isEqualTo(204);

        awaitReplicas(ingesters, "team-b", 4);
        for (FakeIngester ingester : ingesters) {
            assertThat(ingester.lines("team-b"))
                    .containsExactlyInAnyOrder("plain json", "gzipped json", "legacy path", "otlp line");
        }
        assertThat(ingesters.getFirst().received("team-b").stream()
                        .flatMap(r -> r.request().getStreamsList().stream())
                        .map(StreamAdapter::getLabels))
                .contains("{app=\"gzip\"}", "{service_name=\"checkout\"}");
    }

    @Test
    void oneFailingReplicaStillMakesAQuorum() {
        ingesters.getFirst().failWith(Status.UNAVAILABLE.withDescription("ingester is down"));
        double failuresBefore = distributor.metric("loki_distributor_ingester_append_failures_total{ingester=\""
                + ingesters.getFirst().address() + "\"}");

        HttpResponse<String> response = push("quorum", protobuf(stream("{app=\"q\"}", entry("survives"))), PROTOBUF);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
        awaitReplicas(ingesters.subList(1, 3), "quorum", 1);
        assertThat(ingesters.get(1).lines("quorum")).containsExactly("survives");
        assertThat(ingesters.get(2).lines("quorum")).containsExactly("survives");
        RunningDistributor.await(
                () -> distributor.metric("loki_distributor_ingester_append_failures_total{ingester=\""
                                + ingesters.getFirst().address() + "\"}")
                        == failuresBefore + 1,
                "the append failure counted");
    }

    @Test
    void twoFailingReplicasFailWithTheIngestersInvalidArgument() {
        String message = "entry with timestamp 2024-01-01 00:00:00 +0000 UTC ignored, reason: 'entry too far behind'";
        ingesters.get(0).failWith(Status.INVALID_ARGUMENT.withDescription(message));
        ingesters.get(1).failWith(Status.INVALID_ARGUMENT.withDescription(message));

        HttpResponse<String> response = push("no-quorum", protobuf(stream("{app=\"q\"}", entry("late"))), PROTOBUF);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(message + "\n");
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    }

    @Test
    void twoUnavailableReplicasFailWith500AndTheGrpcError() {
        ingesters.get(1).failWith(Status.UNAVAILABLE.withDescription("connection refused"));
        ingesters.get(2).failWith(Status.UNAVAILABLE.withDescription("connection refused"));

        HttpResponse<String> response = push("no-quorum", protobuf(stream("{app=\"q\"}", entry("lost"))), PROTOBUF);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("rpc error: code = Unavailable desc = connection refused\n");
    }

    static Stream<Arguments> invalidStreams() {
        long now = nowNanos();
        return Stream.of(
                Arguments.of(
                        "missing labels",
                        stream("{}", entry("x")),
                        "error at least one label pair is required per stream",
                        "missing_labels"),
                Arguments.of(
                        "unparsable labels",
                        stream("{app=}", entry("x")),
                        "Error parsing labels '{app=}' with error: ",
                        "invalid_labels"),
                Arguments.of(
                        "too many label names",
                        stream("{a=\"1\", b=\"2\", c=\"3\", d=\"4\"}", entry("x")),
                        "entry for stream '{a=\"1\", b=\"2\", c=\"3\", d=\"4\"}' has 4 label names; limit 3",
                        "max_label_names_per_series"),
                Arguments.of(
                        "label name too long",
                        stream("{abcdefghijk=\"1\"}", entry("x")),
                        "stream '{abcdefghijk=\"1\"}' has label name too long: 'abcdefghijk'",
                        "label_name_too_long"),
                Arguments.of(
                        "label value too long",
                        stream("{app=\"abcdefghijk\"}", entry("x")),
                        "stream '{app=\"abcdefghijk\"}' has label value too long: 'abcdefghijk'",
                        "label_value_too_long"),
                Arguments.of(
                        "duplicate label name",
                        stream("{app=\"1\", app=\"2\"}", entry("x")),
                        "stream '{app=\"1\", app=\"2\"}' has duplicate label name: 'app'",
                        "duplicate_label_names"),
                Arguments.of(
                        "timestamp too old",
                        stream("{app=\"old\"}", entry(now - 2 * HOUR_NANOS, "x")),
                        "entry for stream '{app=\"old\"}' has timestamp too old: ",
                        "greater_than_max_sample_age"),
                Arguments.of(
                        "timestamp too new",
                        stream("{app=\"new\"}", entry(now + HOUR_NANOS, "x")),
                        "entry for stream '{app=\"new\"}' has timestamp too new: ",
                        "too_far_in_future"),
                Arguments.of(
                        "line too long",
                        stream("{app=\"long\"}", entry("x".repeat(51))),
                        "Max entry size '50' bytes exceeded for stream '{app=\"long\"}' while adding an entry with"
                                + " length '51' bytes",
                        "line_too_long"),
                Arguments.of(
                        "structured metadata disallowed",
                        stream("{app=\"meta\"}", entry(now, "x", "trace_id", "1")),
                        "stream '{app=\"meta\"}' includes structured metadata, but this feature is disallowed.",
                        "disallowed_structured_metadata"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidStreams")
    void invalidDataIsRejectedWith400WhileValidDataIsWritten(
            String name, StreamAdapter invalid, String messageStart, String reason) {
        String tenant = "validation";
        String discarded = "loki_discarded_samples_total{reason=\"" + reason + "\",tenant=\"" + tenant + "\"}";
        double before = distributor.metric(discarded);

        HttpResponse<String> response =
                push(tenant, protobuf(invalid, stream("{app=\"valid\"}", entry("kept: " + name))), PROTOBUF);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).startsWith(messageStart);
        awaitReplicas(ingesters, tenant, 1);
        for (FakeIngester ingester : ingesters) {
            assertThat(ingester.lines(tenant)).containsExactly("kept: " + name);
        }
        assertThat(distributor.metric(discarded)).isEqualTo(before + 1);
    }

    @Test
    void aPushWithNothingValidIsRejectedWithoutReachingIngesters() {
        HttpResponse<String> response =
                push("validation", protobuf(stream("{}", entry("x")), stream("{}", entry("y"))), PROTOBUF);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("2 errors like: error at least one label pair is required per stream\n");
        ingesters.forEach(i -> assertThat(i.received("malformed")).isEmpty());
    }

    @Test
    void ingestionRateLimitRejectsTheWholePushWith429() {
        String line = "y".repeat(200);
        double before = distributor.metric("loki_discarded_samples_total{reason=\"rate_limited\",tenant=\"limited\"}");

        HttpResponse<String> response = push("limited", protobuf(stream("{app=\"r\"}", entry(line))), PROTOBUF);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.body())
                .isEqualTo("Ingestion rate limit exceeded for user limited (limit: 104 bytes/sec) while attempting to"
                        + " ingest '1' lines totaling '200' bytes, reduce log volume or contact your Loki administrator"
                        + " to see if the limit can be increased\n");
        ingesters.forEach(i -> assertThat(i.received("limited")).isEmpty());
        assertThat(distributor.metric("loki_discarded_samples_total{reason=\"rate_limited\",tenant=\"limited\"}"))
                .isEqualTo(before + 1);
        assertThat(distributor.metric("loki_discarded_bytes_total{reason=\"rate_limited\",tenant=\"limited\"}"))
                .isGreaterThanOrEqualTo(200);
    }

    @Test
    void perStreamRateLimitRejectsTheStreamWith429AndWritesTheOthers() {
        HttpResponse<String> response = push(
                "per-stream",
                protobuf(stream("{app=\"big\"}", entry("z".repeat(150))), stream("{app=\"small\"}", entry("fits"))),
                PROTOBUF);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.body())
                .isEqualTo("Per stream rate limit exceeded (limit: 100 B/sec) while attempting to ingest for stream"
                        + " '{app=\"big\"}' totaling 150 B, consider splitting a stream via additional labels or"
                        + " contact your Loki administrator to see if the limit can be increased\n");
        awaitReplicas(ingesters, "per-stream", 1);
        for (FakeIngester ingester : ingesters) {
            assertThat(ingester.lines("per-stream")).containsExactly("fits");
        }
        assertThat(distributor.metric(
                        "loki_discarded_samples_total{reason=\"per_stream_rate_limit\",tenant=\"per-stream\"}"))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void aRuntimeOverrideChangeAppliesWithoutRestart() throws IOException {
        byte[] body = protobuf(stream("{app=\"o\"}", entry("twenty bytes of text")));
        HttpResponse<String> before = push("changing", body, PROTOBUF);
        assertThat(before.statusCode()).isEqualTo(400);
        assertThat(before.body()).startsWith("Max entry size '10' bytes exceeded");

        writeOverrides("changing", "max_line_size: 1000");

        RunningDistributor.await(() -> push("changing", body, PROTOBUF).statusCode() == 204, "the new limit");
        writeOverrides("changing", "max_line_size: 10");
    }

    @Test
    void receivedLinesAndBytesAreCountedPerTenant() {
        push("counted", protobuf(stream("{app=\"c\"}", entry("12345"), entry(nowNanos(), "678", "k", "vv"))), PROTOBUF);

        assertThat(distributor.metric("loki_distributor_lines_received_total{tenant=\"counted\"}"))
                .isEqualTo(2);
        assertThat(distributor.metric("loki_distributor_bytes_received_total{tenant=\"counted\"}"))
                .isEqualTo(5 + 3 + 3);
        assertThat(distributor.metric("loki_distributor_structured_metadata_bytes_received_total{tenant=\"counted\"}"))
                .isEqualTo(3);
        assertThat(distributor.metric("loki_distributor_ingester_appends_total{ingester=\""
                        + ingesters.get(1).address() + "\"}"))
                .isGreaterThanOrEqualTo(1);
    }

    static Stream<Arguments> malformedBodies() {
        return Stream.of(
                Arguments.of("not snappy", "not snappy at all".getBytes(StandardCharsets.UTF_8), PROTOBUF, "", 400),
                Arguments.of("broken JSON", "{\"streams\":[{".getBytes(StandardCharsets.UTF_8), JSON, "", 400),
                Arguments.of("not gzip", json("{\"a\":\"b\"}", "x"), JSON, "gzip", 400),
                Arguments.of("unknown encoding", json("{\"a\":\"b\"}", "x"), JSON, "br", 400),
                Arguments.of("too large", new byte[70_000], PROTOBUF, "", 413),
                Arguments.of(
                        "too large once decompressed",
                        PushBodies.gzip(json("{\"a\":\"b\"}", "x".repeat(70_000))),
                        JSON,
                        "gzip",
                        413));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedBodies")
    void malformedOrOversizedBodiesAreClientErrorsInPlainText(
            String name, byte[] body, String contentType, String encoding, int status) {
        HttpResponse<String> response = encoding.isEmpty()
                ? push("malformed", body, contentType)
                : distributor.post(
                        "/loki/api/v1/push",
                        "malformed",
                        body,
                        "Content-Type",
                        contentType,
                        "Content-Encoding",
                        encoding);

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.body()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
        if (status == 413) {
            assertThat(response.body()).startsWith("request body too large");
        }
        ingesters.forEach(i -> assertThat(i.received("malformed")).isEmpty());
    }

    @Test
    void aPushWithoutTenantIsUnauthorized() {
        HttpResponse<String> response = push(null, protobuf(stream("{app=\"x\"}", entry("x"))), PROTOBUF);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("no org id\n");
    }

    @Test
    void theDistributorIsReadyAndListedInItsRing() {
        assertThat(distributor.get("/ready").statusCode()).isEqualTo(200);
        String ring = distributor
                .get("/distributor/ring", "Accept", "application/json")
                .body();
        assertThat(ring)
                .contains(distributor.bean(DistributorRingMember.class).instanceId())
                .contains("ACTIVE");
        assertThat(distributor.bean(DistributorRingMember.class).healthyDistributors())
                .isEqualTo(1);
    }
}
