package io.skald.tenant;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns the {@code X-Scope-OrgID} header into tenant IDs as Loki does: required when auth is enabled, {@code fake}
 * when it is not; {@code a|b} names several tenants for a read.
 */
public final class TenantResolver {
    public static final String HEADER = "X-Scope-OrgID";
    /** The gRPC metadata key carrying the tenant between services, as in Loki. */
    public static final String GRPC_METADATA_KEY = "x-scope-orgid";

    public static final String DEFAULT_TENANT = "fake";
    private static final int MAX_LENGTH = 150;
    private static final Pattern SEPARATOR = Pattern.compile("\\|");

    private final boolean authEnabled;

    public TenantResolver(boolean authEnabled) {
        this.authEnabled = authEnabled;
    }

    public boolean authEnabled() {
        return authEnabled;
    }

    /** The single tenant of a write or a single-tenant read. */
    public String tenant(@Nullable String header) {
        List<String> tenants = tenants(header);
        if (tenants.size() > 1) {
            throw new TenantException(400, "multiple org IDs present");
        }
        return tenants.getFirst();
    }

    /** Every tenant of a read; {@code a|b} gives two. */
    public List<String> tenants(@Nullable String header) {
        if (!authEnabled) {
            return List.of(DEFAULT_TENANT);
        }
        if (header == null || header.isBlank()) {
            throw new TenantException(401, "no org id");
        }
        List<String> tenants = new ArrayList<>();
        for (String id : SEPARATOR.split(header, -1)) {
            validate(id);
            if (!tenants.contains(id)) {
                tenants.add(id);
            }
        }
        return List.copyOf(tenants);
    }

    private static void validate(String id) {
        if (id.isEmpty()) {
            throw new TenantException(401, "no org id");
        }
        if (id.length() > MAX_LENGTH) {
            throw new TenantException(400, "tenant ID is too long: max " + MAX_LENGTH + " characters");
        }
        if (id.equals(".") || id.equals("..")) {
            throw new TenantException(400, "tenant ID is '.' or '..'");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "!-_.*'()".indexOf(c) >= 0;
            if (!allowed) {
                throw new TenantException(400, "tenant ID '" + id + "' contains unsupported character '" + c + "'");
            }
        }
    }
}
