package io.skald.distributor;

import static io.skald.distributor.PushBodies.entry;
import static io.skald.distributor.PushBodies.protobuf;
import static io.skald.distributor.PushBodies.stream;
import static org.assertj.core.api.Assertions.assertThat;

import io.skald.limits.IngestionRateLimiter;
import io.skald.ring.autoconfigure.RingRegistry;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A distributor whose ingester ring is empty: ready (it is registered in its own ring), but cannot write. */
class DistributorWithoutIngestersTest {
    private static RunningDistributor distributor;

    @BeforeAll
    static void start() {
        distributor = RunningDistributor.start("auth_enabled: false\n");
    }

    @AfterAll
    static void stop() {
        if (distributor != null) {
            distributor.close();
        }
    }

    @Test
    void aPushToAnEmptyRingFailsWith500EmptyRing() {
        HttpResponse<String> response = distributor.post(
                "/loki/api/v1/push",
                null,
                protobuf(stream("{app=\"x\"}", entry("nowhere to go"))),
                "Content-Type",
                "application/x-protobuf");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("empty ring\n");
        assertThat(distributor.metric("loki_distributor_lines_received_total{tenant=\"fake\"}"))
                .isEqualTo(1);
    }

    @Test
    void readyOnlyWhileRegisteredInTheDistributorRing() {
        DistributorRingMember member = distributor.bean(DistributorRingMember.class);
        assertThat(member.notReadyReason()).isNull();
        assertThat(distributor.get("/ready").statusCode()).isEqualTo(200);
        assertThat(distributor.get("/services").body()).contains("distributor => Running");
    }

    @Test
    void aMemberIsReadyOnlyBetweenJoiningAndLeaving() {
        DistributorRingMember other = new DistributorRingMember(
                distributor.bean(RingRegistry.class), distributor.bean(DistributorSettings.class), "other-distributor");
        assertThat(other.notReadyReason()).isEqualTo("not registered in the distributor ring yet");

        other.start("127.0.0.1:1", "127.0.0.1:2");
        assertThat(other.notReadyReason()).isNull();
        RunningDistributor.await(() -> other.healthyDistributors() == 2, "two healthy distributors");
        // The global strategy shares the tenant's 4 MiB/s evenly between the healthy distributors.
        IngestionRateLimiter limiter = distributor.bean(IngestionRateLimiter.class);
        assertThat(limiter.limit("fake")).isEqualTo(2 * 1024 * 1024);

        other.stop();
        assertThat(other.notReadyReason()).isEqualTo("instance other-distributor in state LEAVING");
        RunningDistributor.await(() -> other.healthyDistributors() == 1, "one healthy distributor");
        assertThat(limiter.limit("fake")).isEqualTo(4 * 1024 * 1024);
    }
}
