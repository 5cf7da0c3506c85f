package io.skald.distributor;

import io.micrometer.core.instrument.MeterRegistry;
import io.skald.server.LokiHttpException;
import io.skald.tenant.TenantResolver;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Loki's push endpoints. Until the write path lands it only authenticates and refuses to pretend it stored data. */
@RestController
class PushController {
    private final TenantResolver tenants;
    private final MeterRegistry registry;

    PushController(TenantResolver tenants, MeterRegistry registry) {
        this.tenants = tenants;
        this.registry = registry;
    }

    @PostMapping({"/loki/api/v1/push", "/api/prom/push"})
    ResponseEntity<Void> push(
            @RequestHeader(name = TenantResolver.HEADER, required = false) @Nullable String orgId,
            @RequestBody(required = false) byte @Nullable [] body) {
        String tenant = tenants.tenant(orgId);
        registry.counter("skald_distributor_push_requests_total", "tenant", tenant)
                .increment();
        throw new LokiHttpException(501, "push is not implemented yet: the write path is being built");
    }
}
