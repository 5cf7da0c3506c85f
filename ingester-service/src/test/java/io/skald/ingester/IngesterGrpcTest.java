package io.skald.ingester;

import static io.skald.ingester.IngesterProcess.entry;
import static io.skald.ingester.IngesterProcess.push;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.skald.logql.shard.StreamShard;
import io.skald.proto.ingester.Direction;
import io.skald.proto.ingester.LabelMatcher;
import io.skald.proto.ingester.LabelRequest;
import io.skald.proto.ingester.MatcherGroup;
import io.skald.proto.ingester.QueryOrder;
import io.skald.proto.ingester.QueryRequest;
import io.skald.proto.ingester.QueryResponse;
import io.skald.proto.ingester.SeriesRequest;
import io.skald.proto.ingester.TailRequest;
import io.skald.proto.ingester.TailResponse;
import io.skald.proto.logproto.EntryAdapter;
import io.skald.proto.logproto.LabelPairAdapter;
import io.skald.proto.logproto.StreamAdapter;
import io.skald.store.IndexProtos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Push and read back over real gRPC against a running ingester. */
class IngesterGrpcTest {
    private static final long BASE = 1_760_000_000_000_000_000L;
    private static final long SECOND = 1_000_000_000L;

    @TempDir
    static Path dataDir;

    private static IngesterProcess ingester;

    @BeforeAll
    static void start() throws Exception {
        Path runtime = dataDir.resolve("runtime.yaml");
        Files.writeString(runtime, "overrides:\n  limited:\n    max_streams_per_user: 2\n");
        ingester = IngesterProcess.start(dataDir, "runtime_config:\n  file: " + runtime + "\n", Map.of());
    }

    @AfterAll
    static void stop() {
        ingester.close();
    }

    @Test
    void pushedEntriesComeBackForwardAndBackwardWithinTheHalfOpenRange() {
        ingester.pusher("t1")
                .push(push(
                        "{app=\"order\", env=\"prod\"}",
                        entry(BASE + 3 * SECOND, "three"),
                        entry(BASE + SECOND, "one"),
                        entry(BASE + 2 * SECOND, "two"),
                        entry(BASE + 4 * SECOND, "four")));

        assertThat(lines(query("t1", eq("app", "order"), BASE, BASE + 4 * SECOND, Direction.FORWARD, 0)))
                .containsExactly("one", "two", "three");
        assertThat(lines(query("t1", eq("app", "order"), BASE, BASE + 10 * SECOND, Direction.BACKWARD, 0)))
                .containsExactly("four", "three", "two", "one");
        assertThat(lines(query("t1", eq("app", "order"), BASE, BASE + 10 * SECOND, Direction.BACKWARD, 2)))
                .containsExactly("four", "three");
        List<StreamAdapter> streams = query("t1", eq("app", "order"), BASE, BASE + 10 * SECOND, Direction.FORWARD, 0);
        assertThat(streams).extracting(StreamAdapter::getLabels).containsOnly("{app=\"order\", env=\"prod\"}");
        // Another tenant sees nothing of it.
        assertThat(query("t2", eq("app", "order"), BASE, BASE + 10 * SECOND, Direction.FORWARD, 0))
                .isEmpty();
    }

    @Test
    void equalTimestampsKeepPushOrderAndExactDuplicatesAreDropped() {
        long t = BASE + 100 * SECOND;
        ingester.pusher("t1").push(push("{app=\"same-ts\"}", entry(t, "zulu"), entry(t, "alpha"), entry(t, "mike")));
        ingester.pusher("t1")
                .push(push(
                        "{app=\"same-ts\"}",
                        entry(t, "alpha"), // exact duplicate: dropped
                        entry(t, "bravo"),
                        entry(t + 1, "after")));

        assertThat(lines(query("t1", eq("app", "same-ts"), t, t + SECOND, Direction.FORWARD, 0)))
                .containsExactly("zulu", "alpha", "mike", "bravo", "after");
        assertThat(lines(query("t1", eq("app", "same-ts"), t, t + SECOND, Direction.BACKWARD, 0)))
                .containsExactly("after", "bravo", "mike", "alpha", "zulu");
    }

