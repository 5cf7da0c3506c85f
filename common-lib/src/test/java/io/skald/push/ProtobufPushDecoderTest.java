package io.skald.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Timestamp;
import io.skald.proto.logproto.EntryAdapter;
import io.skald.proto.logproto.LabelPairAdapter;
import io.skald.proto.logproto.StreamAdapter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

class ProtobufPushDecoderTest {
    private static final String PROTOBUF = "application/x-protobuf";
    private final PushDecoder decoder = new PushDecoder(10 * 1024 * 1024);

    static io.skald.proto.logproto.PushRequest sample() {
        return io.skald.proto.logproto.PushRequest.newBuilder()
                .addStreams(StreamAdapter.newBuilder()
                        .setLabels("{app=\"api\", env=\"prod\"}")
                        .setHash(42) // set by distributors, ignored by the decoder
                        .addEntries(EntryAdapter.newBuilder()
                                .setTimestamp(Timestamp.newBuilder()
                                        .setSeconds(1_700_000_000L)
                                        .setNanos(123_456_789))
                                .setLine("GET /users 200"))
                        .addEntries(EntryAdapter.newBuilder()
                                .setTimestamp(Timestamp.newBuilder().setSeconds(1_700_000_001L))
                                .setLine("naïve ünïcode ✓ 🚀")
                                .addStructuredMetadata(LabelPairAdapter.newBuilder()
                                        .setName("trace_id")
                                        .setValue("abc123"))
                                .addStructuredMetadata(LabelPairAdapter.newBuilder()
                                        .setName("user")
                                        .setValue("42"))))
                .addStreams(StreamAdapter.newBuilder()
                        .setLabels("{job=\"batch\"}")
                        .addEntries(EntryAdapter.newBuilder().setLine("no timestamp")))
                .addStreams(StreamAdapter.newBuilder().setLabels("{empty=\"stream\"}"))
                .build();
    }

    /** The independent expectation: the generated classes' view of the same message, mapped to our model. */
    static PushRequest expected(io.skald.proto.logproto.PushRequest proto) {
        return new PushRequest(proto.getStreamsList().stream()
                .map(s -> new PushStream(
                        s.getLabels(),
                        s.getEntriesList().stream()
                                .map(e -> new PushEntry(
                                        e.getTimestamp().getSeconds() * 1_000_000_000L
                                                + e.getTimestamp().getNanos(),
                                        e.getLine(),
                                        e.getStructuredMetadataList().stream()
                                                .map(p -> new MetadataPair(p.getName(), p.getValue()))
                                                .toList()))
                                .toList()))
                .toList());
    }

    @Test
    void decodesWhatTheGeneratedClassesEncode() throws IOException {
        io.skald.proto.logproto.PushRequest proto = sample();
        byte[] body = Snappy.compress(proto.toByteArray());

        PushRequest decoded = decoder.decode(body, PROTOBUF, null);

        assertThat(decoded).isEqualTo(expected(proto));
        assertThat(decoded.streams().get(0).entries().get(0).timestampNanos()).isEqualTo(1_700_000_000_123_456_789L);
        assertThat(decoded.entryCount()).isEqualTo(3);
    }

    @Test
    void ignoresSnappyContentEncodingAndContentTypeParameters() throws IOException {
        io.skald.proto.logproto.PushRequest proto = sample();
        byte[] body = Snappy.compress(proto.toByteArray());

        assertThat(decoder.decode(body, "application/x-protobuf; charset=utf-8", "snappy"))
                .isEqualTo(expected(proto));
    }

    @Test
    void decodesGzipWrappedSnappyProtobuf() throws IOException {
        io.skald.proto.logproto.PushRequest proto = sample();
        byte[] body = gzip(Snappy.compress(proto.toByteArray()));

        assertThat(decoder.decode(body, PROTOBUF, "gzip")).isEqualTo(expected(proto));
    }

    @Test
    void anyNonJsonContentTypeIsProtobufLikeLoki() throws IOException {
        io.skald.proto.logproto.PushRequest proto = sample();
        byte[] body = Snappy.compress(proto.toByteArray());

        assertThat(decoder.decode(body, "application/octet-stream", null)).isEqualTo(expected(proto));
    }

    @Test
    void emptyRequestDecodesToNoStreams() throws IOException {
        byte[] body = Snappy.compress(new byte[0]);

        assertThat(decoder.decode(body, PROTOBUF, null).streams()).isEmpty();
    }

