package io.skald.scheduler.queue;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Per-tenant FIFO queues served fairly, as Loki's {@code queue.RequestQueue}: the tenants with queued work take turns,
 * one item each, so a tenant with a deep backlog delays another tenant's items by at most one item per busy tenant.
 * A tenant may have at most {@code maxOutstandingPerTenant} items queued. Not thread-safe: its owner serializes calls.
 *
 * @param <T> what is queued
 */
public final class RequestQueue<T> {
    private final int maxOutstandingPerTenant;
    private final Map<String, ArrayDeque<T>> queues = new HashMap<>();
    /** Tenants with queued items, in the order they are served next; each appears once. */
    private final ArrayDeque<String> rotation = new ArrayDeque<>();

    private int size;

    /** A dequeued item and its tenant. */
    public record Dequeued<T>(String tenant, T item) {}

    public RequestQueue(int maxOutstandingPerTenant) {
        if (maxOutstandingPerTenant < 1) {
            throw new IllegalArgumentException(
                    "max_outstanding_requests_per_tenant must be at least 1, got " + maxOutstandingPerTenant);
        }
        this.maxOutstandingPerTenant = maxOutstandingPerTenant;
    }

    /** Appends {@code item} to {@code tenant}'s queue; false (and nothing queued) when that queue is full. */
    public boolean enqueue(String tenant, T item) {
        ArrayDeque<T> queue = queues.computeIfAbsent(tenant, unused -> new ArrayDeque<>());
        if (queue.size() >= maxOutstandingPerTenant) {
            return false;
        }
        if (queue.isEmpty()) {
            rotation.addLast(tenant);
        }
        queue.addLast(item);
        size++;
        return true;
    }

    /** The oldest item of the tenant whose turn it is, or null when nothing is queued. */
    public @Nullable Dequeued<T> dequeue() {
        String tenant = rotation.pollFirst();
        if (tenant == null) {
            return null;
        }
        ArrayDeque<T> queue = queues.get(tenant);
        T item = queue.pollFirst();
        size--;
        if (queue.isEmpty()) {
            queues.remove(tenant);
        } else {
            rotation.addLast(tenant);
        }
        return new Dequeued<>(tenant, item);
    }

    /** Removes a queued item (its requester went away); false when it was not queued. */
    public boolean remove(String tenant, T item) {
        ArrayDeque<T> queue = queues.get(tenant);
        if (queue == null || !queue.remove(item)) {
            return false;
        }
        size--;
        if (queue.isEmpty()) {
            queues.remove(tenant);
            rotation.remove(tenant);
        }
        return true;
    }

    /** Items queued for {@code tenant}. */
    public int length(String tenant) {
        ArrayDeque<T> queue = queues.get(tenant);
        return queue == null ? 0 : queue.size();
    }

    /** Items queued over all tenants. */
    public int size() {
        return size;
    }

    /** Tenants with queued items. */
    public Set<String> tenants() {
        return Set.copyOf(queues.keySet());
    }
}
