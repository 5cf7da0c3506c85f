package io.skald.ingester.grpc;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.skald.chunk.Direction;
import io.skald.chunk.LogEntry;
import io.skald.ingester.Ingester;
import io.skald.ingester.StreamMatchers;
import io.skald.ingester.TailRegistry;
import io.skald.logql.engine.PushedFilter;
import io.skald.logql.shard.StreamShard;
import io.skald.logql.syntax.LogqlParseException;
import io.skald.proto.ingester.IngesterQuerierGrpc;
import io.skald.proto.ingester.LabelRequest;
import io.skald.proto.ingester.LabelResponse;
import io.skald.proto.ingester.MatcherGroup;
import io.skald.proto.ingester.QueryOrder;
import io.skald.proto.ingester.QueryRequest;
import io.skald.proto.ingester.QueryResponse;
import io.skald.proto.ingester.SeriesRequest;
import io.skald.proto.ingester.SeriesResponse;
import io.skald.proto.ingester.StreamStat;
import io.skald.proto.ingester.StreamStatsRequest;
import io.skald.proto.ingester.StreamStatsResponse;
import io.skald.proto.ingester.TailRequest;
import io.skald.proto.ingester.TailResponse;
import io.skald.proto.logproto.StreamAdapter;
import io.skald.tenant.TenantServerInterceptor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code IngesterQuerier}: raw entries, label names and values, series, per-stream stats and live tails over the
 * ingester's memory.
 */
public final class IngesterQuerierService extends IngesterQuerierGrpc.IngesterQuerierImplBase {
    private static final Logger log = LoggerFactory.getLogger(IngesterQuerierService.class);

    private final Ingester ingester;
    private final TailRegistry tails;
    private final ExecutorService answering = Executors.newVirtualThreadPerTaskExecutor();

    public IngesterQuerierService(Ingester ingester, TailRegistry tails) {
        this.ingester = ingester;
        this.tails = tails;
    }

