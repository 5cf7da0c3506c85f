package io.skald.scheduler.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequestQueueTest {

    /** Items are "tenant:n"; the expected order is the order items come out. */
    static Stream<Arguments> orders() {
        return Stream.of(
                Arguments.of(List.of("a:1", "a:2", "a:3"), List.of("a:1", "a:2", "a:3")),
                Arguments.of(
                        List.of("a:1", "a:2", "a:3", "a:4", "b:1", "b:2"),
                        List.of("a:1", "b:1", "a:2", "b:2", "a:3", "a:4")),
                Arguments.of(
                        List.of("a:1", "a:2", "b:1", "c:1", "c:2", "c:3"),
                        List.of("a:1", "b:1", "c:1", "a:2", "c:2", "c:3")),
                Arguments.of(List.of("b:1", "a:1", "b:2", "a:2"), List.of("b:1", "a:1", "b:2", "a:2")));
    }

    @ParameterizedTest
    @MethodSource("orders")
    void tenantsTakeTurns(List<String> enqueued, List<String> expected) {
        RequestQueue<String> queue = new RequestQueue<>(100);
        for (String item : enqueued) {
            assertThat(queue.enqueue(item.substring(0, 1), item)).isTrue();
        }
        assertThat(drain(queue)).containsExactlyElementsOf(expected);
        assertThat(queue.size()).isZero();
        assertThat(queue.tenants()).isEmpty();
    }

    @Test
    void aTenantThatReturnsJoinsTheEndOfTheRotation() {
        RequestQueue<String> queue = new RequestQueue<>(100);
        queue.enqueue("a", "a:1");
        queue.enqueue("b", "b:1");
        queue.enqueue("b", "b:2");
        assertThat(queue.dequeue().item()).isEqualTo("a:1");
        queue.enqueue("a", "a:2");
        assertThat(drain(queue)).containsExactly("b:1", "a:2", "b:2");
    }

    @Test
    void theLimitIsPerTenant() {
        RequestQueue<String> queue = new RequestQueue<>(2);
        assertThat(queue.enqueue("a", "a:1")).isTrue();
        assertThat(queue.enqueue("a", "a:2")).isTrue();
        assertThat(queue.enqueue("a", "a:3")).isFalse();
        assertThat(queue.enqueue("b", "b:1")).isTrue();
        assertThat(queue.length("a")).isEqualTo(2);
        assertThat(queue.size()).isEqualTo(3);
        queue.dequeue();
        assertThat(queue.enqueue("a", "a:3")).isTrue();
    }

    @Test
    void removedItemsAreNotServedAndEmptyTenantsLeaveTheRotation() {
        RequestQueue<String> queue = new RequestQueue<>(10);
        queue.enqueue("a", "a:1");
        queue.enqueue("b", "b:1");
        queue.enqueue("a", "a:2");
        assertThat(queue.remove("b", "b:1")).isTrue();
        assertThat(queue.remove("b", "b:1")).isFalse();
        assertThat(queue.remove("c", "c:1")).isFalse();
        assertThat(queue.tenants()).containsExactly("a");
        assertThat(drain(queue)).containsExactly("a:1", "a:2");
    }

    @Test
    void rejectsANonPositiveLimit() {
        assertThatThrownBy(() -> new RequestQueue<String>(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> drain(RequestQueue<String> queue) {
        List<String> out = new ArrayList<>();
        for (RequestQueue.Dequeued<String> next = queue.dequeue(); next != null; next = queue.dequeue()) {
            assertThat(next.item()).startsWith(next.tenant() + ":");
            out.add(next.item());
        }
        return out;
    }
}
