package io.skald.push;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the decoder for a push request from its {@code Content-Type} and {@code Content-Encoding} headers, as Loki's
 * {@code ParseLokiRequest} does: {@code application/json} is JSON, any other media type is snappy-compressed protobuf;
 * the content encoding may be empty, {@code snappy} (ignored, protobuf is always snappy), {@code gzip} or
 * {@code deflate}.
 */
public final class PushDecoder {
    private final long maxBodyBytes;

    /** @param maxBodyBytes the largest body accepted, compressed and again after decompression (413 above it) */
    public PushDecoder(long maxBodyBytes) {
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
        this.maxBodyBytes = maxBodyBytes;
    }

    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    /** Decodes a whole request body; throws {@link PushDecodeException} (400 or 413) for anything it cannot accept. */
    public PushRequest decode(byte[] body, @Nullable String contentType, @Nullable String contentEncoding) {
        if (body.length > maxBodyBytes) {
            throw PushDecodeException.tooLarge(body.length, maxBodyBytes);
        }
        String mediaType = mediaType(contentType);
        String encoding = contentEncoding == null ? "" : contentEncoding.trim();
        byte[] payload = switch (encoding.toLowerCase(Locale.ROOT)) {
            case "", "snappy" -> body;
            case "gzip" -> inflate(body, true);
            case "deflate" -> inflate(body, false);
            default -> throw PushDecodeException.badRequest("Content-Encoding \"" + encoding + "\" not supported");
        };
        if (mediaType.equals("application/json")) {
            return JsonPushDecoder.decode(payload, 0, payload.length);
        }
        return ProtobufPushDecoder.decodeSnappy(payload, 0, payload.length, maxBodyBytes);
    }

    /**
     * Decodes an OTLP logs body ({@code POST /otlp/v1/logs}): {@code application/x-protobuf} or
     * {@code application/json}, optionally gzip-encoded, mapped to streams with Loki's default OTLP mapping.
     *
     * @param discoverServiceName the tenant's {@code discover_service_name} (empty disables discovery)
     * @param nowNanos the timestamp for records without one
     */
    public PushRequest decodeOtlp(
            byte[] body,
            @Nullable String contentType,
            @Nullable String contentEncoding,
            List<String> discoverServiceName,
            long nowNanos) {
        if (body.length > maxBodyBytes) {
            throw PushDecodeException.tooLarge(body.length, maxBodyBytes);
        }
        String encoding = contentEncoding == null ? "" : contentEncoding.trim();
        byte[] payload = encoding.equalsIgnoreCase("gzip") ? inflate(body, true) : body;
        String mediaType = contentType == null ? "" : mediaTypeOrEmpty(contentType);
        List<OtlpLogs.ResourceLogs> logs = switch (mediaType) {
            case "application/x-protobuf" -> OtlpProtobufDecoder.decode(payload);
            case "application/json" -> OtlpJsonDecoder.decode(payload);
            default ->
                throw PushDecodeException.badRequest(
                        "content type: " + (contentType == null ? "" : contentType) + " is not supported");
        };
        return OtlpMapper.toPushRequest(logs, discoverServiceName, nowNanos);
    }

    private static String mediaTypeOrEmpty(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon >= 0 ? contentType.substring(0, semicolon) : contentType)
                .trim()
                .toLowerCase(Locale.ROOT);
    }

    /** The media type without parameters, lower case; Go's {@code mime.ParseMediaType} errors for an empty header. */
    static String mediaType(@Nullable String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw PushDecodeException.badRequest("mime: no media type");
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon >= 0 ? contentType.substring(0, semicolon) : contentType)
                .trim()
                .toLowerCase(Locale.ROOT);
        int slash = type.indexOf('/');
        if (type.isEmpty() || slash <= 0 || slash == type.length() - 1 || type.indexOf('/', slash + 1) >= 0) {
            throw PushDecodeException.badRequest("mime: expected slash after first token");
        }
        return type;
    }

    private byte[] inflate(byte[] body, boolean gzip) {
        try (InputStream in = gzip
                ? new GZIPInputStream(new ByteArrayInputStream(body), 8192)
                : new InflaterInputStream(new ByteArrayInputStream(body))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length * 4));
            byte[] buffer = new byte[16384];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > maxBodyBytes) {
                    throw PushDecodeException.tooLarge(total, maxBodyBytes);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            String detail = e.getMessage() == null ? "corrupt input" : e.getMessage();
            throw PushDecodeException.badRequest((gzip ? "gzip: " : "flate: ") + detail);
        }
    }
}
