package io.skald.scheduler.client;

import io.skald.ring.InstanceDesc;
import io.skald.ring.InstanceState;
import io.skald.ring.Ring;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** Where the schedulers are, asked again on every reconnect and rebalance. */
@FunctionalInterface
public interface SchedulerAddresses {
    /** The gRPC addresses ({@code host:port}) of the schedulers to use now, in a stable order. */
    List<String> current();

    /** A fixed list, e.g. {@code frontend_worker.scheduler_address}; commas separate several addresses. */
    static SchedulerAddresses fixed(String addresses) {
        List<String> list = Arrays.stream(addresses.split(",", -1))
                .map(String::trim)
                .filter(address -> !address.isEmpty())
                .toList();
        return () -> list;
    }

    /**
     * Like {@link #fixed}, but every host name is looked up at most every {@code lookupPeriod} and each address it
     * resolves to is one scheduler (a headless service naming every scheduler pod).
     */
    static SchedulerAddresses dns(String addresses, Duration lookupPeriod) {
        return new DnsSchedulerAddresses(addresses, lookupPeriod, InetAddress::getAllByName);
    }

    /** The healthy ACTIVE members of the {@code scheduler} ring, ordered by address. */
    static SchedulerAddresses ring(Ring ring) {
        return () -> ring.instances().stream()
                .filter(instance -> instance.state() == InstanceState.ACTIVE && !ring.isUnhealthy(instance))
                .map(InstanceDesc::address)
                .distinct()
                .sorted()
                .toList();
    }
}
