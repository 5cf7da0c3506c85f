package io.skald.distributor;

import io.skald.push.PushDecodeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body without ever holding more than the limit: a declared {@code Content-Length} above it is refused
 * before reading, and a body without one is read only until it passes the limit.
 */
final class BoundedBody {
    private static final int CHUNK = 16 * 1024;

    private BoundedBody() {}

    /**
     * The whole body.
     *
     * @param contentLength the declared length, or -1 when unknown (chunked)
     * @throws PushDecodeException 413 {@code request body too large} over {@code limit}, 400 when reading fails
     */
    static byte[] read(InputStream in, long contentLength, long limit) {
        if (contentLength > limit) {
            throw PushDecodeException.tooLarge(contentLength, limit);
        }
        int initial = (int) Math.min(contentLength >= 0 ? contentLength : CHUNK, limit);
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(initial, 32));
        byte[] buffer = new byte[CHUNK];
        long total = 0;
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                total += n;
                if (total > limit) {
                    throw new PushDecodeException(413, "request body too large: over the limit of " + limit + " bytes");
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw PushDecodeException.badRequest("failed to read the request body: " + e.getMessage());
        }
        return out.toByteArray();
    }
}
