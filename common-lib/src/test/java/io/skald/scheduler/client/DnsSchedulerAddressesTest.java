package io.skald.scheduler.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Host names become one scheduler per address they resolve to, re-read after the lookup period. */
class DnsSchedulerAddressesTest {
    private final Map<String, InetAddress[]> dns = new HashMap<>();
    private int lookups;

    private InetAddress[] resolve(String host) throws UnknownHostException {
        lookups++;
        InetAddress[] addresses = dns.get(host);
        if (addresses == null) {
            throw new UnknownHostException(host);
        }
        return addresses;
    }

    private static InetAddress ip(String text) throws UnknownHostException {
        return InetAddress.getByName(text);
    }

    @Test
    void aHeadlessServiceNameIsEverySchedulerPod() throws Exception {
        dns.put("query-scheduler-headless", new InetAddress[] {ip("10.0.0.7"), ip("10.0.0.3")});
        SchedulerAddresses addresses =
                new DnsSchedulerAddresses("query-scheduler-headless:9095", Duration.ZERO, this::resolve);
        assertThat(addresses.current()).containsExactly("10.0.0.3:9095", "10.0.0.7:9095");

        // A pod went away, another came: the next look-up follows.
        dns.put("query-scheduler-headless", new InetAddress[] {ip("10.0.0.3"), ip("10.0.0.9"), ip("fd00::1")});
        assertThat(addresses.current()).containsExactly("10.0.0.3:9095", "10.0.0.9:9095", "[fd00:0:0:0:0:0:0:1]:9095");

        // The name stops resolving: the last answer stays.
        dns.remove("query-scheduler-headless");
        assertThat(addresses.current()).containsExactly("10.0.0.3:9095", "10.0.0.9:9095", "[fd00:0:0:0:0:0:0:1]:9095");
    }

    @Test
    void literalsAndLoopbackNamesStayAsWritten() throws Exception {
        dns.put("localhost", new InetAddress[] {ip("127.0.0.1"), ip("::1")});
        SchedulerAddresses addresses = new DnsSchedulerAddresses(
                "127.0.0.1:9141, [::1]:9142,localhost:9143,unknown:1", Duration.ZERO, this::resolve);
        assertThat(addresses.current()).containsExactly("127.0.0.1:9141", "[::1]:9142", "localhost:9143", "unknown:1");
    }

    @Test
    void namesAreLookedUpOncePerPeriod() throws Exception {
        dns.put("scheduler", new InetAddress[] {ip("10.1.1.1")});
        SchedulerAddresses addresses = new DnsSchedulerAddresses("scheduler:9095", Duration.ofHours(1), this::resolve);
        for (int i = 0; i < 5; i++) {
            assertThat(addresses.current()).containsExactly("10.1.1.1:9095");
        }
        assertThat(lookups).isEqualTo(1);
    }
}
