package io.skald.distributor.client;

import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.protobuf.ProtoUtils;
import io.skald.distributor.replication.IngesterPush;
import io.skald.proto.ingester.PusherGrpc;
import io.skald.proto.logproto.PushResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Sends an {@link IngesterPush} as the {@code Pusher/Push} request: gRPC drains its encoded streams straight into
 * its frames (the stream is {@link Drainable} and {@link KnownLength}), so no message tree is built or re-encoded.
 */
final class IngesterPushMarshaller implements MethodDescriptor.Marshaller<IngesterPush> {
    /** {@code Pusher/Push} with this marshaller for requests; the same method on the wire. */
    static final MethodDescriptor<IngesterPush, PushResponse> PUSH = PusherGrpc.getPushMethod().toBuilder(
                    new IngesterPushMarshaller(), ProtoUtils.marshaller(PushResponse.getDefaultInstance()))
            .build();

    @Override
    public InputStream stream(IngesterPush value) {
        return new PushStream(value);
    }

    @Override
    public IngesterPush parse(InputStream stream) {
        throw new UnsupportedOperationException("the distributor only sends pushes");
    }

    /** The encoded request; read byte-wise only when gRPC cannot drain it (then it is copied once). */
    private static final class PushStream extends InputStream implements Drainable, KnownLength {
        private final IngesterPush push;
        private final int size;
        private @Nullable ByteArrayInputStream copy;
        private boolean drained;

        PushStream(IngesterPush push) {
            this.push = push;
            this.size = push.serializedSize();
        }

        @Override
        public int drainTo(OutputStream target) throws IOException {
            ByteArrayInputStream current = copy;
            if (current != null) {
                int n = current.available();
                current.transferTo(target);
                return n;
            }
            if (drained) {
                return 0;
            }
            drained = true;
            push.writeTo(target);
            return size;
        }

        @Override
        public int available() {
            ByteArrayInputStream current = copy;
            if (current != null) {
                return current.available();
            }
            return drained ? 0 : size;
        }

        @Override
        public int read() {
            return bytes().read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return bytes().read(b, off, len);
        }

        private ByteArrayInputStream bytes() {
            ByteArrayInputStream current = copy;
            if (current == null) {
                current = new ByteArrayInputStream(drained ? new byte[0] : push.toByteArray());
                copy = current;
                drained = true;
            }
            return current;
        }
    }
}
