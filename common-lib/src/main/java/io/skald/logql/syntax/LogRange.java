package io.skald.logql.syntax;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The argument of a range aggregation: the log query, the range {@code [5m]}, the {@code offset} (zero when absent)
 * and the optional {@code | unwrap} that turns lines into samples.
 */
public record LogRange(
        LogSelectorExpr selector,
        Duration range,
        Duration offset,
        @Nullable Unwrap unwrap) {}
