package io.skald.frontend.split;

/** One unit of work the frontend hands to a {@link Downstream}: a tenant's query over (part of) the range. */
public record SubQuery(String tenant, RangeQuery query) {
    public SubQuery withQuery(RangeQuery other) {
        return new SubQuery(tenant, other);
    }
}
