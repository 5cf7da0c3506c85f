package io.skald.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.config.GatewayConfig;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GatewayUpstreamsTest {
    @ParameterizedTest
    @CsvSource(
            nullValues = "null",
            value = {
                // configured URL,                                          prefix,        url used,
                //                               discovered service
                "http://skald-distributor.logging.svc.cluster.local:3100, skald-,        http://skald-distributor.logging.svc.cluster.local:3100, skald-distributor",
                "'',                                                      logs-skald-,   http://logs-skald-distributor:3100,                      logs-skald-distributor",
                "'',                                                      '',            http://distributor:3100,                                 distributor",
                "http://distributor:3100,                                 '',            http://distributor:3100,                                 distributor",
                "http://127.0.0.1:3101,                                   skald-,        http://127.0.0.1:3101,                                   null",
                "http://skald-distributor-headless.logging.svc:3100,      skald-,        http://skald-distributor-headless.logging.svc:3100,      null",
            })
    void aUrlNamingTheComponentsServiceIsDiscovered(String configured, String prefix, String url, String service) {
        GatewayConfig config = new GatewayConfig(configured, "", "", "", "", 1);

        GatewayUpstreams.Upstream push = GatewayUpstreams.of(config, prefix).route(GatewayUpstreams.PUSH);

        assertThat(push.url()).isEqualTo(url);
        assertThat(push.serviceId()).isEqualTo(service);
    }

    @Test
    void tailGoesToTheQuerierOverWebsocket() {
        GatewayConfig config = new GatewayConfig("", "", "", "", "", 1);

        GatewayUpstreams upstreams = GatewayUpstreams.of(config, "skald-");

        assertThat(upstreams.route(GatewayUpstreams.TAIL))
                .isEqualTo(new GatewayUpstreams.Upstream("ws://skald-querier:3100", "skald-querier"));
        assertThat(upstreams.route(GatewayUpstreams.QUERY).serviceId()).isEqualTo("skald-query-frontend");
        assertThat(upstreams.route(GatewayUpstreams.RULES).serviceId()).isEqualTo("skald-ruler");
        assertThat(upstreams.route(GatewayUpstreams.DELETE).serviceId()).isEqualTo("skald-compactor");
    }

    @Test
    void aDiscoveredPodReplacesOnlyHostAndPort() {
        URI routed = URI.create("ws://skald-querier:3100/loki/api/v1/tail?query=%7Bapp%3D%22x%22%7D");

        URI sent = DiscoveredUpstreamFilter.withAddress(routed, URI.create("http://10.1.2.3:3100"));

        assertThat(sent).isEqualTo(URI.create("ws://10.1.2.3:3100/loki/api/v1/tail?query=%7Bapp%3D%22x%22%7D"));
    }
}
