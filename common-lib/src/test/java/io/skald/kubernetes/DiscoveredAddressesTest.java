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
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClient;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryProperties;

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
        assertThat(picked).containsOnly(A, B).doesNotHaveDuplicates().hasSize(2).isNotEmpty();
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
        SimpleDiscoveryProperties properties = new SimpleDiscoveryProperties();
        properties.setInstances(Map.of(
                "skald-ruler",
                List.of(new DefaultServiceInstance("ruler-0", "skald-ruler", "10.0.0.9", 3100, false))));
        DiscoveredAddresses addresses = new DiscoveredAddresses(
                Set.of("skald-ruler"), DiscoveredAddresses.lookup(new SimpleDiscoveryClient(properties)));
        addresses.refresh();
        assertThat(addresses.instances("skald-ruler")).containsExactly(URI.create("http://10.0.0.9:3100"));
    }
}
