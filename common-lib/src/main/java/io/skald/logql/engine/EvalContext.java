package io.skald.logql.engine;

/** What evaluating a metric expression needs: the data, the tenant and the step times (Unix nanoseconds). */
final class EvalContext {
    private final EntrySource source;
    private final String tenant;
    private final long[] steps;

    EvalContext(EntrySource source, String tenant, long[] steps) {
        this.source = source;
        this.tenant = tenant;
        this.steps = steps.clone();
    }

    EntrySource source() {
        return source;
    }

    String tenant() {
        return tenant;
    }

    /** The step times; callers must not modify the array. */
    long[] steps() {
        return steps;
    }
}
