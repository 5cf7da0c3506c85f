package io.skald.querier;

import com.google.protobuf.Timestamp;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.skald.chunk.LogEntry;
import io.skald.index.Matcher;
import io.skald.labels.Labels;
import io.skald.proto.ingester.Direction;
import io.skald.proto.ingester.IngesterQuerierGrpc;
import io.skald.proto.ingester.LabelRequest;
import io.skald.proto.ingester.LabelResponse;
import io.skald.proto.ingester.QueryRequest;
import io.skald.proto.ingester.QueryResponse;
import io.skald.proto.ingester.SeriesRequest;
import io.skald.proto.ingester.SeriesResponse;
import io.skald.proto.ingester.StreamStat;
import io.skald.proto.ingester.StreamStatsRequest;
import io.skald.proto.ingester.StreamStatsResponse;
import io.skald.proto.ingester.TailRequest;
import io.skald.proto.ingester.TailResponse;
import io.skald.proto.logproto.EntryAdapter;
import io.skald.proto.logproto.StreamAdapter;
import io.skald.store.IndexProtos;
import io.skald.tenant.TenantResolver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/** A hand-written ingester answering IngesterQuerier calls from fixed in-memory streams of one tenant. */
final class FakeIngester implements AutoCloseable {
    private static final Context.Key<String> TENANT = Context.key("tenant");
    private static final Metadata.Key<String> ORG_ID =
            Metadata.Key.of(TenantResolver.GRPC_METADATA_KEY, Metadata.ASCII_STRING_MARSHALLER);

    final String tenant;
    final Map<Labels, List<LogEntry>> streams;
    final List<String> tenantsSeen = new CopyOnWriteArrayList<>();
    private final List<StreamObserver<TailResponse>> tails = new CopyOnWriteArrayList<>();
    private final Server server;

