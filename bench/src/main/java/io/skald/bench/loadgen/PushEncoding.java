package io.skald.bench.loadgen;

import com.google.protobuf.Timestamp;
import io.skald.bench.corpus.PushBatch;
import io.skald.proto.logproto.EntryAdapter;
import io.skald.proto.logproto.PushRequest;
import io.skald.proto.logproto.StreamAdapter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.xerial.snappy.Snappy;

/** Wire formats of {@code POST /loki/api/v1/push}, as Promtail/Alloy (protobuf) and scripts (JSON) send them. */
public enum PushEncoding {
    /** Snappy block compressed {@code logproto.PushRequest}. */
    PROTOBUF("application/x-protobuf"),
    /** {@code {"streams":[{"stream":{...},"values":[["ns","line"],...]}]}}. */
    JSON("application/json");

    private final String contentType;

    PushEncoding(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    /** Parses {@code protobuf} or {@code json}. */
    public static PushEncoding parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "protobuf", "proto", "pb" -> PROTOBUF;
            case "json" -> JSON;
            default -> throw new IllegalArgumentException("unknown encoding " + text + " (protobuf or json)");
        };
    }

    /** The request body for the batch. */
    public byte[] encode(PushBatch batch) {
        return switch (this) {
            case PROTOBUF -> protobuf(batch);
            case JSON -> json(batch);
        };
    }

    private static byte[] protobuf(PushBatch batch) {
        PushRequest.Builder request = PushRequest.newBuilder();
        for (PushBatch.StreamEntries stream : batch.streams()) {
            StreamAdapter.Builder adapter =
                    StreamAdapter.newBuilder().setLabels(stream.labels().toString());
            for (int i = 0; i < stream.lines().size(); i++) {
                long ts = stream.timestamps().get(i);
                adapter.addEntries(EntryAdapter.newBuilder()
                        .setTimestamp(Timestamp.newBuilder()
                                .setSeconds(Math.floorDiv(ts, 1_000_000_000L))
                                .setNanos((int) Math.floorMod(ts, 1_000_000_000L)))
                        .setLine(stream.lines().get(i)));
            }
            request.addStreams(adapter);
        }
        try {
            return Snappy.compress(request.build().toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] json(PushBatch batch) {
        StringBuilder out = new StringBuilder(1024);
        out.append("{\"streams\":[");
        boolean firstStream = true;
        for (PushBatch.StreamEntries stream : batch.streams()) {
            if (!firstStream) {
                out.append(',');
            }
            firstStream = false;
            out.append("{\"stream\":{");
            for (int l = 0; l < stream.labels().size(); l++) {
                if (l > 0) {
                    out.append(',');
                }
                JsonText.appendString(out, stream.labels().name(l));
                out.append(':');
                JsonText.appendString(out, stream.labels().value(l));
            }
            out.append("},\"values\":[");
            for (int i = 0; i < stream.lines().size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append("[\"").append(stream.timestamps().get(i)).append("\",");
                JsonText.appendString(out, stream.lines().get(i));
                out.append(']');
            }
            out.append("]}");
        }
        out.append("]}");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