    @Test
    void rejectsBodyThatIsNotSnappy() {
        byte[] body = "definitely not snappy, just text".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThatThrownBy(() -> decoder.decode(body, PROTOBUF, null))
                .isInstanceOfSatisfying(
                        PushDecodeException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessage("snappy: corrupt input");
    }

    @Test
    void rejectsTruncatedProtobuf() throws IOException {
        byte[] raw = sample().toByteArray();
        byte[] body = Snappy.compress(Arrays.copyOf(raw, raw.length - 5));

        assertThatThrownBy(() -> decoder.decode(body, PROTOBUF, null))
                .isInstanceOfSatisfying(
                        PushDecodeException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageStartingWith("proto: ");
    }

    @Test
    void rejectsWrongWireTypeForKnownField() throws IOException {
        // field 1 (streams) encoded as a varint instead of a message
        byte[] body = Snappy.compress(new byte[] {0x08, 0x01});

        assertThatThrownBy(() -> decoder.decode(body, PROTOBUF, null))
                .isInstanceOf(PushDecodeException.class)
                .hasMessage("proto: wrong wireType = 0 for field Streams in PushRequest");
    }

    @Test
    void rejectsGarbageAfterSnappy() throws IOException {
        byte[] body = Snappy.compress(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff});

        assertThatThrownBy(() -> decoder.decode(body, PROTOBUF, null))
                .isInstanceOf(PushDecodeException.class)
                .hasMessageStartingWith("proto: ");
    }

    @Test
    void bodyOverTheLimitIs413() throws IOException {
        byte[] raw = sample().toByteArray();
        byte[] body = Snappy.compress(raw);
        PushDecoder small = new PushDecoder(body.length - 1);

        assertThatThrownBy(() -> small.decode(body, PROTOBUF, null))
                .isInstanceOfSatisfying(
                        PushDecodeException.class, e -> assertThat(e.status()).isEqualTo(413))
                .hasMessage(
                        "request body too large: " + body.length + " bytes, limit: " + (body.length - 1) + " bytes");
    }

    @Test
    void decompressedSizeOverTheLimitIs413() throws IOException {
        byte[] raw = new byte[100_000]; // compresses to almost nothing
        byte[] body = Snappy.compress(raw);
        PushDecoder limited = new PushDecoder(50_000);

        assertThatThrownBy(() -> limited.decode(body, PROTOBUF, null))
                .isInstanceOfSatisfying(
                        PushDecodeException.class, e -> assertThat(e.status()).isEqualTo(413));
        assertThatThrownBy(() -> limited.decode(gzip(raw), "application/json", "gzip"))
                .isInstanceOfSatisfying(
                        PushDecodeException.class, e -> assertThat(e.status()).isEqualTo(413));
    }

    @Test
    void headerErrorsUseLokisWording() throws IOException {
        byte[] body = Snappy.compress(sample().toByteArray());

        assertThatThrownBy(() -> decoder.decode(body, PROTOBUF, "br"))
                .isInstanceOf(PushDecodeException.class)
                .hasMessage("Content-Encoding \"br\" not supported");
        assertThatThrownBy(() -> decoder.decode(body, null, null))
                .isInstanceOf(PushDecodeException.class)
                .hasMessage("mime: no media type");
        assertThatThrownBy(() -> decoder.decode(body, "protobuf", null))
                .isInstanceOf(PushDecodeException.class)
                .hasMessage("mime: expected slash after first token");
        assertThatThrownBy(() -> decoder.decode(new byte[] {1, 2, 3}, PROTOBUF, "gzip"))
                .isInstanceOf(PushDecodeException.class)
                .hasMessageStartingWith("gzip: ");
    }

    @Test
    void largeRequestRoundTrips() throws IOException {
        var builder = io.skald.proto.logproto.PushRequest.newBuilder();
        for (int s = 0; s < 50; s++) {
            StreamAdapter.Builder stream = StreamAdapter.newBuilder().setLabels("{stream=\"" + s + "\"}");
            for (int e = 0; e < 200; e++) {
                stream.addEntries(EntryAdapter.newBuilder()
                        .setTimestamp(Timestamp.newBuilder()
                                .setSeconds(1_700_000_000L + e)
                                .setNanos(e))
                        .setLine("line " + e + " of stream " + s + " " + "x".repeat(e)));
            }
            builder.addStreams(stream);
        }
        io.skald.proto.logproto.PushRequest proto = builder.build();

        PushRequest decoded = decoder.decode(Snappy.compress(proto.toByteArray()), PROTOBUF, null);

        assertThat(decoded).isEqualTo(expected(proto));
        assertThat(decoded.entryCount()).isEqualTo(10_000);
    }

    @Test
    void directDecodeOfUncompressedBytes() {
        io.skald.proto.logproto.PushRequest proto = sample();
        byte[] raw = proto.toByteArray();
        byte[] padded = new byte[raw.length + 10];
        System.arraycopy(raw, 0, padded, 5, raw.length);

        assertThat(ProtobufPushDecoder.decode(padded, 5, raw.length)).isEqualTo(expected(proto));
        assertThat(expected(proto).streams().get(0).entries().get(1).structuredMetadata())
                .isEqualTo(List.of(new MetadataPair("trace_id", "abc123"), new MetadataPair("user", "42")));
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
