package io.skald.ingester;

import io.skald.chunk.LogEntry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Live tail subscriptions: each push's stored entries are offered to the tenant's subscribers whose matchers fit. */
public final class TailRegistry {
    /** One subscriber; {@code sink} must be thread-safe and must not block. */
    public record Subscription(String tenant, StreamMatchers matchers, Consumer<TailBatch> sink) {}

    /** Entries just stored for one stream. */
    public record TailBatch(String labelsText, long fingerprint, List<LogEntry> entries) {}

    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    public Subscription subscribe(String tenant, StreamMatchers matchers, Consumer<TailBatch> sink) {
        Subscription subscription = new Subscription(tenant, matchers, sink);
        subscriptions.add(subscription);
        return subscription;
    }

    public void unsubscribe(Subscription subscription) {
        subscriptions.remove(subscription);
    }

    public int size() {
        return subscriptions.size();
    }

    void publish(LogStream stream, List<LogEntry> entries) {
        if (subscriptions.isEmpty() || entries.isEmpty()) {
            return;
        }
        TailBatch batch = null;
        for (Subscription subscription : subscriptions) {
            if (subscription.tenant().equals(stream.tenant())
                    && subscription.matchers().matches(stream.labels())) {
                if (batch == null) {
                    batch = new TailBatch(stream.labelsText(), stream.fingerprint(), List.copyOf(entries));
                }
                subscription.sink().accept(batch);
            }
        }
    }
}