    FakeIngester(String tenant, Map<Labels, List<LogEntry>> streams) throws IOException {
        this.tenant = tenant;
        this.streams = streams;
        ServerInterceptor tenantReader = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(
                    ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                String t = headers.get(ORG_ID);
                tenantsSeen.add(String.valueOf(t));
                return Contexts.interceptCall(Context.current().withValue(TENANT, t), call, headers, next);
            }
        };
        this.server = NettyServerBuilder.forAddress(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0))
                .addService(ServerInterceptors.intercept(new Service(), tenantReader))
                .build()
                .start();
    }

    String address() {
        return "127.0.0.1:" + server.getPort();
    }

    /** Sends an entry to every open tail stream, as a push would. */
    void emit(Labels labels, LogEntry entry) {
        TailResponse response = TailResponse.newBuilder()
                .setStream(StreamAdapter.newBuilder()
                        .setLabels(labels.toString())
                        .addEntries(EntryAdapter.newBuilder()
                                .setTimestamp(Timestamp.newBuilder()
                                        .setSeconds(entry.timestampNanos() / 1_000_000_000L)
                                        .setNanos((int) (entry.timestampNanos() % 1_000_000_000L)))
                                .setLine(entry.line())))
                .build();
        for (StreamObserver<TailResponse> tail : tails) {
            synchronized (tail) {
                tail.onNext(response);
            }
        }
    }

    int openTails() {
        return tails.size();
    }

    private Map<Labels, List<LogEntry>> visible() {
        return tenant.equals(TENANT.get()) ? streams : Map.of();
    }

    private static boolean matches(List<Matcher> matchers, Labels labels) {
        return matchers.stream().allMatch(m -> m.matches(labels));
    }

    private final class Service extends IngesterQuerierGrpc.IngesterQuerierImplBase {
        @Override
        public void query(QueryRequest request, StreamObserver<QueryResponse> response) {
            // The pipeline and the limit are hints an ingester may ignore; this one sends every entry in range,
            // stream after stream in label order (valid for both orders), after listing the streams.
            List<Matcher> matchers = IndexProtos.fromProto(request.getMatchersList());
            java.util.TreeMap<Labels, List<LogEntry>> matching = new java.util.TreeMap<>();
            visible().forEach((labels, entries) -> {
                if (matches(matchers, labels)) {
                    matching.put(labels, entries);
                }
            });
            QueryResponse.Builder listing = QueryResponse.newBuilder().setStreamsListed(true);
            matching.keySet().forEach(labels -> listing.addListedStreams(labels.toString()));
            response.onNext(listing.build());
            matching.forEach((labels, entries) -> {
                List<LogEntry> selected = new ArrayList<>();
                for (LogEntry e : entries) {
                    if (e.timestampNanos() >= request.getStartNanos() && e.timestampNanos() < request.getEndNanos()) {
                        selected.add(e);
                    }
                }
                if (request.getDirection() == Direction.BACKWARD) {
                    java.util.Collections.reverse(selected);
                }
                // Split each stream over two responses, as a real ingester may.
                int half = selected.size() / 2;
                for (List<LogEntry> part :
                        List.of(selected.subList(0, half), selected.subList(half, selected.size()))) {
                    StreamAdapter.Builder stream = StreamAdapter.newBuilder().setLabels(labels.toString());
                    for (LogEntry e : part) {
                        stream.addEntries(EntryAdapter.newBuilder()
                                .setTimestamp(Timestamp.newBuilder()
                                        .setSeconds(e.timestampNanos() / 1_000_000_000L)
                                        .setNanos((int) (e.timestampNanos() % 1_000_000_000L)))
                                .setLine(e.line()));
                    }
                    response.onNext(
                            QueryResponse.newBuilder().addStreams(stream).build());
                }
            });
            response.onCompleted();
        }

        @Override
        public void tail(TailRequest request, StreamObserver<TailResponse> response) {
            tails.add(response);
        }

        @Override
        public void labelNames(LabelRequest request, StreamObserver<LabelResponse> response) {
            List<Matcher> matchers = IndexProtos.fromProto(request.getMatchersList());
            TreeSet<String> names = new TreeSet<>();
            visible().keySet().stream().filter(l -> matches(matchers, l)).forEach(l -> names.addAll(l.names()));
            response.onNext(LabelResponse.newBuilder().addAllValues(names).build());
            response.onCompleted();
        }

        @Override
        public void labelValues(LabelRequest request, StreamObserver<LabelResponse> response) {
            List<Matcher> matchers = IndexProtos.fromProto(request.getMatchersList());
            TreeSet<String> values = new TreeSet<>();
            visible().keySet().stream()
                    .filter(l -> matches(matchers, l) && l.has(request.getName()))
                    .forEach(l -> values.add(l.get(request.getName())));
            response.onNext(LabelResponse.newBuilder().addAllValues(values).build());
            response.onCompleted();
        }

        /** Every held entry counts as unflushed: one chunk per stream, entries and line bytes in the range. */
        @Override
        public void streamStats(StreamStatsRequest request, StreamObserver<StreamStatsResponse> response) {
            List<Matcher> matchers = IndexProtos.fromProto(request.getMatchersList());
            StreamStatsResponse.Builder out = StreamStatsResponse.newBuilder();
            visible().forEach((labels, entries) -> {
                if (!matches(matchers, labels)) {
                    return;
                }
                long count = 0;
                long bytes = 0;
                for (LogEntry e : entries) {
                    if (e.timestampNanos() >= request.getStartNanos() && e.timestampNanos() < request.getEndNanos()) {
                        count++;
                        bytes += e.line().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                    }
                }
                if (count > 0) {
                    out.addStreams(StreamStat.newBuilder()
                            .setFingerprint(labels.hash())
                            .setLabels(labels.toString())
                            .setChunks(1)
                            .setEntries(count)
                            .setBytes(bytes));
                }
            });
            response.onNext(out.build());
            response.onCompleted();
        }

        @Override
        public void series(SeriesRequest request, StreamObserver<SeriesResponse> response) {
            SeriesResponse.Builder out = SeriesResponse.newBuilder();
            for (Labels labels : visible().keySet()) {
                boolean any = request.getGroupsCount() == 0
                        || request.getGroupsList().stream()
                                .anyMatch(g -> matches(IndexProtos.fromProto(g.getMatchersList()), labels));
                if (any) {
                    out.addSeries(labels.toString());
                }
            }
            response.onNext(out.build());
            response.onCompleted();
        }
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
