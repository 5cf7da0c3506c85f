package io.skald.distributor;

import com.google.protobuf.Timestamp;
import io.skald.proto.logproto.EntryAdapter;
import io.skald.proto.logproto.LabelPairAdapter;
import io.skald.proto.logproto.PushRequest;
import io.skald.proto.logproto.StreamAdapter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;
import org.xerial.snappy.Snappy;

/** Push bodies as shippers send them: snappy-compressed protobuf (Promtail, Alloy), JSON (Fluent Bit), gzip. */
final class PushBodies {
    private PushBodies() {}

    static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    static EntryAdapter entry(long nanos, String line, String... metadata) {
        EntryAdapter.Builder entry = EntryAdapter.newBuilder()
                .setTimestamp(Timestamp.newBuilder()
                        .setSeconds(Math.floorDiv(nanos, 1_000_000_000L))
                        .setNanos((int) Math.floorMod(nanos, 1_000_000_000L)))
                .setLine(line);
        for (int i = 0; i + 1 < metadata.length; i += 2) {
            entry.addStructuredMetadata(
                    LabelPairAdapter.newBuilder().setName(metadata[i]).setValue(metadata[i + 1]));
        }
        return entry.build();
    }

    static EntryAdapter entry(String line) {
        return entry(nowNanos(), line);
    }

    static StreamAdapter stream(String labels, EntryAdapter... entries) {
        StreamAdapter.Builder stream = StreamAdapter.newBuilder().setLabels(labels);
        for (EntryAdapter entry : entries) {
            stream.addEntries(entry);
        }
        return stream.build();
    }

    /** A snappy block compressed {@code PushRequest}. */
    static byte[] protobuf(StreamAdapter... streams) {
        PushRequest.Builder request = PushRequest.newBuilder();
        for (StreamAdapter stream : streams) {
            request.addStreams(stream);
        }
        try {
            return Snappy.compress(request.build().toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loki's JSON push with one stream: {@code labels} as JSON object text, one value per line at now. */
    static byte[] json(String labelsObject, String... lines) {
        StringBuilder values = new StringBuilder();
        long now = nowNanos();
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                values.append(',');
            }
            values.append("[\"")
                    .append(now + i)
                    .append("\",\"")
                    .append(lines[i])
                    .append("\"]");
        }
        return ("{\"streams\":[{\"stream\":" + labelsObject + ",\"values\":[" + values + "]}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
