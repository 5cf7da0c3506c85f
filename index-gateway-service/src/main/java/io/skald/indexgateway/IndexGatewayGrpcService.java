package io.skald.indexgateway;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.skald.index.IndexStats;
import io.skald.index.Matcher;
import io.skald.index.SeriesChunks;
import io.skald.index.Volume;
import io.skald.index.VolumeAggregation;
import io.skald.labels.Labels;
import io.skald.proto.indexgateway.ChunkRefsRequest;
import io.skald.proto.indexgateway.ChunkRefsResponse;
import io.skald.proto.indexgateway.IndexGatewayGrpc;
import io.skald.proto.indexgateway.IndexLabelRequest;
import io.skald.proto.indexgateway.IndexLabelResponse;
import io.skald.proto.indexgateway.IndexSeriesRequest;
import io.skald.proto.indexgateway.IndexSeriesResponse;
import io.skald.proto.indexgateway.StatsRequest;
import io.skald.proto.indexgateway.StatsResponse;
import io.skald.proto.indexgateway.VolumeEntry;
import io.skald.proto.indexgateway.VolumeRequest;
import io.skald.proto.indexgateway.VolumeResponse;
import io.skald.store.IndexClient;
import io.skald.store.IndexProtos;
import io.skald.tenant.TenantServerInterceptor;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code IndexGateway} gRPC service over the locally cached index files. */
final class IndexGatewayGrpcService extends IndexGatewayGrpc.IndexGatewayImplBase {
    private static final Logger log = LoggerFactory.getLogger(IndexGatewayGrpcService.class);

    private final IndexClient index;

    IndexGatewayGrpcService(IndexClient index) {
        this.index = index;
    }

    @Override
    public void getChunkRefs(ChunkRefsRequest request, StreamObserver<ChunkRefsResponse> response) {
        answer(response, () -> {
            List<SeriesChunks> series = index.chunkRefs(
                    TenantServerInterceptor.tenant(),
                    IndexProtos.fromProto(request.getMatchersList()),
                    request.getFromNanos(),
                    request.getThroughNanos());
            ChunkRefsResponse.Builder out = ChunkRefsResponse.newBuilder();
            for (SeriesChunks s : series) {
                s.refs().forEach(ref -> out.addRefs(IndexProtos.toProto(ref, s.labels())));
            }
            return out.build();
        });
    }

    @Override
    public void labelNames(IndexLabelRequest request, StreamObserver<IndexLabelResponse> response) {
        answer(
                response,
                () -> IndexLabelResponse.newBuilder()
                        .addAllValues(index.labelNames(
                                TenantServerInterceptor.tenant(),
                                request.getFromNanos(),
                                request.getThroughNanos(),
                                IndexProtos.fromProto(request.getMatchersList())))
                        .build());
    }

    @Override
    public void labelValues(IndexLabelRequest request, StreamObserver<IndexLabelResponse> response) {
        answer(
                response,
                () -> IndexLabelResponse.newBuilder()
                        .addAllValues(index.labelValues(
                                TenantServerInterceptor.tenant(),
                                request.getName(),
                                request.getFromNanos(),
                                request.getThroughNanos(),
                                IndexProtos.fromProto(request.getMatchersList())))
                        .build());
    }

    @Override
    public void series(IndexSeriesRequest request, StreamObserver<IndexSeriesResponse> response) {
        answer(response, () -> {
            List<List<Matcher>> groups = request.getGroupsList().stream()
                    .map(g -> IndexProtos.fromProto(g.getMatchersList()))
                    .toList();
            List<Labels> series = index.series(
                    TenantServerInterceptor.tenant(), groups, request.getFromNanos(), request.getThroughNanos());
            return IndexSeriesResponse.newBuilder()
                    .addAllSeries(series.stream().map(Labels::toString).toList())
                    .build();
        });
    }

    @Override
    public void getStats(StatsRequest request, StreamObserver<StatsResponse> response) {
        answer(response, () -> {
            IndexStats stats = index.stats(
                    TenantServerInterceptor.tenant(),
                    IndexProtos.fromProto(request.getMatchersList()),
                    request.getFromNanos(),
                    request.getThroughNanos());
            return StatsResponse.newBuilder()
                    .setStreams(stats.streams())
                    .setChunks(stats.chunks())
                    .setEntries(stats.entries())
                    .setBytes(stats.bytes())
                    .build();
        });
    }

    @Override
    public void getVolume(VolumeRequest request, StreamObserver<VolumeResponse> response) {
        answer(response, () -> {
            List<Volume> volumes = index.volume(
                    TenantServerInterceptor.tenant(),
                    IndexProtos.fromProto(request.getMatchersList()),
                    request.getFromNanos(),
                    request.getThroughNanos(),
                    request.getTargetLabelsList(),
                    VolumeAggregation.parse(request.getAggregateBy()),
                    request.getLimit());
            VolumeResponse.Builder out = VolumeResponse.newBuilder();
            for (Volume v : volumes) {
                out.addVolumes(VolumeEntry.newBuilder()
                        .setName(v.name())
                        .setLabels(v.labels().toString())
                        .setBytes(v.bytes()));
            }
            return out.build();
        });
    }

    private static <T> void answer(StreamObserver<T> response, Supplier<T> body) {
        T value;
        try {
            value = body.get();
        } catch (IllegalArgumentException e) {
            response.onError(
                    Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (io.grpc.StatusRuntimeException e) {
            response.onError(e);
            return;
        } catch (RuntimeException e) {
            log.warn("index lookup failed", e);
            response.onError(Status.INTERNAL.withDescription(e.toString()).asRuntimeException());
            return;
        }
        response.onNext(value);
        response.onCompleted();
    }
}
