package io.skald.querier;

import io.skald.index.Matcher;
import io.skald.labels.Labels;
import java.util.ArrayList;
import java.util.List;

/**
 * Multi-tenant reads ({@code X-Scope-OrgID: a|b}): the querier passes the tenants joined by {@code |}; each tenant is
 * read on its own and its streams get the {@code __tenant_id__} label, which matchers may select on, as in Loki.
 */
final class MultiTenant {
    static final String TENANT_LABEL = "__tenant_id__";

    private MultiTenant() {}

    static List<String> split(String tenants) {
        return List.of(tenants.split("\\|"));
    }

    static boolean isMulti(String tenants) {
        return tenants.indexOf('|') >= 0;
    }

    /** Whether the tenant passes the query's {@code __tenant_id__} matchers. */
    static boolean selected(String tenant, List<Matcher> matchers) {
        return matchers.stream().filter(m -> m.name().equals(TENANT_LABEL)).allMatch(m -> m.matches(tenant));
    }

    /** The matchers without those on {@code __tenant_id__}. */
    static List<Matcher> withoutTenant(List<Matcher> matchers) {
        List<Matcher> out = new ArrayList<>(matchers.size());
        for (Matcher m : matchers) {
            if (!m.name().equals(TENANT_LABEL)) {
                out.add(m);
            }
        }
        return out;
    }

    static Labels tagged(Labels labels, String tenant) {
        return labels.toBuilder().set(TENANT_LABEL, tenant).build();
    }
}
