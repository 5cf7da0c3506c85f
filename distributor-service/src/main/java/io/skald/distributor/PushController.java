package io.skald.distributor;

import io.skald.push.DiscardReason;
import io.skald.push.PushDecodeException;
import io.skald.push.PushDecoder;
import io.skald.push.PushRequest;
import io.skald.server.LokiHttpException;
import io.skald.tenant.TenantResolver;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Loki's push endpoints: {@code /loki/api/v1/push} (and the legacy {@code /api/prom/push}) take snappy protobuf or
 * JSON (optionally gzip or deflate), {@code /otlp/v1/logs} takes OTLP protobuf or JSON. 204 when everything was
 * written; errors are plain text with Loki's status and wording.
 */
@RestController
class PushController {
    private static final Logger log = LoggerFactory.getLogger(PushController.class);

    private final TenantResolver tenants;
    private final PushDecoder decoder;
    private final Distributor distributor;
    private final DistributorMetrics metrics;

    PushController(TenantResolver tenants, PushDecoder decoder, Distributor distributor, DistributorMetrics metrics) {
        this.tenants = tenants;
        this.decoder = decoder;
        this.distributor = distributor;
        this.metrics = metrics;
    }

    @PostMapping({"/loki/api/v1/push", "/api/prom/push"})
    ResponseEntity<Void> push(
            HttpServletRequest request,
            @RequestHeader(name = TenantResolver.HEADER, required = false) @Nullable String orgId,
            @RequestHeader(name = "Content-Type", required = false) @Nullable String contentType,
            @RequestHeader(name = "Content-Encoding", required = false) @Nullable String contentEncoding)
            throws IOException {
        String tenant = tenants.tenant(orgId);
        byte[] body = readBody(request, tenant);
        PushRequest decoded = decode(tenant, () -> decoder.decode(body, contentType, contentEncoding));
        distributor.push(tenant, decoded);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/otlp/v1/logs")
    ResponseEntity<Void> pushOtlp(
            HttpServletRequest request,
            @RequestHeader(name = TenantResolver.HEADER, required = false) @Nullable String orgId,
            @RequestHeader(name = "Content-Type", required = false) @Nullable String contentType,
            @RequestHeader(name = "Content-Encoding", required = false) @Nullable String contentEncoding)
            throws IOException {
        String tenant = tenants.tenant(orgId);
        byte[] body = readBody(request, tenant);
        PushRequest decoded = decode(
                tenant,
                () -> decoder.decodeOtlp(
                        body,
                        contentType,
                        contentEncoding,
                        distributor.limits(tenant).discoverServiceName(),
                        distributor.nowNanos()));
        distributor.push(tenant, decoded);
        return ResponseEntity.noContent().build();
    }

    private byte[] readBody(HttpServletRequest request, String tenant) throws IOException {
        long contentLength = request.getContentLengthLong();
        try {
            return BoundedBody.read(request.getInputStream(), contentLength, decoder.maxBodyBytes());
        } catch (PushDecodeException e) {
            reject(tenant, e, Math.max(0, contentLength));
            throw e;
        }
    }

    /** Any decoder failure is the client's: a bug in a decoder must still not turn a bad body into a 500. */
    private PushRequest decode(String tenant, Supplier<PushRequest> decode) {
        try {
            return decode.get();
        } catch (PushDecodeException e) {
            reject(tenant, e, 0);
            throw e;
        } catch (LokiHttpException e) {
            throw e;
        } catch (RuntimeException e) {
            log.warn("tenant {}: push body could not be decoded", tenant, e);
            throw new LokiHttpException(400, "failed to parse the push request: " + e);
        }
    }

    private void reject(String tenant, PushDecodeException e, long bytes) {
        if (e.status() == 413) {
            metrics.discarded(tenant, DiscardReason.REQUEST_BODY_TOO_LARGE, 0, bytes);
            log.warn("tenant {}: push rejected: {}", tenant, e.getMessage());
        } else {
            log.debug("tenant {}: push rejected ({}): {}", tenant, e.status(), e.getMessage());
        }
    }
}
