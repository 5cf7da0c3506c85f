package io.skald.store;

import io.skald.index.ChunkRef;
import io.skald.index.Matcher;
import io.skald.labels.Labels;
import io.skald.proto.ingester.LabelMatcher;
import io.skald.proto.ingester.MatcherGroup;
import io.skald.push.StreamLabelParser;
import io.skald.push.StreamLabels;
import java.util.List;

/** Conversions between the index types and their gRPC messages, shared by index gateways and queriers. */
public final class IndexProtos {
    private IndexProtos() {}

    public static LabelMatcher toProto(Matcher m) {
        LabelMatcher.Type type = switch (m.type()) {
            case EQ -> LabelMatcher.Type.EQ;
            case NEQ -> LabelMatcher.Type.NEQ;
            case RE -> LabelMatcher.Type.RE;
            case NRE -> LabelMatcher.Type.NRE;
        };
        return LabelMatcher.newBuilder()
                .setName(m.name())
                .setType(type)
                .setValue(m.value())
                .build();
    }

    public static List<LabelMatcher> toProto(List<Matcher> matchers) {
        return matchers.stream().map(IndexProtos::toProto).toList();
    }

    public static MatcherGroup group(List<Matcher> matchers) {
        return MatcherGroup.newBuilder().addAllMatchers(toProto(matchers)).build();
    }

    public static Matcher fromProto(LabelMatcher m) {
        Matcher.Type type = switch (m.getType()) {
            case EQ -> Matcher.Type.EQ;
            case NEQ -> Matcher.Type.NEQ;
            case RE -> Matcher.Type.RE;
            case NRE -> Matcher.Type.NRE;
            case UNRECOGNIZED -> throw new IllegalArgumentException("unknown matcher type");
        };
        return new Matcher(m.getName(), type, m.getValue());
    }

    public static List<Matcher> fromProto(List<LabelMatcher> matchers) {
        return matchers.stream().map(IndexProtos::fromProto).toList();
    }

    public static io.skald.proto.indexgateway.ChunkRef toProto(ChunkRef ref, Labels labels) {
        return io.skald.proto.indexgateway.ChunkRef.newBuilder()
                .setFingerprint(ref.fingerprint())
                .setFromNanos(ref.from())
                .setThroughNanos(ref.through())
                .setKey(ref.key())
                .setCompressedBytes(ref.compressedBytes())
                .setUncompressedBytes(ref.uncompressedBytes())
                .setEntries(ref.entries())
                .setLabels(labels.toString())
                .build();
    }

    public static ChunkRef fromProto(String tenant, io.skald.proto.indexgateway.ChunkRef ref) {
        return new ChunkRef(
                tenant,
                ref.getFingerprint(),
                ref.getFromNanos(),
                ref.getThroughNanos(),
                ref.getKey(),
                ref.getCompressedBytes(),
                ref.getUncompressedBytes(),
                ref.getEntries());
    }

    /**
     * Parses a label text as printed by {@link Labels#toString()}.
     *
     * @throws IllegalArgumentException when the text is not a label set
     */
    public static Labels parseLabels(String text) {
        return switch (StreamLabelParser.parse(text)) {
            case StreamLabels.Valid valid -> valid.labels();
            case StreamLabels.Invalid invalid ->
                throw new IllegalArgumentException("invalid labels " + text + ": " + invalid.error());
        };
    }
}