    @Override
    public void query(QueryRequest request, StreamObserver<QueryResponse> responses) {
        StreamMatchers matchers;
        PushedFilter filter;
        StreamShard shard = null;
        try {
            matchers = StreamMatchers.compile(request.getMatchersList());
            filter = PushedFilter.parse(request.getPipeline());
            if (request.getShardCount() > 0) {
                shard = new StreamShard(request.getShardIndex(), request.getShardCount());
            }
        } catch (IllegalArgumentException | LogqlParseException e) {
            responses.onError(
                    Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        Direction direction = request.getDirection() == io.skald.proto.ingester.Direction.BACKWARD
                ? Direction.BACKWARD
                : Direction.FORWARD;
        List<Ingester.QueryStream> streams = ingester.select(
                TenantServerInterceptor.tenant(),
                matchers,
                shard,
                request.getStartNanos(),
                request.getEndNanos(),
                direction,
                filter.content());
        ServerCallStreamObserver<QueryResponse> call = (ServerCallStreamObserver<QueryResponse>) responses;
        QueryResponder responder = new QueryResponder(call);
        boolean byTime = request.getOrder() == QueryOrder.BY_TIME;
        int limit = (int) Math.min(Integer.MAX_VALUE, request.getLimit() & 0xFFFFFFFFL);
        // Answered on a thread of its own: the call's ready and cancel handlers run on the executor this method runs
        // on, so they could not wake the responder while this method waits for the transport.
        answering.execute(() -> {
            try {
                responder.answer(streams, filter, direction, byTime, limit);
            } catch (RuntimeException e) {
                log.warn("query answer failed", e);
                if (!call.isCancelled()) {
                    call.onError(Status.INTERNAL
                            .withDescription(String.valueOf(e.getMessage()))
                            .asRuntimeException());
                }
            }
        });
    }

    @Override
    public void labelNames(LabelRequest request, StreamObserver<LabelResponse> responses) {
        label(request, responses, true);
    }

    @Override
    public void labelValues(LabelRequest request, StreamObserver<LabelResponse> responses) {
        label(request, responses, false);
    }

    private void label(LabelRequest request, StreamObserver<LabelResponse> responses, boolean names) {
        StreamMatchers matchers;
        try {
            matchers = StreamMatchers.compile(request.getMatchersList());
        } catch (IllegalArgumentException e) {
            responses.onError(
                    Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        String tenant = TenantServerInterceptor.tenant();
        List<String> values = names
                ? ingester.labelNames(tenant, matchers, request.getStartNanos(), request.getEndNanos())
                : ingester.labelValues(
                        tenant, request.getName(), matchers, request.getStartNanos(), request.getEndNanos());
        responses.onNext(LabelResponse.newBuilder().addAllValues(values).build());
        responses.onCompleted();
    }

    @Override
    public void series(SeriesRequest request, StreamObserver<SeriesResponse> responses) {
        List<StreamMatchers> groups = new ArrayList<>();
        try {
            for (MatcherGroup group : request.getGroupsList()) {
                groups.add(StreamMatchers.compile(group.getMatchersList()));
            }
        } catch (IllegalArgumentException e) {
            responses.onError(
                    Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        if (groups.isEmpty()) {
            groups.add(StreamMatchers.compile(List.of()));
        }
        List<String> series = ingester.series(
                TenantServerInterceptor.tenant(), groups, request.getStartNanos(), request.getEndNanos());
        responses.onNext(SeriesResponse.newBuilder().addAllSeries(series).build());
        responses.onCompleted();
    }

    @Override
    public void streamStats(StreamStatsRequest request, StreamObserver<StreamStatsResponse> responses) {
        StreamMatchers matchers;
        try {
            matchers = StreamMatchers.compile(request.getMatchersList());
        } catch (IllegalArgumentException e) {
            responses.onError(
                    Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        StreamStatsResponse.Builder response = StreamStatsResponse.newBuilder();
        for (Ingester.StreamStat stat : ingester.streamStats(
                TenantServerInterceptor.tenant(), matchers, request.getStartNanos(), request.getEndNanos())) {
            response.addStreams(StreamStat.newBuilder()
                    .setFingerprint(stat.fingerprint())
                    .setLabels(stat.labelsText())
                    .setChunks(stat.chunks())
                    .setEntries(stat.entries())
                    .setBytes(stat.bytes()));
        }
        responses.onNext(response.build());
        responses.onCompleted();
    }

    @Override
    public void tail(TailRequest request, StreamObserver<TailResponse> responses) {
        StreamMatchers matchers;
        try {
            matchers = StreamMatchers.compile(request.getMatchersList());
        } catch (IllegalArgumentException e) {
            responses.onError(
                    Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        ServerCallStreamObserver<TailResponse> call = (ServerCallStreamObserver<TailResponse>) responses;
        Object sendLock = new Object();
        AtomicReference<TailRegistry.Subscription> holder = new AtomicReference<>();
        Runnable unsubscribe = () -> {
            TailRegistry.Subscription subscription = holder.get();
            if (subscription != null) {
                tails.unsubscribe(subscription);
            }
        };
        // Handlers may only be set during this first call, before any message is sent.
        call.setOnCancelHandler(unsubscribe);
        call.setOnCloseHandler(unsubscribe);
        holder.set(tails.subscribe(TenantServerInterceptor.tenant(), matchers, batch -> {
            TailResponse response = TailResponse.newBuilder()
                    .setStream(toProto(batch.labelsText(), batch.fingerprint(), batch.entries()))
                    .build();
            synchronized (sendLock) {
                if (!call.isCancelled()) {
                    try {
                        call.onNext(response);
                    } catch (RuntimeException e) {
                        // The subscriber went away between the check and the send; unsubscribed below.
                    }
                }
            }
        }));
        if (call.isCancelled()) {
            unsubscribe.run();
        }
    }

    static StreamAdapter toProto(String labels, long fingerprint, List<LogEntry> entries) {
        StreamAdapter.Builder stream =
                StreamAdapter.newBuilder().setLabels(labels).setHash(fingerprint);
        for (LogEntry entry : entries) {
            stream.addEntries(
                    EntryProtos.entry(entry.timestampNanos(), ByteString.copyFromUtf8(entry.line()), entry.metadata()));
        }
        return stream.build();
    }
}
