package io.skald.server;

import org.jspecify.annotations.Nullable;

/**
 * A component's answer to "do you really serve?", aggregated by {@code /ready}. Implementations must be cheap and
 * non-blocking: {@code /ready} is polled by Kubernetes and the launcher.
 */
public interface ReadinessCheck {
    /** The component name shown by {@code /services}, e.g. {@code ingester}. */
    String name();

    /** Null when ready; otherwise why not, in Loki's style ({@code waiting for 15s after being ready}). */
    @Nullable
    String notReadyReason();
}
