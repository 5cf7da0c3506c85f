package io.skald.ring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RingStatusPageTest {
    private final MutableClock clock = new MutableClock(1_700_000_000_000L);
    private final InMemoryRingStore store = new InMemoryRingStore("ingester");
    private final Ring ring = new Ring(new RingConfig("ingester", 1, Duration.ofMinutes(1), false), store, clock);
    private final RingStatusPage page = new RingStatusPage(ring, clock);

    private void fill() {
        store.put(new InstanceDesc(
                "ing-a",
                "10.0.0.1:9095",
                "10.0.0.1:3100",
                "z1",
                InstanceState.ACTIVE,
                List.of(0, Integer.MIN_VALUE),
                clock.millis(),
                clock.millis() - 1000));
        store.put(new InstanceDesc(
                "ing-b<z>",
                "10.0.0.2:9095",
                "10.0.0.2:3100",
                "z2",
                InstanceState.ACTIVE,
                List.of(-1),
                clock.millis() - 120_000,
                clock.millis() - 5000));
        ring.refresh();
    }

    @Test
    void jsonHasLokisShape() {
        fill();

        JsonNode doc = JsonMapper.builder().build().readTree(page.json());

        assertThat(doc.get("now").asString()).isEqualTo("2023-11-14T22:13:20Z");
        JsonNode shards = doc.get("shards");
        assertThat(shards).hasSize(2);
        JsonNode a = shards.get(0);
        assertThat(a.get("id").asString()).isEqualTo("ing-a");
        assertThat(a.get("state").asString()).isEqualTo("ACTIVE");
        assertThat(a.get("address").asString()).isEqualTo("10.0.0.1:9095");
        assertThat(a.get("zone").asString()).isEqualTo("z1");
        assertThat(a.get("timestamp").asString()).isEqualTo("2023-11-14T22:13:20Z");
        assertThat(a.get("registered_timestamp").asString()).isEqualTo("2023-11-14T22:13:19Z");
        assertThat(a.get("tokens").get(1).asLong()).isEqualTo(2_147_483_648L);
        assertThat(a.get("ownership").asString()).isEqualTo("50.00%");
        assertThat(shards.get(1).get("state").asString()).isEqualTo("UNHEALTHY");
    }

    @Test
    void htmlListsInstancesWithEscapedIdsAndForgetButtons() {
        fill();

        String html = page.html();

        assertThat(html)
                .contains("<td>ing-a</td>")
                .contains("<td>ing-b&lt;z&gt;</td>")
                .contains("<td>UNHEALTHY</td>")
                .contains("<button name=\"forget\" value=\"ing-a\" type=\"submit\">Forget</button>")
                .contains("<td>50.00%</td>")
                .doesNotContain("<z>");
    }

    @Test
    void forgetFormRemovesTheInstance() {
        fill();

        page.handleForm(Map.of("forget", "ing-b<z>"));

        assertThat(store.get("ing-b<z>")).isEmpty();
        assertThat(page.json()).doesNotContain("10.0.0.2");
    }
}
