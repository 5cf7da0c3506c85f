package io.skald.tenant;

import io.skald.server.LokiHttpException;

/** A missing or malformed {@code X-Scope-OrgID}: 401 {@code no org id}, or 400 for an invalid ID. */
public final class TenantException extends LokiHttpException {
    private static final long serialVersionUID = 1L;

    public TenantException(int status, String message) {
        super(status, message);
    }
}
