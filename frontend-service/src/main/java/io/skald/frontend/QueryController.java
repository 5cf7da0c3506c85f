package io.skald.frontend;

import io.skald.server.LokiHttpException;
import io.skald.tenant.TenantResolver;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Loki's query API. Until the read path lands it authenticates and answers 501. */
@RestController
class QueryController {
    private final TenantResolver tenants;

    QueryController(TenantResolver tenants) {
        this.tenants = tenants;
    }

    @RequestMapping({"/loki/api/v1/query", "/loki/api/v1/query_range", "/api/prom/query"})
    String query(@RequestHeader(name = TenantResolver.HEADER, required = false) @Nullable String orgId) {
        tenants.tenants(orgId);
        throw new LokiHttpException(501, "queries are not implemented yet: the read path is being built");
    }
}
