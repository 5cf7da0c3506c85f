package io.skald.ingester.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Timestamp;
import com.google.protobuf.UnknownFieldSet;
import io.skald.chunk.LogEntry;
import io.skald.ingester.IncomingStream;
import io.skald.labels.Labels;
import io.skald.proto.logproto.EntryAdapter;
import io.skald.proto.logproto.LabelPairAdapter;
import io.skald.proto.logproto.PushRequest;
import io.skald.proto.logproto.StreamAdapter;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PushRequestReaderTest {

    static Stream<Arguments> requests() {
        EntryAdapter plain = entry(1_700_000_000L, 123_456_789, "GET /x 200");
        EntryAdapter withLevel = entry(1_700_000_001L, 5, "level=warn msg=slow").toBuilder()
                .addStructuredMetadata(pair("detected_level", "warn"))
                .build();
        EntryAdapter twoPairs = entry(1_700_000_002L, 0, "ünïcödé ✓ 😀").toBuilder()
                .addStructuredMetadata(pair("trace_id", "abc"))
                .addStructuredMetadata(pair("detected_level", "info"))
                .build();
        EntryAdapter longValue = entry(3L, 0, "x").toBuilder()
                .addStructuredMetadata(pair("k", "v".repeat(500)))
                .build();
        return Stream.of(
                Arguments.of("empty request", PushRequest.getDefaultInstance()),
                Arguments.of("one line", request("{app=\"api\"}", plain)),
                Arguments.of("empty line and zero time", request("{app=\"api\"}", entry(0, 0, ""))),
                Arguments.of("negative time", request("{app=\"api\"}", entry(-2L, 999_999_999, "old"))),
                Arguments.of("metadata", request("{app=\"api\"}", withLevel, twoPairs, withLevel, longValue, plain)),
                Arguments.of(
                        "hash and two streams",
                        PushRequest.newBuilder()
                                .addStreams(StreamAdapter.newBuilder()
                                        .setLabels("{a=\"1\"}")
                                        .setHash(-7L)
                                        .addEntries(plain))
                                .addStreams(StreamAdapter.newBuilder()
                                        .setLabels("{b=\"2\"}")
                                        .addEntries(withLevel))
                                .build()),
                Arguments.of(
                        "unknown fields everywhere",
                        PushRequest.newBuilder()
                                .setUnknownFields(unknown())
                                .addStreams(StreamAdapter.newBuilder()
                                        .setLabels("{a=\"1\"}")
                                        .setUnknownFields(unknown())
                                        .addEntries(twoPairs.toBuilder().setUnknownFields(unknown())))
                                .build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void readsWhatTheGeneratedParserReads(String name, PushRequest request) {
        List<IncomingStream> read = PushRequestReader.read(request.toByteArray(), new MetadataInterner());

        assertThat(read).isEqualTo(expected(request));
    }

    @Test
    void sharesOneInstancePerMetadataSet() {
        EntryAdapter info = entry(1L, 0, "a").toBuilder()
                .addStructuredMetadata(pair("detected_level", "info"))
                .build();
        MetadataInterner interner = new MetadataInterner();
        byte[] bytes = request("{a=\"1\"}", info, info.toBuilder().setLine("b").build())
                .toByteArray();

        List<LogEntry> first =
                PushRequestReader.read(bytes, interner).getFirst().entries();
        List<LogEntry> second =
                PushRequestReader.read(bytes, interner).getFirst().entries();

        assertThat(first.get(0).metadata()).isEqualTo(Labels.of("detected_level", "info"));
        assertThat(first.get(1).metadata()).isSameAs(first.get(0).metadata());
        assertThat(second.get(0).metadata()).isSameAs(first.get(0).metadata());
    }

    @Test
    void readsMetadataFieldsWithOtherFieldsBetweenThem() {
        // field 3 (pair), field 2 (line), field 3 (pair): legal protobuf, though no encoder we know writes it.
        ByteArrayOutputStream entry = new ByteArrayOutputStream();
        entry.writeBytes(field(3, pair("a", "1").toByteArray()));
        entry.writeBytes(field(2, "line".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        entry.writeBytes(field(3, pair("b", "2").toByteArray()));
        byte[] stream = concat(
                field(1, "{x=\"y\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)), field(2, entry.toByteArray()));

        List<IncomingStream> read = PushRequestReader.read(field(1, stream), new MetadataInterner());

        assertThat(read)
                .containsExactly(new IncomingStream(
                        "{x=\"y\"}", List.of(new LogEntry(0, "line", Labels.of("a", "1", "b", "2")))));
    }

    @Test
    void rejectsTruncatedInput() {
        byte[] bytes = request("{app=\"api\"}", entry(1L, 0, "a line")).toByteArray();
        for (int cut = 1; cut < bytes.length; cut++) {
            byte[] truncated = Arrays.copyOf(bytes, cut);
            assertThatThrownBy(() -> PushRequestReader.read(truncated, new MetadataInterner()))
                    .as("cut at %d", cut)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static List<IncomingStream> expected(PushRequest request) {
        return request.getStreamsList().stream()
                .map(stream -> new IncomingStream(
                        stream.getLabels(),
                        stream.getEntriesList().stream()
                                .map(e -> {
                                    Labels.Builder metadata = Labels.builder();
                                    e.getStructuredMetadataList().forEach(p -> metadata.set(p.getName(), p.getValue()));
                                    return new LogEntry(
                                            e.getTimestamp().getSeconds() * 1_000_000_000L
                                                    + e.getTimestamp().getNanos(),
                                            e.getLine(),
                                            metadata.build());
                                })
                                .toList()))
                .toList();
    }

    private static PushRequest request(String labels, EntryAdapter... entries) {
        return PushRequest.newBuilder()
                .addStreams(StreamAdapter.newBuilder().setLabels(labels).addAllEntries(List.of(entries)))
                .build();
    }

    private static EntryAdapter entry(long seconds, int nanos, String line) {
        return EntryAdapter.newBuilder()
                .setTimestamp(Timestamp.newBuilder().setSeconds(seconds).setNanos(nanos))
                .setLine(line)
                .build();
    }

    private static LabelPairAdapter pair(String name, String value) {
        return LabelPairAdapter.newBuilder().setName(name).setValue(value).build();
    }

    private static UnknownFieldSet unknown() {
        return UnknownFieldSet.newBuilder()
                .addField(9, UnknownFieldSet.Field.newBuilder().addVarint(42).build())
                .addField(10, UnknownFieldSet.Field.newBuilder().addFixed64(7L).build())
                .addField(11, UnknownFieldSet.Field.newBuilder().addFixed32(7).build())
                .addField(
                        12,
                        UnknownFieldSet.Field.newBuilder()
                                .addLengthDelimited(com.google.protobuf.ByteString.copyFromUtf8("skip me"))
                                .build())
                .build();
    }

    private static byte[] field(int number, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((number << 3) | 2);
        int length = body.length;
        while (length >= 0x80) {
            out.write((length & 0x7F) | 0x80);
            length >>>= 7;
        }
        out.write(length);
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
