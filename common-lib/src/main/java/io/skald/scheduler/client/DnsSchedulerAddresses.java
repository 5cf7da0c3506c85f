package io.skald.scheduler.client;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Scheduler addresses from {@code host:port} entries whose host names are looked up again every {@code lookupPeriod}
 * ({@code frontend.scheduler_dns_lookup_period}), each address they resolve to becoming one scheduler, as Loki's DNS
 * watcher does: a Kubernetes headless service names every scheduler pod, and each querier must connect to all of
 * them. A name that stops resolving keeps its last addresses.
 */
final class DnsSchedulerAddresses implements SchedulerAddresses {
    /** Resolves a host name to its addresses. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final List<String> entries;
    private final long periodNanos;
    private final Resolver resolver;
    private final Map<String, List<String>> lastResolved = new HashMap<>();
    private List<String> current = List.of();
    private long lookedUpAt;
    private boolean looked;

    DnsSchedulerAddresses(String addresses, Duration lookupPeriod, Resolver resolver) {
        this.entries = Arrays.stream(addresses.split(",", -1))
                .map(String::trim)
                .filter(address -> !address.isEmpty())
                .toList();
        this.periodNanos = Math.max(0, lookupPeriod.toNanos());
        this.resolver = resolver;
    }

    @Override
    public synchronized List<String> current() {
        long now = System.nanoTime();
        if (!looked || now - lookedUpAt >= periodNanos) {
            current = lookUp();
            lookedUpAt = now;
            looked = true;
        }
        return current;
    }

    private List<String> lookUp() {
        TreeSet<String> out = new TreeSet<>();
        for (String entry : entries) {
            out.addAll(resolve(entry));
        }
        return List.copyOf(out);
    }

    private List<String> resolve(String entry) {
        int colon = entry.lastIndexOf(':');
        if (colon <= 0 || entry.endsWith("]")) {
            return List.of(entry);
        }
        String host = entry.substring(0, colon);
        String port = entry.substring(colon + 1);
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (isLiteral(bare)) {
            return List.of(entry);
        }
        try {
            InetAddress[] addresses = resolver.resolve(bare);
            List<String> resolved = new ArrayList<>(addresses.length);
            boolean allLoopback = true;
            for (InetAddress address : addresses) {
                allLoopback &= address.isLoopbackAddress();
                String ip = address.getHostAddress();
                resolved.add((ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port);
            }
            if (resolved.isEmpty()) {
                return lastResolved.getOrDefault(entry, List.of(entry));
            }
            // localhost may name 127.0.0.1 and ::1: one process, not two schedulers.
            List<String> result = allLoopback ? List.of(entry) : List.copyOf(resolved);
            lastResolved.put(entry, result);
            return result;
        } catch (UnknownHostException e) {
            return lastResolved.getOrDefault(entry, List.of(entry));
        }
    }

    /** Whether {@code host} is an IPv4 or IPv6 literal (so there is nothing to look up). */
    static boolean isLiteral(String host) {
        if (host.contains(":")) {
            return true;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return !host.isEmpty();
    }
}