    @Test
    void entriesTooFarBehindAreRejectedWithLokisMessageAndTheRestIsStored() {
        long newest = BASE + 10_000 * SECOND;
        ingester.pusher("t1").push(push("{app=\"ooo\"}", entry(newest, "newest")));
        long withinWindow = newest - 30 * 60 * SECOND; // max_chunk_age 2h: one hour back is accepted
        long tooOld = newest - 2 * 60 * 60 * SECOND;

        assertThatThrownBy(() -> ingester.pusher("t1")
                        .push(push("{app=\"ooo\"}", entry(withinWindow, "late but fine"), entry(tooOld, "too old"))))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription())
                            .isEqualTo("entry with timestamp " + TooFarBehind.goTime(tooOld)
                                    + " ignored, reason: 'entry too far behind, entry timestamp is: "
                                    + TooFarBehind.rfc3339(tooOld) + ", oldest acceptable timestamp is: "
                                    + TooFarBehind.rfc3339(newest - 60 * 60 * SECOND) + "',\n"
                                    + "user 't1', total ignored: 1 out of 2 for stream: {app=\"ooo\"}");
                });
        assertThat(lines(query("t1", eq("app", "ooo"), 0, Long.MAX_VALUE, Direction.FORWARD, 0)))
                .containsExactly("late but fine", "newest");
    }

    @Test
    void theLimitAppliesAcrossStreamsInTheQueryDirection() {
        long t = BASE + 20_000 * SECOND;
        ingester.pusher("t3")
                .push(push("{app=\"lim\", pod=\"a\"}", entry(t + 1, "a1"), entry(t + 3, "a3"), entry(t + 5, "a5")));
        ingester.pusher("t3").push(push("{app=\"lim\", pod=\"b\"}", entry(t + 2, "b2"), entry(t + 4, "b4")));

        List<StreamAdapter> forward = query("t3", eq("app", "lim"), t, t + 10, Direction.FORWARD, 3);
        assertThat(lines(forward)).containsExactlyInAnyOrder("a1", "b2", "a3");
        List<StreamAdapter> backward = query("t3", eq("app", "lim"), t, t + 10, Direction.BACKWARD, 2);
        assertThat(lines(backward)).containsExactlyInAnyOrder("a5", "b4");
        List<StreamAdapter> regex = query(
                "t3",
                List.of(matcher("app", LabelMatcher.Type.EQ, "lim"), matcher("pod", LabelMatcher.Type.RE, "b|c")),
                t,
                t + 10,
                Direction.FORWARD,
                0);
        assertThat(lines(regex)).containsExactly("b2", "b4");
    }

    @Test
    void thePipelineLeavesOutTheEntriesItDropsAndSentLinesStayAsPushed() {
        long t = BASE + 40_000 * SECOND;
        ingester.pusher("t4")
                .push(push(
                        "{app=\"pipe\"}",
                        entry(t + 1, "{\"level\":\"error\",\"msg\":\"disk full\"}"),
                        entry(t + 2, "{\"level\":\"info\",\"msg\":\"ok\"}"),
                        entry(t + 3, "not json at all, error"),
                        entry(t + 4, "{\"level\":\"error\",\"msg\":\"needle here\"}")));

        assertThat(lines(
                        query("t4", eq("app", "pipe"), t, t + 10, "| json | level=\"error\"", QueryOrder.BY_STREAM, 0)))
                .containsExactly(
                        "{\"level\":\"error\",\"msg\":\"disk full\"}", "{\"level\":\"error\",\"msg\":\"needle here\"}");
        assertThat(lines(query(
                        "t4", eq("app", "pipe"), t, t + 10, "|= \"error\" != \"needle\"", QueryOrder.BY_STREAM, 0)))
                .containsExactly("{\"level\":\"error\",\"msg\":\"disk full\"}", "not json at all, error");
        // The limit counts entries that pass: the first two errors backward.
        assertThat(lines(query(
                        "t4",
                        eq("app", "pipe"),
                        t,
                        t + 10,
                        Direction.BACKWARD,
                        "|~ \"(?i)ERROR\"",
                        QueryOrder.BY_TIME,
                        2,
                        null)))
                .containsExactly("{\"level\":\"error\",\"msg\":\"needle here\"}", "not json at all, error");
        assertThatThrownBy(() -> query("t4", eq("app", "pipe"), t, t + 10, "| json |", QueryOrder.BY_STREAM, 0))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    @Test
    void streamsAreListedFirstInLabelOrderThenSentInTheOrderAsked() {
        long t = BASE + 50_000 * SECOND;
        // Pushed in reverse label order, entries interleaved in time.
        for (String pod : List.of("c", "b", "a")) {
            int offset = pod.charAt(0) - 'a';
            ingester.pusher("t5")
                    .push(push(
                            "{app=\"ord\", pod=\"" + pod + "\"}",
                            entry(t + offset, pod + "0"),
                            entry(t + 3 + offset, pod + "1"),
                            entry(t + 6 + offset, pod + "2")));
        }
        List<String> labelsInOrder =
                List.of("{app=\"ord\", pod=\"a\"}", "{app=\"ord\", pod=\"b\"}", "{app=\"ord\", pod=\"c\"}");

        List<QueryResponse> byStream =
                responses("t5", eq("app", "ord"), t, t + 10, Direction.FORWARD, "", QueryOrder.BY_STREAM, 0, null);
        assertThat(byStream.getFirst().getListedStreamsList()).containsExactlyElementsOf(labelsInOrder);
        assertThat(byStream.getFirst().getStreamsListed()).isTrue();
        assertThat(byStream.getFirst().getStreamsList())
                .as("no entry before the listing ends")
                .isEmpty();
        assertThat(lines(streams(byStream))).containsExactly("a0", "a1", "a2", "b0", "b1", "b2", "c0", "c1", "c2");
        assertThat(byStream.getLast().getScannedLines())
                .as("the last message counts what was read")
                .isEqualTo(9);
        List<QueryResponse> filtered = responses(
                "t5", eq("app", "ord"), t, t + 10, Direction.FORWARD, "|= \"1\"", QueryOrder.BY_STREAM, 0, null);
        assertThat(lines(streams(filtered))).containsExactly("a1", "b1", "c1");
        assertThat(filtered.getLast().getScannedLines()).isEqualTo(9);
        assertThat(filtered.getLast().getScannedBytes()).isEqualTo(18);

        List<QueryResponse> byTime =
                responses("t5", eq("app", "ord"), t, t + 10, Direction.BACKWARD, "", QueryOrder.BY_TIME, 0, null);
        assertThat(byTime.getFirst().getListedStreamsList()).containsExactlyElementsOf(labelsInOrder);
        List<String> backward = new ArrayList<>();
        for (StreamAdapter stream : streams(byTime)) {
            stream.getEntriesList().forEach(e -> backward.add(e.getLine()));
        }
        // Per stream in time order; across streams every entry is there.
        assertThat(backward).containsExactlyInAnyOrder("a0", "a1", "a2", "b0", "b1", "b2", "c0", "c1", "c2");
        assertThat(backward.stream().filter(l -> l.startsWith("b")).toList()).containsExactly("b2", "b1", "b0");
    }

    @Test
    void aShardGetsOnlyItsStreams() {
        long t = BASE + 60_000 * SECOND;
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String labels = "{app=\"shard\", pod=\"p" + i + "\"}";
            all.add(labels);
            ingester.pusher("t6").push(push(labels, entry(t + i, "line " + i)));
        }
        List<String> seen = new ArrayList<>();
        for (int index = 0; index < 4; index++) {
            StreamShard shard = new StreamShard(index, 4);
            List<QueryResponse> answer = responses(
                    "t6", eq("app", "shard"), t, t + 100, Direction.FORWARD, "", QueryOrder.BY_STREAM, 0, shard);
            List<String> listed = answer.getFirst().getListedStreamsList();
            assertThat(listed)
                    .allSatisfy(labels -> assertThat(shard.contains(IndexProtos.parseLabels(labels)))
                            .isTrue());
            assertThat(streams(answer)).extracting(StreamAdapter::getLabels).isSubsetOf(listed);
            seen.addAll(listed);
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    void anAnswerOfManyMessagesFlowsAsFastAsTheReaderTakesIt() {
        long t = BASE + 70_000 * SECOND;
        int lines = 60_000;
        for (int from = 0; from < lines; from += 5_000) {
            EntryAdapter[] batch = new EntryAdapter[5_000];
            for (int i = 0; i < batch.length; i++) {
                batch[i] = entry(t + from + i, "line " + (from + i) + " " + "x".repeat(90));
            }
            ingester.pusher("t7").push(push("{app=\"big\"}", batch));
        }
        // 60 messages, each over the transport's ready threshold. The responder waits for the transport after each
        // one; a wake-up that never came (handlers queued behind a blocked call executor) would cost seconds per
        // message and miss this deadline.
        List<String> seen = new ArrayList<>();
        ingester.querier("t7")
                .withDeadlineAfter(20, TimeUnit.SECONDS)
                .query(QueryRequest.newBuilder()
                        .addMatchers(eq("app", "big"))
                        .setStartNanos(t)
                        .setEndNanos(t + lines)
                        .build())
                .forEachRemaining(r -> r.getStreamsList()
                        .forEach(stream -> stream.getEntriesList().forEach(e -> seen.add(e.getLine()))));
        assertThat(seen).hasSize(lines);
        assertThat(seen.getLast()).startsWith("line " + (lines - 1) + " ");
    }

    @Test
    void structuredMetadataIsStoredAndReturned() {
        long t = BASE + 30_000 * SECOND;
        EntryAdapter withMetadata = entry(t, "traced").toBuilder()
                .addStructuredMetadata(
                        LabelPairAdapter.newBuilder().setName("trace_id").setValue("abc"))
                .build();
        ingester.pusher("t1").push(push("{app=\"meta\"}", withMetadata));

        List<StreamAdapter> streams = query("t1", eq("app", "meta"), t, t + 1, Direction.FORWARD, 0);
        assertThat(streams.getFirst().getEntries(0).getStructuredMetadataList())
                .containsExactly(LabelPairAdapter.newBuilder()
                        .setName("trace_id")
                        .setValue("abc")
                        .build());
    }

    @Test
    void labelNamesValuesAndSeries() {
        long t = BASE + 40_000 * SECOND;
        ingester.pusher("labels").push(push("{app=\"x\", env=\"dev\"}", entry(t, "1")));
        ingester.pusher("labels").push(push("{app=\"y\", team=\"core\"}", entry(t, "2")));

        assertThat(ingester.querier("labels")
                        .labelNames(LabelRequest.getDefaultInstance())
                        .getValuesList())
                .containsExactly("app", "env", "team");
        assertThat(ingester.querier("labels")
                        .labelValues(LabelRequest.newBuilder().setName("app").build())
                        .getValuesList())
                .containsExactly("x", "y");
        assertThat(ingester.querier("labels")
                        .labelValues(LabelRequest.newBuilder()
                                .setName("app")
                                .addMatchers(matcher("team", LabelMatcher.Type.EQ, "core"))
                                .build())
                        .getValuesList())
                .containsExactly("y");
        assertThat(ingester.querier("labels")
                        .series(SeriesRequest.newBuilder()
                                .addGroups(MatcherGroup.newBuilder()
                                        .addMatchers(matcher("env", LabelMatcher.Type.EQ, "dev")))
                                .addGroups(MatcherGroup.newBuilder()
                                        .addMatchers(matcher("app", LabelMatcher.Type.RE, "y")))
                                .build())
                        .getSeriesList())
                .containsExactly("{app=\"x\", env=\"dev\"}", "{app=\"y\", team=\"core\"}");
    }

    @Test
    void labelQueriesSeeStreamsAtTheGranularityOfAnIndexFile() {
        long day = 24 * 3600 * SECOND;
        long dayStart = Math.floorDiv(BASE, day) * day + 10 * day;
        // cron only has data in the first hour of the day, api in the second; the store's index file for the day
        // spans both, so a query of the second hour names both, as it will after a flush.
        ingester.pusher("granular").push(push("{app=\"cron\"}", entry(dayStart + 10 * SECOND, "c")));
        ingester.pusher("granular").push(push("{app=\"api\"}", entry(dayStart + 3700 * SECOND, "a")));
        LabelRequest secondHour = LabelRequest.newBuilder()
                .setName("app")
                .setStartNanos(dayStart + 3600 * SECOND)
                .setEndNanos(dayStart + 7200 * SECOND)
                .build();
        assertThat(ingester.querier("granular").labelValues(secondHour).getValuesList())
                .containsExactly("api", "cron");
        LabelRequest laterThatDay = secondHour.toBuilder()
                .setStartNanos(dayStart + 5 * 3600 * SECOND)
                .setEndNanos(dayStart + 6 * 3600 * SECOND)
                .build();
        assertThat(ingester.querier("granular").labelValues(laterThatDay).getValuesList())
                .isEmpty();
        LabelRequest nextDay = secondHour.toBuilder()
                .setStartNanos(dayStart + day)
                .setEndNanos(dayStart + day + 3600 * SECOND)
                .build();
        assertThat(ingester.querier("granular").labelNames(nextDay).getValuesList())
                .isEmpty();
        // Series stay exact: only streams with an entry in the range.
        assertThat(ingester.querier("granular")
                        .series(SeriesRequest.newBuilder()
                                .setStartNanos(dayStart + 3600 * SECOND)
                                .setEndNanos(dayStart + 7200 * SECOND)
                                .build())
                        .getSeriesList())
                .containsExactly("{app=\"api\"}");
    }

    @Test
    void tailReceivesEntriesOfMatchingStreamsAsTheyArePushed() throws Exception {
        BlockingQueue<TailResponse> received = new LinkedBlockingQueue<>();
        ingester.asyncQuerier("tail")
                .tail(
                        TailRequest.newBuilder()
                                .addMatchers(matcher("app", LabelMatcher.Type.EQ, "tailed"))
                                .build(),
                        new StreamObserver<>() {
                            @Override
                            public void onNext(TailResponse value) {
                                received.add(value);
                            }

                            @Override
                            public void onError(Throwable t) {}

                            @Override
                            public void onCompleted() {}
                        });
        TailRegistry tails = ingester.bean(TailRegistry.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (tails.size() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        long t = BASE + 50_000 * SECOND;
        ingester.pusher("tail").push(push("{app=\"other\"}", entry(t, "not me")));
        ingester.pusher("other-tenant").push(push("{app=\"tailed\"}", entry(t, "not me either")));
        ingester.pusher("tail").push(push("{app=\"tailed\"}", entry(t, "live"), entry(t + 1, "live 2")));

        TailResponse response = received.poll(5, TimeUnit.SECONDS);
        assertThat(response).isNotNull();
        assertThat(response.getStream().getLabels()).isEqualTo("{app=\"tailed\"}");
        assertThat(response.getStream().getEntriesList())
                .extracting(EntryAdapter::getLine)
                .containsExactly("live", "live 2");
        assertThat(received.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void newStreamsOverTheTenantsStreamLimitAreRefusedWithResourceExhausted() {
        long t = BASE + 60_000 * SECOND;
        ingester.pusher("limited").push(push("{app=\"s1\"}", entry(t, "1")));
        ingester.pusher("limited").push(push("{app=\"s2\"}", entry(t, "2")));

        assertThatThrownBy(() -> ingester.pusher("limited").push(push("{app=\"s3\"}", entry(t, "3"))))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                    assertThat(e.getStatus().getDescription())
                            .isEqualTo("Maximum active stream limit exceeded when trying to create stream"
                                    + " {app=\"s3\"}, reduce the number of active streams (reduce labels or reduce"
                                    + " label values), or contact your Loki administrator to see if the limit can be"
                                    + " increased, user: 'limited'");
                });
        // Existing streams still take entries; other tenants keep the default limit.
        ingester.pusher("limited").push(push("{app=\"s1\"}", entry(t + 1, "1b")));
        ingester.pusher("unlimited").push(push("{app=\"s3\"}", entry(t, "3")));
        assertThat(lines(query("limited", matcher("app", LabelMatcher.Type.RE, "s.*"), t, t + 2, Direction.FORWARD, 0)))
                .containsExactlyInAnyOrder("1", "2", "1b");
    }

    @Test
    void aPushWithoutTenantIsUnauthenticated() {
        assertThatThrownBy(() -> io.skald.proto.ingester.PusherGrpc.newBlockingStub(
                                io.grpc.ManagedChannelBuilder.forAddress("127.0.0.1", ingester.grpcPort())
                                        .usePlaintext()
                                        .build())
                        .push(push("{app=\"x\"}", entry(BASE, "x"))))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    }

    static List<StreamAdapter> query(
            String tenant, LabelMatcher matcher, long start, long end, Direction direction, int limit) {
        return query(tenant, List.of(matcher), start, end, direction, limit);
    }

    static List<StreamAdapter> query(
            String tenant, List<LabelMatcher> matchers, long start, long end, Direction direction, int limit) {
        return query(tenant, matchers, start, end, direction, limit, ingester);
    }

    static List<StreamAdapter> query(
            String tenant,
            LabelMatcher matcher,
            long start,
            long end,
            Direction direction,
            int limit,
            IngesterProcess target) {
        return query(tenant, List.of(matcher), start, end, direction, limit, target);
    }

    static List<StreamAdapter> query(
            String tenant,
            List<LabelMatcher> matchers,
            long start,
            long end,
            Direction direction,
            int limit,
            IngesterProcess target) {
        Iterator<QueryResponse> responses = target.querier(tenant)
                .query(QueryRequest.newBuilder()
                        .addAllMatchers(matchers)
                        .setStartNanos(start)
                        .setEndNanos(end)
                        .setDirection(direction)
                        .setLimit(limit)
                        .build());
        List<StreamAdapter> streams = new ArrayList<>();
        responses.forEachRemaining(r -> streams.addAll(r.getStreamsList()));
        return streams;
    }

    static List<StreamAdapter> query(
            String tenant, LabelMatcher matcher, long start, long end, String pipeline, QueryOrder order, int limit) {
        return streams(responses(tenant, matcher, start, end, Direction.FORWARD, pipeline, order, limit, null));
    }

    static List<StreamAdapter> query(
            String tenant,
            LabelMatcher matcher,
            long start,
            long end,
            Direction direction,
            String pipeline,
            QueryOrder order,
            int limit,
            StreamShard shard) {
        return streams(responses(tenant, matcher, start, end, direction, pipeline, order, limit, shard));
    }

    static List<QueryResponse> responses(
            String tenant,
            LabelMatcher matcher,
            long start,
            long end,
            Direction direction,
            String pipeline,
            QueryOrder order,
            int limit,
            StreamShard shard) {
        QueryRequest.Builder request = QueryRequest.newBuilder()
                .addMatchers(matcher)
                .setStartNanos(start)
                .setEndNanos(end)
                .setDirection(direction)
                .setPipeline(pipeline)
                .setOrder(order)
                .setLimit(limit);
        if (shard != null) {
            request.setShardIndex(shard.index()).setShardCount(shard.count());
        }
        List<QueryResponse> responses = new ArrayList<>();
        ingester.querier(tenant).query(request.build()).forEachRemaining(responses::add);
        return responses;
    }

    static List<StreamAdapter> streams(List<QueryResponse> responses) {
        List<StreamAdapter> streams = new ArrayList<>();
        responses.forEach(r -> streams.addAll(r.getStreamsList()));
        return streams;
    }

    static List<String> lines(List<StreamAdapter> streams) {
        return streams.stream()
                .flatMap(s -> s.getEntriesList().stream())
                .map(EntryAdapter::getLine)
                .toList();
    }

    static LabelMatcher eq(String name, String value) {
        return matcher(name, LabelMatcher.Type.EQ, value);
    }

    static LabelMatcher matcher(String name, LabelMatcher.Type type, String value) {
        return LabelMatcher.newBuilder()
                .setName(name)
                .setType(type)
                .setValue(value)
                .build();
    }
}
