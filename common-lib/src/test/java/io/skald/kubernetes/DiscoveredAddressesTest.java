package io.skald.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

class DiscoveredAddressesTest {
    private static final URI A = URI.create("http://10.0.0.1:3100");
    private static final URI B = URI.create("http://10.0.0.2:3100");

    @Test
    void picksKnownInstancesInTurnAndNeverCallsTheLookup() {
        Map<String, List<URI>> api = new ConcurrentHashMap<>(Map.of("skald-distributor", List.of(A, B)));
        List<String> calls = new ArrayList<>();
        DiscoveredAddresses addresses = new DiscoveredAddresses(Set.of("skald-distributor", "skald-querier"), id -> {
            calls.add(id);
            return api.getOrDefault(id, List.of());
        });

        assertThat(addresses.pick("skald-distributor")).isEmpty();
        addresses.refresh();
        assertThat(calls).containsExactlyInAnyOrder("skald-distributor", "skald-querier");

        List<URI> picked = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            picked.add(addresses.pick("skald-distributor").orElseThrow());
        }
        assertThat(picked).containsExactlyInAnyOrder(A, B, A, B);
        assertThat(picked.get(0)).isNotEqualTo(picked.get(1));
        assertThat(picked.get(2)).isEqualTo(picked.get(0));
        assertThat(addresses.pick("skald-querier")).isEmpty();
        assertThat(addresses.pick("unknown")).isEmpty();
        assertThat(calls).hasSize(2);
    }

    @Test
    void aFailedLookupKeepsTheLastKnownInstances() {
        boolean[] down = {false};
        DiscoveredAddresses addresses = new DiscoveredAddresses(Set.of("skald-querier"), id -> {
            if (down[0]) {
                throw new IllegalStateException("API unreachable");
            }
            return List.of(A);
        });
        addresses.refresh();
        down[0] = true;
        addresses.refresh();
        assertThat(addresses.instances("skald-querier")).containsExactly(A);
    }

    @Test
    void lookupThroughSpringCloudDiscoveryGivesInstanceUris() {
        DiscoveryClient discovery = new DiscoveryClient() {
            @Override
            public String description() {
                return "fixed";
            }

            @Override
            public List<ServiceInstance> getInstances(String serviceId) {
                return serviceId.equals("skald-ruler")
                        ? List.of(new DefaultServiceInstance("ruler-0", serviceId, "10.0.0.9", 3100, false))
                        : List.of();
            }

            @Override
            public List<String> getServices() {
                return List.of("skald-ruler");
            }
        };
        DiscoveredAddresses addresses =
                new DiscoveredAddresses(Set.of("skald-ruler"), DiscoveredAddresses.lookup(discovery));
        addresses.refresh();
        assertThat(addresses.instances("skald-ruler")).containsExactly(URI.create("http://10.0.0.9:3100"));
    }
}
