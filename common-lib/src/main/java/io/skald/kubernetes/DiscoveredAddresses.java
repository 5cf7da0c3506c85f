package io.skald.kubernetes;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

/**
 * The ready instances of a fixed set of services, kept as a snapshot that {@link #refresh()} renews from a lookup (the
 * Kubernetes API through Spring Cloud Kubernetes discovery). {@link #pick} never calls the lookup, so request paths
 * (the gateway's event loop) never wait on the API; it takes the instances in turn.
 */
public final class DiscoveredAddresses {
    private static final Logger LOG = LoggerFactory.getLogger(DiscoveredAddresses.class);

    private final Set<String> serviceIds;
    private final Function<String, List<URI>> lookup;
    private final Map<String, List<URI>> instances = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();

    /**
     * @param serviceIds the services to keep addresses of (Kubernetes Service names)
     * @param lookup the instances of one service now; may throw when the API is unreachable
     */
    public DiscoveredAddresses(Set<String> serviceIds, Function<String, List<URI>> lookup) {
        this.serviceIds = Set.copyOf(serviceIds);
        this.lookup = lookup;
    }

    /** A lookup through Spring Cloud discovery: the URIs ({@code http://<pod ip>:<port>}) of a service's instances. */
    public static Function<String, List<URI>> lookup(DiscoveryClient discovery) {
        return id ->
                discovery.getInstances(id).stream().map(ServiceInstance::getUri).toList();
    }

    public Set<String> serviceIds() {
        return serviceIds;
    }

    /**
     * Looks every service up again. A service whose lookup fails keeps its previous instances: a short API outage
     * must not take the routes down.
     */
    public void refresh() {
        for (String id : serviceIds) {
            try {
                instances.put(id, List.copyOf(lookup.apply(id)));
            } catch (RuntimeException e) {
                LOG.warn("keeping the last known instances of {}: {}", id, e.getMessage());
            }
        }
    }

    /** The instances of {@code serviceId} as last looked up (empty before the first lookup or when none is ready). */
    public List<URI> instances(String serviceId) {
        return instances.getOrDefault(serviceId, List.of());
    }

    /** One instance of {@code serviceId}, a different one on each call while there are several. */
    public Optional<URI> pick(String serviceId) {
        List<URI> known = instances(serviceId);
        if (known.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(known.get(Math.floorMod(next.getAndIncrement(), known.size())));
    }
}
