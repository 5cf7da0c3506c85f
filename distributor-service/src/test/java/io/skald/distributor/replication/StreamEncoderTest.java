package io.skald.distributor.replication;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.skald.labels.Labels;
import io.skald.proto.logproto.EntryAdapter;
import io.skald.proto.logproto.LabelPairAdapter;
import io.skald.proto.logproto.PushRequest;
import io.skald.proto.logproto.StreamAdapter;
import io.skald.push.MetadataPair;
import io.skald.push.PushEntry;
import io.skald.push.ValidatedStream;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StreamEncoderTest {

    static Stream<Arguments> streams() {
        return Stream.of(
                Arguments.of(
                        "ascii line",
                        Labels.of("app", "api"),
                        List.of(new PushEntry(1_700_000_000_123_456_789L, "GET /x 200"))),
                Arguments.of("empty line", Labels.of("app", "api"), List.of(new PushEntry(5L, ""))),
                Arguments.of("zero timestamp", Labels.of("app", "api"), List.of(new PushEntry(0L, "a"))),
                Arguments.of("whole second", Labels.of("app", "api"), List.of(new PushEntry(2_000_000_000L, "a"))),
                Arguments.of(
                        "negative timestamp",
                        Labels.of("app", "api"),
                        List.of(new PushEntry(-1_500_000_001L, "before 1970"))),
                Arguments.of(
                        "non-ASCII",
                        Labels.of("app", "Grüße"),
                        List.of(new PushEntry(1L, "ünïcödé ✓ 😀 and \uD800 lone surrogate"))),
                Arguments.of(
                        "structured metadata",
                        Labels.of("app", "api", "env", "prod"),
                        List.of(
                                new PushEntry(
                                        10L,
                                        "level=info msg=ok",
                                        List.of(
                                                new MetadataPair("trace_id", "abc"),
                                                new MetadataPair("detected_level", "info"),
                                                new MetadataPair("empty", ""),
                                                new MetadataPair("ключ", "значение"))),
                                new PushEntry(
                                        11L, "x".repeat(20_000), List.of(new MetadataPair("k", "v".repeat(300)))))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void encodesWhatTheGeneratedEncoderWrites(String name, Labels labels, List<PushEntry> entries) {
        ValidatedStream stream = new ValidatedStream(labels, 0, entries, 0);

        byte[] encoded = StreamEncoder.encodeOnce(stream);

        // Byte for byte what the generated encoder writes (a lone surrogate becomes '?' in both).
        assertThat(encoded).isEqualTo(generated(stream).toByteArray());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void concatenatedStreamsAreOnePushRequest(String name, Labels labels, List<PushEntry> entries) {
        ValidatedStream stream = new ValidatedStream(labels, 0, entries, 0);
        ValidatedStream other = new ValidatedStream(Labels.of("b", "2"), 0, List.of(new PushEntry(3L, "other")), 0);
        IngesterPush push =
                new IngesterPush(List.of(StreamEncoder.encodeOnce(stream), StreamEncoder.encodeOnce(other)));

        byte[] expected = PushRequest.newBuilder()
                .addStreams(generated(stream))
                .addStreams(generated(other))
                .build()
                .toByteArray();
        assertThat(push.toByteArray()).isEqualTo(expected).hasSize(push.serializedSize());
        assertThat(push.toProto().getStreamsCount()).isEqualTo(2);
    }

    @Test
    void oneEncoderForManyStreamsReusesMetadataEncodingsOnlyForTheSameList() {
        List<MetadataPair> shared = List.of(new MetadataPair("detected_level", "info"));
        List<ValidatedStream> streams = List.of(
                new ValidatedStream(
                        Labels.of("a", "1"),
                        0,
                        List.of(
                                new PushEntry(1L, "x", shared),
                                new PushEntry(2L, "y", List.of(new MetadataPair("detected_level", "warn"))),
                                new PushEntry(3L, "z", shared)),
                        0),
                new ValidatedStream(
                        Labels.of("a", "2"),
                        0,
                        List.of(
                                new PushEntry(4L, "w", List.of(new MetadataPair("detected_level", "error"))),
                                new PushEntry(5L, "v", shared)),
                        0));
        StreamEncoder encoder = new StreamEncoder();

        for (ValidatedStream stream : streams) {
            assertThat(encoder.encode(stream)).isEqualTo(generated(stream).toByteArray());
        }
    }

    /** What the generated builders made before: the reference encoding. */
    private static StreamAdapter generated(ValidatedStream stream) {
        StreamAdapter.Builder out = StreamAdapter.newBuilder()
                .setLabels(stream.labelText())
                .setHash(stream.labels().hash());
        for (PushEntry entry : stream.entries()) {
            long nanos = entry.timestampNanos();
            EntryAdapter.Builder e = EntryAdapter.newBuilder()
                    .setTimestamp(Timestamp.newBuilder()
                            .setSeconds(Math.floorDiv(nanos, 1_000_000_000L))
                            .setNanos((int) Math.floorMod(nanos, 1_000_000_000L)))
                    .setLine(entry.line());
            for (MetadataPair pair : entry.structuredMetadata()) {
                e.addStructuredMetadata(
                        LabelPairAdapter.newBuilder().setName(pair.name()).setValue(pair.value()));
            }
            out.addEntries(e);
        }
        return out.build();
    }
}
