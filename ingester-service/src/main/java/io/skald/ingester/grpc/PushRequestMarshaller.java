package io.skald.ingester.grpc;

import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.skald.ingester.IncomingStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Reads the {@code Pusher/Push} request with {@link PushRequestReader} instead of the generated parser (which built
 * a message per entry and per metadata pair, then the ingester copied them again into its entries). Requests are
 * never sent from here.
 */
final class PushRequestMarshaller implements MethodDescriptor.Marshaller<List<IncomingStream>> {
    private final MetadataInterner interner = new MetadataInterner();

    @Override
    public InputStream stream(List<IncomingStream> value) {
        throw new UnsupportedOperationException("the ingester only receives pushes");
    }

    @Override
    public List<IncomingStream> parse(InputStream stream) {
        try {
            return PushRequestReader.read(stream.readAllBytes(), interner);
        } catch (IOException | IllegalArgumentException e) {
            throw Status.INTERNAL
                    .withDescription("failed to read the push request: " + e.getMessage())
                    .withCause(e)
                    .asRuntimeException();
        }
    }
}
