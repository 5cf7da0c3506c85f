package io.skald.distributor.replication;

import io.skald.proto.logproto.PushRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * One batched push to one ingester, as the encoded {@code StreamAdapter}s it holds: the wire form of a
 * {@code logproto.PushRequest} is the concatenation of each stream's field tag, length and bytes, so the streams are
 * encoded once and shared by every replica's request without copying them into a message tree.
 */
public record IngesterPush(List<byte[]> streams) {
    private static final int PUSH_STREAMS = (1 << 3) | 2;

    public IngesterPush {
        streams = List.copyOf(streams);
    }

    /** Bytes of the encoded {@code PushRequest}. */
    public int serializedSize() {
        long size = 0;
        for (byte[] stream : streams) {
            size += 1 + StreamEncoder.varintSize(stream.length) + stream.length;
        }
        if (size > Integer.MAX_VALUE) {
            throw new IllegalStateException("push too large: " + size + " bytes");
        }
        return (int) size;
    }

    /** Writes the encoded {@code PushRequest}. */
    public void writeTo(OutputStream out) throws IOException {
        byte[] header = new byte[6];
        for (byte[] stream : streams) {
            header[0] = (byte) PUSH_STREAMS;
            int length = StreamEncoder.writeVarint(header, 1, stream.length);
            out.write(header, 0, length);
            out.write(stream);
        }
    }

    /** The encoded bytes as a whole. */
    public byte[] toByteArray() {
        byte[] out = new byte[serializedSize()];
        int pos = 0;
        for (byte[] stream : streams) {
            out[pos++] = (byte) PUSH_STREAMS;
            pos = StreamEncoder.writeVarint(out, pos, stream.length);
            System.arraycopy(stream, 0, out, pos, stream.length);
            pos += stream.length;
        }
        return out;
    }

    /** Parsed into the generated message (tests and diagnostics, not the hot path). */
    public PushRequest toProto() {
        try {
            return PushRequest.parseFrom(toByteArray());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException("encoded push does not parse", e);
        }
    }
}
