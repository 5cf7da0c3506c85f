package io.skald.ingester.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.skald.labels.Labels;
import io.skald.proto.logproto.EntryAdapter;
import io.skald.proto.logproto.LabelPairAdapter;

/** The wire form of one entry an ingester sends to a querier (query answers and tails). */
final class EntryProtos {
    private EntryProtos() {}

    static EntryAdapter.Builder entry(long nanos, ByteString line, Labels metadata) {
        EntryAdapter.Builder entry = EntryAdapter.newBuilder()
                .setTimestamp(Timestamp.newBuilder()
                        .setSeconds(Math.floorDiv(nanos, 1_000_000_000L))
                        .setNanos((int) Math.floorMod(nanos, 1_000_000_000L)))
                .setLineBytes(line);
        for (int i = 0; i < metadata.size(); i++) {
            entry.addStructuredMetadata(
                    LabelPairAdapter.newBuilder().setName(metadata.name(i)).setValue(metadata.value(i)));
        }
        return entry;
    }
}
