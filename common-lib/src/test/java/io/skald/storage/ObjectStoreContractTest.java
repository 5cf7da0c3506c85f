package io.skald.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every {@link ObjectStore} must do; each implementation's test extends this. */
abstract class ObjectStoreContractTest {
    protected ObjectStore store;

    /** A new, empty store for one test. */
    protected abstract ObjectStore newStore() throws Exception;

    @BeforeEach
    void createStore() throws Exception {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void putThenGetReturnsTheSameBytes() {
        byte[] data = new byte[70_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        store.put("tenant/chunks/abc", data);

        assertThat(store.get("tenant/chunks/abc")).isEqualTo(data);
        assertThat(store.exists("tenant/chunks/abc")).isTrue();
    }

    @Test
    void emptyObjectsAreObjects() {
        store.put("empty", new byte[0]);

        assertThat(store.get("empty")).isEmpty();
        assertThat(store.exists("empty")).isTrue();
        assertThat(store.list("")).containsExactly("empty");
    }

    @Test
    void putReplacesAnExistingObject() {
        store.put("a/b", bytes("first version, longer"));
        store.put("a/b", bytes("second"));

        assertThat(store.get("a/b")).isEqualTo(bytes("second"));
    }

    @Test
    void missingObjectIsObjectNotFound() {
        assertThatThrownBy(() -> store.get("no/such/key"))
                .isInstanceOf(ObjectNotFoundException.class)
                .hasMessage("object not found: no/such/key");
        assertThatThrownBy(() -> store.getRange("no/such/key", 0, 10)).isInstanceOf(ObjectNotFoundException.class);
        assertThat(store.exists("no/such/key")).isFalse();
    }

    @Test
    void aPrefixOfAKeyIsNotAnObject() {
        store.put("dir/file", bytes("x"));

        assertThat(store.exists("dir")).isFalse();
        assertThatThrownBy(() -> store.get("dir")).isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    void getRangeReadsPartOfAnObject() {
        store.put("r", bytes("0123456789"));

        assertThat(store.getRange("r", 2, 3)).isEqualTo(bytes("234"));
        assertThat(store.getRange("r", 0, 10)).isEqualTo(bytes("0123456789"));
        assertThat(store.getRange("r", 7, 100)).isEqualTo(bytes("789"));
        assertThat(store.getRange("r", 9, 1)).isEqualTo(bytes("9"));
        assertThat(store.getRange("r", 10, 5)).isEmpty();
        assertThat(store.getRange("r", 3, 0)).isEmpty();
    }

    @Test
    void listIsRecursiveSortedAndMatchesPlainStringPrefixes() {
        for (String key :
                List.of("t1/index/b", "t1/chunks/2", "t1/chunks/1", "t1/chunks/sub/3", "t2/chunks/1", "t10/x")) {
            store.put(key, bytes(key));
        }

        assertThat(store.list("t1/")).containsExactly("t1/chunks/1", "t1/chunks/2", "t1/chunks/sub/3", "t1/index/b");
        assertThat(store.list("t1/chunks/")).containsExactly("t1/chunks/1", "t1/chunks/2", "t1/chunks/sub/3");
        assertThat(store.list("t1/ch")).containsExactly("t1/chunks/1", "t1/chunks/2", "t1/chunks/sub/3");
        assertThat(store.list("t1")).hasSize(5).contains("t10/x");
        assertThat(store.list("")).hasSize(6).isSorted();
        assertThat(store.list("nothing/")).isEmpty();
    }

    @Test
    void deleteRemovesAndIsIdempotent() {
        store.put("d/one", bytes("1"));
        store.put("d/two", bytes("2"));

        store.delete("d/one");
        store.delete("d/one");
        store.delete("never/existed");

        assertThat(store.exists("d/one")).isFalse();
        assertThat(store.list("d/")).containsExactly("d/two");
        store.delete("d/two");
        assertThat(store.list("")).isEmpty();
        store.put("d/three", bytes("3"));
        assertThat(store.list("")).containsExactly("d/three");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "../escape", "a/../../b", "a//b", "/abs", "a/./b", "trailing/", "back\\slash"})
    void rejectsInvalidKeys(String key) {
        assertThatThrownBy(() -> store.put(key, bytes("x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.get(key)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsTraversalInListPrefixes() {
        assertThatThrownBy(() -> store.list("../")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentWritersAndReadersSeeWholeObjects() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int writer = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        byte[] data = new byte[1000 + writer];
                        Arrays.fill(data, (byte) writer);
                        store.put("shared/key", data);
                        store.put("own/" + writer + "/" + i, data);
                        byte[] read = store.get("shared/key");
                        // Whatever version a reader gets, it is one writer's whole object.
                        assertThat(read).hasSize(1000 + read[0]).containsOnly(read[0]);
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.list("own/")).hasSize(40);
    }
}
