package io.skald.logql.engine;

/** What evaluating a metric expression needs: the data, the tenant and the step times (Unix nanoseconds). */
record EvalContext(EntrySource source, String tenant, long[] steps) {}
