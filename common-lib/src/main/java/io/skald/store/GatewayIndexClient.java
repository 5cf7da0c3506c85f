package io.skald.store;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.skald.index.ChunkRef;
import io.skald.index.IndexStats;
import io.skald.index.Matcher;
import io.skald.index.SeriesChunks;
import io.skald.index.Volume;
import io.skald.index.VolumeAggregation;
import io.skald.labels.Labels;
import io.skald.proto.indexgateway.ChunkRefsRequest;
import io.skald.proto.indexgateway.IndexGatewayGrpc;
import io.skald.proto.indexgateway.IndexLabelRequest;
import io.skald.proto.indexgateway.IndexSeriesRequest;
import io.skald.proto.indexgateway.StatsRequest;
import io.skald.proto.indexgateway.StatsResponse;
import io.skald.proto.indexgateway.VolumeEntry;
import io.skald.proto.indexgateway.VolumeRequest;
import io.skald.tenant.TenantResolver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** Index lookups answered by an index gateway over gRPC ({@code index_gateway_client.server_address}). */
public final class GatewayIndexClient implements IndexClient, AutoCloseable {
    private final ManagedChannel channel;
    private final Duration timeout;

    public GatewayIndexClient(String address, long maxInboundMessageSize, Duration timeout) {
        // The transport comes from the service's classpath (grpc-netty via Spring gRPC).
        this.channel = Grpc.newChannelBuilder(address, InsecureChannelCredentials.create())
                .maxInboundMessageSize((int) Math.min(Integer.MAX_VALUE, maxInboundMessageSize))
                .build();
        this.timeout = timeout;
    }

    private IndexGatewayGrpc.IndexGatewayBlockingStub stub(String tenant) {
        return IndexGatewayGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(tenantMetadata(tenant)))
                .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public List<SeriesChunks> chunkRefs(String tenant, List<Matcher> matchers, long from, long through) {
        var response = stub(tenant)
                .getChunkRefs(ChunkRefsRequest.newBuilder()
                        .addAllMatchers(IndexProtos.toProto(matchers))
                        .setFromNanos(from)
                        .setThroughNanos(through)
                        .build());
        TreeMap<String, List<ChunkRef>> byLabels = new TreeMap<>();
        for (var ref : response.getRefsList()) {
            byLabels.computeIfAbsent(ref.getLabels(), k -> new ArrayList<>()).add(IndexProtos.fromProto(tenant, ref));
        }
        List<SeriesChunks> out = new ArrayList<>();
        byLabels.forEach((text, refs) -> out.add(new SeriesChunks(IndexProtos.parseLabels(text), refs)));
        return out;
    }

    @Override
    public List<String> labelNames(String tenant, long from, long through, List<Matcher> matchers) {
        return stub(tenant)
                .labelNames(IndexLabelRequest.newBuilder()
                        .setFromNanos(from)
                        .setThroughNanos(through)
                        .addAllMatchers(IndexProtos.toProto(matchers))
                        .build())
                .getValuesList();
    }

    @Override
    public List<String> labelValues(String tenant, String name, long from, long through, List<Matcher> matchers) {
        return stub(tenant)
                .labelValues(IndexLabelRequest.newBuilder()
                        .setName(name)
                        .setFromNanos(from)
                        .setThroughNanos(through)
                        .addAllMatchers(IndexProtos.toProto(matchers))
                        .build())
                .getValuesList();
    }

    @Override
    public List<Labels> series(String tenant, List<List<Matcher>> groups, long from, long through) {
        IndexSeriesRequest.Builder request =
                IndexSeriesRequest.newBuilder().setFromNanos(from).setThroughNanos(through);
        groups.forEach(g -> request.addGroups(IndexProtos.group(g)));
        return stub(tenant).series(request.build()).getSeriesList().stream()
                .map(IndexProtos::parseLabels)
                .toList();
    }

    @Override
    public IndexStats stats(String tenant, List<Matcher> matchers, long from, long through) {
        StatsResponse r = stub(tenant)
                .getStats(StatsRequest.newBuilder()
                        .addAllMatchers(IndexProtos.toProto(matchers))
                        .setFromNanos(from)
                        .setThroughNanos(through)
                        .build());
        return new IndexStats(r.getStreams(), r.getChunks(), r.getEntries(), r.getBytes());
    }

    @Override
    public List<Volume> volume(
            String tenant,
            List<Matcher> matchers,
            long from,
            long through,
            List<String> targetLabels,
            VolumeAggregation aggregateBy,
            int limit) {
        var response = stub(tenant)
                .getVolume(VolumeRequest.newBuilder()
                        .addAllMatchers(IndexProtos.toProto(matchers))
                        .setFromNanos(from)
                        .setThroughNanos(through)
                        .addAllTargetLabels(targetLabels)
                        .setAggregateBy(aggregateBy.name().toLowerCase(Locale.ROOT))
                        .setLimit(limit)
                        .build());
        List<Volume> out = new ArrayList<>();
        for (VolumeEntry v : response.getVolumesList()) {
            out.add(new Volume(v.getName(), IndexProtos.parseLabels(v.getLabels()), v.getBytes()));
        }
        return out;
    }

    private static Metadata tenantMetadata(String tenant) {
        Metadata metadata = new Metadata();
        metadata.put(Metadata.Key.of(TenantResolver.GRPC_METADATA_KEY, Metadata.ASCII_STRING_MARSHALLER), tenant);
        return metadata;
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
